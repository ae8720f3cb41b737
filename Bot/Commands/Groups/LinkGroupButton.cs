using Bot.Commands.Callbacks;
using Bot.Domain.Chapters;
using Bot.Domain.Groups;

namespace Bot.Commands.Groups;

/// <summary>A chapter's button under the /linkgroup question: links the group the button is in to that chapter,
/// if the one pressing it is an admin there. The buttons go once the group is linked.</summary>
public sealed class LinkGroupButton(GroupMenus menus) : ICallbackHandler
{
    public const string RouteName = "grplink";

    public string Route => RouteName;

    public Access Access => Access.Admin;

    public static CallbackData For(Chapter chapter) => CallbackData.Of(RouteName, chapter.Id);

    public async Task Handle(CallbackContext ctx, CallbackData data, CancellationToken ct)
    {
        if (ctx.IsPrivate || !data.TryGetLong(0, out var chapterId) || ctx.Permissions.Tree.Find(chapterId) is not { } chapter)
        {
            ctx.Answer(ctx.Plain("Callback.Stale"));
            return;
        }

        var outcome = GroupLinks.Link(ctx.Permissions, ctx.Chat.Id, chapter);
        if (outcome is LinkOutcome.NotAdmin)
        {
            // Someone else's question: it stays for the admin it was meant for.
            ctx.Answer(ctx.Plain("Groups.Button.NotAdmin", chapter.Name), alert: true);
            return;
        }

        if (ctx.Message is { } question)
        {
            ctx.Outbox.EditKeyboard(ctx.Chat.Id, question.MessageId, null);
        }

        GroupLinkReplies.Show(ctx, outcome);
        await menus.After(ctx, outcome, ct);
        ctx.Answer(outcome is LinkOutcome.Linked or LinkOutcome.AlreadyLinked ? ctx.Plain("Groups.Button.Linked", chapter.Name) : null);
    }
}
