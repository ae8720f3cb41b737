using Bot.Domain.Chapters;
using Bot.Domain.Groups;

namespace Bot.Commands.Groups;

/// <summary>Keeps the command menu each organizer and admin has of their own in a group (Telegram's chat_member scope) in
/// step with the group's link, at the moment it changes rather than at the next start: their role's menu once the
/// group is linked to their chapter, a member's again once the link ends or moves to a chapter where they hold no
/// such role.</summary>
public sealed class GroupMenus(ChapterService chapters, IServiceProvider services)
{
    public async Task After(ChatContext ctx, LinkOutcome outcome, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (outcome is not LinkOutcome.Linked linked)
        {
            return;
        }

        var tree = ctx.Permissions.Tree;
        Set(ctx, ctx.Chat.Id, await chapters.Leaders(tree, linked.MovedFrom is { } before ? [before] : [], linked.Chapter, ct));
        if (linked.ReplacedGroupChatId is { } oldGroup)
        {
            Set(ctx, oldGroup, await chapters.Leaders(tree, [linked.Chapter], null, ct));
        }
    }

    public async Task After(ChatContext ctx, UnlinkOutcome outcome, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (outcome is UnlinkOutcome.Unlinked unlinked)
        {
            Set(ctx, ctx.Chat.Id, await chapters.Leaders(ctx.Permissions.Tree, [unlinked.Chapter], null, ct));
        }
    }

    private void Set(ChatContext ctx, long groupChatId, IReadOnlyList<(Member Member, Access Level)> leaders)
    {
        var commands = services.GetServices<IBotCommand>().ToList();
        foreach (var (member, level) in leaders)
        {
            // Below an organizer's, a member's menu: the one the group shows everyone, in place of an organizer's left from before.
            var menu = CommandMenuPublisher.Menu(commands, level < Access.Member ? Access.Member : level, ChatKinds.Group, ctx.Texts, ctx.Texts.CultureFor(member.Language));
            ctx.Outbox.SetMemberCommands(groupChatId, member.UserId, menu);
        }
    }
}
