namespace Bot.Domain.Chapters;

/// <summary>The one answer to "what may this person do here", asked by the router before any command, button
/// or dialog runs.</summary>
public interface IAccessPolicy
{
    /// <summary>The highest level <paramref name="userId"/> holds where <paramref name="chatId"/> belongs: in a
    /// private chat over all their chapters, in a linked group over that group's chapter.</summary>
    Task<Access> LevelOf(long userId, long chatId, bool privateChat, CancellationToken ct);
}
