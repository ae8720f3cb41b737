using Bot.Commands.Callbacks;
using Bot.Domain.Chapters;
using Bot.Domain.Groups;
using Bot.Telegram.Api;
using Bot.Telegram.Rendering;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Commands.Groups;

/// <summary>What the group hears about linking, the same from the command and from its buttons.</summary>
internal static class GroupLinkReplies
{
    /// <summary>More chapters than this are not offered as buttons; the rest can be typed.</summary>
    public const int MaxButtons = 30;

    public static void Show(ChatContext ctx, LinkOutcome outcome)
    {
        switch (outcome)
        {
            case LinkOutcome.Linked linked:
                List<Html> parts = [ctx.T("Groups.Linked", linked.Chapter.Name)];
                if (linked.MovedFrom is { } before)
                {
                    parts.Add(ctx.T("Groups.Linked.Moved", before.Name));
                }

                if (linked.ReplacedGroupChatId is { } oldGroup)
                {
                    parts.Add(ctx.T("Groups.Linked.Replaced", linked.Chapter.Name));
                    // The old group learns why the chapter's announcements stop coming.
                    ctx.Outbox.Send(oldGroup, ctx.T("Groups.ReplacedNotice", linked.Chapter.Name));
                }

                parts.Add(ctx.T("Groups.Linked.Footer"));
                ctx.Reply(Html.Join("\n\n", parts));
                break;
            case LinkOutcome.AlreadyLinked already:
                ctx.Say("Groups.AlreadyLinked", already.Chapter.Name);
                break;
            case LinkOutcome.NotAdmin refused:
                Choose(ctx, ctx.T("Groups.NotAdmin", refused.Chapter.Name));
                break;
            case LinkOutcome.LinkedToOther other:
                ctx.Say("Groups.LinkedToOther", other.Current.Name);
                break;
        }
    }

    public static void Show(ChatContext ctx, UnlinkOutcome outcome)
    {
        switch (outcome)
        {
            case UnlinkOutcome.Unlinked unlinked:
                ctx.Say("Groups.Unlinked", unlinked.Chapter.Name);
                break;
            case UnlinkOutcome.NotLinked:
                ctx.Say("Groups.NotLinked");
                break;
            case UnlinkOutcome.NotAdmin refused:
                ctx.Say("Groups.UnlinkNotAdmin", refused.Chapter.Name);
                break;
        }
    }

    /// <summary>Asks which chapter to link, with a button for each chapter the sender administers.</summary>
    public static void Choose(ChatContext ctx, Html? before = null)
    {
        var chapters = ctx.Permissions.Where(Access.Admin);
        var linkedHere = ctx.Permissions.Tree.ByGroup(ctx.Chat.Id)?.Id;
        var rows = chapters.Take(MaxButtons)
            .Select(c => (IReadOnlyList<InlineKeyboardButton>)
            [
                new InlineKeyboardButton(c.Id == linkedHere ? $"🔗 {c.Name}" : c.Name) { CallbackData = CallbackCodec.Encode(LinkGroupButton.For(c)) },
            ])
            .ToList();
        var question = ctx.T("Groups.Choose", chapters.Count > 0 ? chapters[^1].Name : "");
        ctx.Reply(before is { } intro ? Html.Join("\n\n", [intro, question]) : question, rows.Count > 0 ? new InlineKeyboardMarkup(rows) : null);
    }
}
