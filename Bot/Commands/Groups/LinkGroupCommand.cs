using Bot.Domain.Chapters;
using Bot.Domain.Groups;

namespace Bot.Commands.Groups;

/// <summary>/linkgroup [chapter]: an admin links the group they write in to a chapter, whose announcements and
/// event cards are then posted there. Without a name it takes the one chapter they administer, else offers
/// buttons; <c>/linkgroup off</c> ends the link.</summary>
public sealed class LinkGroupCommand : IBotCommand
{
    /// <summary>The words that end the link, unless a chapter is called that.</summary>
    private static readonly string[] Off = ["off", "aus"];

    public string Name => "linkgroup";

    public Access Access => Access.Admin;

    public ChatKinds Chats => ChatKinds.Group;

    public Task Run(ChatContext ctx, CancellationToken ct)
    {
        var tree = ctx.Permissions.Tree;
        var wanted = ctx.Args;
        if (wanted.Length == 0)
        {
            if (ctx.Permissions.Default(Access.Admin) is { } only)
            {
                GroupLinkReplies.Show(ctx, GroupLinks.Link(ctx.Permissions, ctx.Chat.Id, only));
            }
            else
            {
                GroupLinkReplies.Choose(ctx);
            }

            return Task.CompletedTask;
        }

        if (tree.Find(wanted) is { } chapter)
        {
            GroupLinkReplies.Show(ctx, GroupLinks.Link(ctx.Permissions, ctx.Chat.Id, chapter));
        }
        else if (Off.Contains(wanted, StringComparer.OrdinalIgnoreCase))
        {
            GroupLinkReplies.Show(ctx, GroupLinks.Unlink(ctx.Permissions, ctx.Chat.Id));
        }
        else
        {
            GroupLinkReplies.Choose(ctx, ctx.T("Groups.UnknownChapter", Shorten(wanted)));
        }

        return Task.CompletedTask;
    }

    /// <summary>Typed text is echoed, but never more than a chapter name could be.</summary>
    private static string Shorten(string text) =>
        text.Length <= Chapter.MaxNameLength ? text : string.Concat(text.AsSpan(0, Chapter.MaxNameLength), "…");
}
