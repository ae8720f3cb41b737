using Bot.Domain.Chapters;
using Bot.Domain.Groups;
using Bot.Texts;

namespace Bot.Commands.Groups;

/// <summary>/linkgroup [chapter]: an admin links the group they write in to a chapter, whose announcements and
/// event cards are then posted there. Without a name it takes the one chapter they administer, else offers
/// buttons; <c>/linkgroup off</c> ends the link.</summary>
public sealed class LinkGroupCommand(GroupMenus menus) : IBotCommand
{
    /// <summary>The words that end the link, unless a chapter is called that.</summary>
    private static readonly string[] Off = ["off", "aus"];

    public string Name => "linkgroup";

    public Access Access => Access.Admin;

    public ChatKinds Chats => ChatKinds.Group;

    public async Task Run(ChatContext ctx, CancellationToken ct)
    {
        var tree = ctx.Permissions.Tree;
        var wanted = ctx.Args;
        if (wanted.Length == 0)
        {
            if (ctx.Permissions.Default(Access.Admin) is { } only)
            {
                await Link(ctx, only, ct);
            }
            else
            {
                GroupLinkReplies.Choose(ctx);
            }

            return;
        }

        if (tree.Find(wanted) is { } chapter)
        {
            await Link(ctx, chapter, ct);
        }
        else if (Off.Contains(wanted, StringComparer.OrdinalIgnoreCase))
        {
            var outcome = GroupLinks.Unlink(ctx.Permissions, ctx.Chat.Id);
            GroupLinkReplies.Show(ctx, outcome);
            await menus.After(ctx, outcome, ct);
        }
        else
        {
            GroupLinkReplies.Choose(ctx, ctx.T("Groups.UnknownChapter", TextCut.Shorten(wanted, Chapter.MaxNameLength + TextCut.Ellipsis.Length)));
        }
    }

    private async Task Link(ChatContext ctx, Chapter chapter, CancellationToken ct)
    {
        var outcome = GroupLinks.Link(ctx.Permissions, ctx.Chat.Id, chapter);
        GroupLinkReplies.Show(ctx, outcome);
        await menus.After(ctx, outcome, ct);
    }
}
