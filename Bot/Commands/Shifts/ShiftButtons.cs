using Bot.Commands.Callbacks;
using Bot.Domain.Canvassing;
using Bot.Domain.Chapters;
using Bot.Domain.Messaging;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Commands.Shifts;

/// <summary>The buttons under every shift card: 🙋 signs up (a slot, or the waitlist), 🚪 withdraws (the first
/// waiting moves up and is told), and for organizers ✏️ offers the <c>/editshift</c> line filled in and 🚫 cancels after a confirmation, telling everyone signed up.
/// Every copy of the card is updated. Who may press is the domain's decision; a forged or stale press changes
/// nothing.</summary>
public sealed class ShiftButtons(ShiftService shifts, ShiftCards cards, ShiftNotices notices, ShiftCard card) : ICallbackHandler
{
    private const string Confirm = "xx";

    public string Route => ShiftCard.Route;

    // Who may sign up is decided per shift by Permissions (a member of a sub-chapter joins its parent's shifts).
    public Access Access => Access.Anyone;

    public async Task Handle(CallbackContext ctx, CallbackData data, CancellationToken ct)
    {
        if (!data.TryGetLong(0, out var shiftId) || data.ArgumentCount != 2)
        {
            ctx.Answer(ctx.Plain("Callback.Stale"));
            return;
        }

        switch (data.Token(1))
        {
            case ShiftCard.SignUp:
                await Show(ctx, shiftId, await shifts.SignUp(ctx.Permissions, shiftId, ct), ct);
                break;
            case ShiftCard.Withdraw:
                await Show(ctx, shiftId, await shifts.Withdraw(ctx.Permissions, shiftId, ct), ct);
                break;
            case ShiftCard.Cancel:
                await AskCancel(ctx, shiftId, ct);
                break;
            case ShiftCard.Edit:
                await OfferEdit(ctx, shiftId, ct);
                break;
            case Confirm:
                await ConfirmCancel(ctx, shiftId, ct);
                break;
            default:
                ctx.Answer(ctx.Plain("Callback.Stale"));
                break;
        }
    }

    private async Task Show(CallbackContext ctx, long shiftId, SignUpOutcome outcome, CancellationToken ct)
    {
        switch (outcome)
        {
            case SignUpOutcome.Recorded recorded:
                ctx.Answer(recorded.Roster.HasPlace(ctx.From.Id) ? ctx.Plain("Shift.Answer.In")
                    : recorded.Roster.WaitlistPlace(ctx.From.Id) is { } place ? ctx.Plain("Shift.Answer.Waiting", place)
                    : ctx.Plain("Shift.Answer.Out"));
                await cards.Refresh(shiftId, ctx.Chat.Id, ct, Pressed(ctx));
                await notices.Promoted(recorded.Shift, recorded.Promoted, Urgency.Interactive, ct);
                break;
            case SignUpOutcome.NotSignedUp:
                ctx.Answer(ctx.Plain("Shift.Answer.NotSignedUp"));
                break;
            case SignUpOutcome.Closed:
                ctx.Answer(ctx.Plain("Shift.Answer.Closed"), alert: true);
                await cards.Refresh(shiftId, ctx.Chat.Id, ct, Pressed(ctx));
                break;
            case SignUpOutcome.Cancelled:
                ctx.Answer(ctx.Plain("Shift.Answer.Cancelled"), alert: true);
                break;
            default:
                ctx.Answer(ctx.Permissions.IsMember ? ctx.Plain("Callback.Stale") : ctx.Plain("Shift.NotForYou"), alert: !ctx.Permissions.IsMember);
                break;
        }
    }

    private async Task AskCancel(CallbackContext ctx, long shiftId, CancellationToken ct)
    {
        if (await shifts.View(ctx.Permissions, shiftId, ct) is not { } view || !ctx.Permissions.CanOrganize(view.Shift.ChapterId))
        {
            ctx.Answer(ctx.Plain("Callback.NotAllowed"), alert: true);
            return;
        }

        ctx.Answer();
        var confirm = new InlineKeyboardButton(ctx.Plain("Shift.Cancel.Confirm"))
        {
            CallbackData = CallbackCodec.Encode(CallbackData.Of(ShiftCard.Route, shiftId, Confirm)),
        };
        ctx.Reply(ctx.T("Shift.Cancel.Ask", view.Shift.Area, card.Span(view.Shift, ctx.Culture), view.Roster.Taken + view.Roster.Waitlisted), new InlineKeyboardMarkup([[confirm]]));
    }

    private async Task OfferEdit(CallbackContext ctx, long shiftId, CancellationToken ct)
    {
        if (await shifts.View(ctx.Permissions, shiftId, ct) is not { } view || !ctx.Permissions.CanOrganize(view.Shift.ChapterId))
        {
            ctx.Answer(ctx.Plain("Callback.NotAllowed"), alert: true);
            return;
        }

        ctx.Answer();
        ctx.Say("Shift.Edit.Offer", view.Shift.Area, card.EditLine(view.Shift, ctx.Culture));
    }

    private async Task ConfirmCancel(CallbackContext ctx, long shiftId, CancellationToken ct)
    {
        switch (await shifts.Cancel(ctx.Permissions, shiftId, ct))
        {
            case CancelShiftOutcome.Cancelled cancelled:
                var told = await notices.Cancelled(cancelled, ctx.From.Id, ct);
                ctx.Answer();
                if (ctx.Message is { } message)
                {
                    ctx.Outbox.EditKeyboard(ctx.Chat.Id, message.MessageId, null);
                }

                ctx.Say("Shift.Cancel.Done", cancelled.Shift.Area, told);
                await cards.Refresh(shiftId, ctx.Chat.Id, ct);
                break;
            case CancelShiftOutcome.AlreadyCancelled:
                ctx.Answer(ctx.Plain("Shift.Answer.Cancelled"), alert: true);
                break;
            case CancelShiftOutcome.Started:
                ctx.Answer(ctx.Plain("Shift.Cancel.Started"), alert: true);
                break;
            default:
                ctx.Answer(ctx.Plain("Callback.NotAllowed"), alert: true);
                break;
        }
    }

    private static (long, long)? Pressed(CallbackContext ctx) =>
        ctx.Message is { } message ? (ctx.Chat.Id, message.MessageId) : null;
}
