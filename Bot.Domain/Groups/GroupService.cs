using Bot.Domain.Chapters;

namespace Bot.Domain.Groups;

/// <summary>What happens to group links when the group itself changes: the bot joins or leaves it, or Telegram
/// gives it a new id. Linking and unlinking by people is <see cref="GroupLinks"/>'.</summary>
public sealed class GroupService(IChapterStore store)
{
    /// <summary>Whether the group serves a chapter.</summary>
    public async Task<bool> IsLinked(long chatId, CancellationToken ct) => (await store.Tree(ct)).ByGroup(chatId) is not null;

    /// <summary>The bot is no longer in the group: the chapter it served, if any, has no group now.</summary>
    public async Task<Chapter?> BotLeft(long chatId, CancellationToken ct) => GroupLinks.Forget(await store.Tree(ct), chatId);

    /// <summary>A group that became a supergroup stays linked under its new id. Returns the chapters moved.</summary>
    public async Task<IReadOnlyList<Chapter>> Migrated(long fromChatId, long toChatId, CancellationToken ct)
    {
        var linked = (await store.Tree(ct)).All.Where(c => c.GroupChatId == fromChatId).ToList();
        foreach (var chapter in linked)
        {
            chapter.GroupChatId = toChatId;
        }

        return linked;
    }
}
