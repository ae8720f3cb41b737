using Bot.Persistence;
using Bot.Telegram;
using Microsoft.EntityFrameworkCore;

namespace Bot.Commands.Groups;

/// <summary>A linked group that became a supergroup stays linked under its new id.</summary>
public sealed class GroupLinkMigration : IChatMigrationListener
{
    public async Task ChatMigrated(BotDbContext db, long fromChatId, long toChatId, CancellationToken ct)
    {
        var linked = await db.Chapters.Where(c => c.GroupChatId == fromChatId).ToListAsync(ct);
        foreach (var chapter in linked)
        {
            chapter.GroupChatId = toChatId;
        }
    }
}
