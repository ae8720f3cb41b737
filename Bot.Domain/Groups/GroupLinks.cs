using Bot.Domain.Chapters;

namespace Bot.Domain.Groups;

/// <summary>Which group chat a chapter posts its announcements in. A chapter links at most one group and a
/// group at most one chapter, so linking moves or replaces a link rather than adding one; only an admin of the
/// chapters involved may change it. The changes are made on the tree's chapters and committed with the caller's
/// unit of work.</summary>
public static class GroupLinks
{
    /// <summary>Links the group <paramref name="chatId"/> to <paramref name="chapter"/>, taking the group from the
    /// chapter it served before and the chapter from the group it had before.</summary>
    public static LinkOutcome Link(Permissions actor, long chatId, Chapter chapter)
    {
        if (!actor.IsAdminOf(chapter.Id))
        {
            return new LinkOutcome.NotAdmin(chapter);
        }

        var current = actor.Tree.ByGroup(chatId);
        if (current?.Id == chapter.Id)
        {
            return new LinkOutcome.AlreadyLinked(chapter);
        }

        if (current is not null && !actor.IsAdminOf(current.Id))
        {
            // The group serves a chapter this person has no say in: it is not theirs to take away.
            return new LinkOutcome.LinkedToOther(current);
        }

        var replaced = chapter.GroupChatId;
        if (current is not null)
        {
            current.GroupChatId = null;
        }

        chapter.GroupChatId = chatId;
        return new LinkOutcome.Linked(chapter, current, replaced);
    }

    /// <summary>Ends the link of the group <paramref name="chatId"/>, by an admin of its chapter.</summary>
    public static UnlinkOutcome Unlink(Permissions actor, long chatId)
    {
        if (actor.Tree.ByGroup(chatId) is not { } chapter)
        {
            return new UnlinkOutcome.NotLinked();
        }

        if (!actor.IsAdminOf(chapter.Id))
        {
            return new UnlinkOutcome.NotAdmin(chapter);
        }

        chapter.GroupChatId = null;
        return new UnlinkOutcome.Unlinked(chapter);
    }

    /// <summary>The bot is no longer in the group: whichever chapter it served has no group now. Returns that
    /// chapter, if any.</summary>
    public static Chapter? Forget(ChapterTree tree, long chatId)
    {
        if (tree.ByGroup(chatId) is not { } chapter)
        {
            return null;
        }

        chapter.GroupChatId = null;
        return chapter;
    }
}

public abstract record LinkOutcome
{
    /// <summary>Linked; <paramref name="MovedFrom"/> is the chapter the group served before, and
    /// <paramref name="ReplacedGroupChatId"/> the group the chapter posted in before, when there were.</summary>
    public sealed record Linked(Chapter Chapter, Chapter? MovedFrom, long? ReplacedGroupChatId) : LinkOutcome;
    public sealed record AlreadyLinked(Chapter Chapter) : LinkOutcome;
    public sealed record NotAdmin(Chapter Chapter) : LinkOutcome;
    public sealed record LinkedToOther(Chapter Current) : LinkOutcome;
}

public abstract record UnlinkOutcome
{
    public sealed record Unlinked(Chapter Chapter) : UnlinkOutcome;
    public sealed record NotLinked : UnlinkOutcome;
    public sealed record NotAdmin(Chapter Chapter) : UnlinkOutcome;
}
