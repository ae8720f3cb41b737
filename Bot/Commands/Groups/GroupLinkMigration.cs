using Bot.Domain.Groups;
using Bot.Telegram;

namespace Bot.Commands.Groups;

/// <summary>A linked group that became a supergroup stays linked under its new id.</summary>
public sealed class GroupLinkMigration(GroupService groups) : IChatMigrationListener
{
    public async Task ChatMigrated(long fromChatId, long toChatId, CancellationToken ct) =>
        await groups.Migrated(fromChatId, toChatId, ct);
}
