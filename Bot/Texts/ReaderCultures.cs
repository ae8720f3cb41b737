using System.Globalization;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Texts;

/// <summary>The language each of many readers reads, looked up at once: a member's chosen one, else the default
/// (also for chats that are no member's, such as groups).</summary>
public sealed class ReaderCultures(BotDbContext db, TextCatalog texts)
{
    public async Task<Func<long, CultureInfo>> Of(IReadOnlyCollection<long> chatIds, CancellationToken ct)
    {
        var users = chatIds.Where(id => id > 0).Distinct().ToList();
        var languages = users.Count == 0
            ? []
            : await db.Members.AsNoTracking().Where(m => users.Contains(m.UserId)).ToDictionaryAsync(m => m.UserId, m => m.Language, ct);
        return chatId => texts.CultureFor(languages.GetValueOrDefault(chatId));
    }
}
