using Bot.Commands.Callbacks;
using Bot.Domain.Chapters;
using Bot.Domain.Time;
using Bot.Telegram.Api;
using Bot.Telegram.Rendering;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Commands.Chapters;

/// <summary>The chapter buttons of /invite: the press makes the invite, and the question turns into it. The
/// buttons carry the chapter, the validity in hours and the uses; all of it is checked again, because button
/// data can be forged.</summary>
public sealed class InviteChoice(ChapterService chapters, ChapterClock clock) : ICallbackHandler
{
    public const string RouteKey = "ivch";

    public string Route => RouteKey;

    public Access Access => Access.Admin;

    public async Task Handle(CallbackContext ctx, CallbackData data, CancellationToken ct)
    {
        if (!data.TryGetLong(0, out var chapterId) || !data.TryGetLong(1, out var hours) || !data.TryGetLong(2, out var uses)
            || ctx.Permissions.Tree.Find(chapterId) is not { } chapter || ctx.Message is not { } message
            || hours > ChapterService.MaxInviteValidity.TotalHours || uses > ChapterService.MaxInviteUses)
        {
            ctx.Answer(ctx.Plain("Callback.Stale"));
            return;
        }

        var (text, keyboard) = await Create(ctx, chapters, clock, chapter, TimeSpan.FromHours(hours), (int)uses, ct);
        ctx.Outbox.Edit(ctx.Chat.Id, message.MessageId, text, keyboard);
    }

    /// <summary>Makes the invite if the policy allows it; the card to show, or why not.</summary>
    internal static async Task<(Html Text, InlineKeyboardMarkup? Keyboard)> Create(
        ChatContext ctx, ChapterService chapters, ChapterClock clock, Chapter chapter, TimeSpan validity, int uses, CancellationToken ct)
    {
        switch (await chapters.CreateInvite(ctx.Permissions, chapter, validity, uses, ct))
        {
            case InviteOutcome.Created created:
                return (InviteCard.Text(ctx, created.Invite, created.Chapter, clock.Zone), InviteCard.Keyboard(ctx, created.Invite));
            case InviteOutcome.NotAdmin:
                return (ctx.T("Invite.NotAdmin", chapter.Name), null);
            default:
                return (Html.Join("\n\n", [ctx.T("Invite.BadNumbers"), ctx.T("Invite.Usage")]), null);
        }
    }
}
