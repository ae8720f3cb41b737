using Bot.Commands.Callbacks;
using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Bot.Domain.Messaging;
using Bot.Texts;

namespace Bot.Commands.Events;

/// <summary>The answer buttons under every event card (✅ 🤔 ❌, +1, and the closed notice). A press records or
/// changes the answer, is confirmed in the callback answer, updates every copy of the card, and tells whoever
/// moved up from the waitlist. Who may answer is the domain's decision (members of the chapter and the chapters
/// below it); a forged or stale press changes nothing.</summary>
public sealed class RsvpButtons(EventService events, EventCards cards, FreedPlaces freed) : ICallbackHandler
{
    public string Route => EventCard.RsvpRoute;

    // Who may answer is decided per event by Permissions (a member of a sub-chapter answers its parent's events).
    public Access Access => Access.Anyone;

    public async Task Handle(CallbackContext ctx, CallbackData data, CancellationToken ct)
    {
        var standalone = data.ArgumentCount == 3 && data.Token(2) == EventCard.Standalone;
        if (!data.TryGetLong(0, out var eventId) || data.Token(1) is not ("y" or "m" or "n" or "g" or "c") || (data.ArgumentCount != 2 && !standalone))
        {
            ctx.Answer(ctx.Plain("Callback.Stale"));
            return;
        }

        if (!ctx.Permissions.IsMember)
        {
            ctx.Answer(ctx.Plain("Event.NotForYou"), alert: true);
            return;
        }

        var outcome = data.Token(1) switch
        {
            "y" => await events.Answer(ctx.Permissions, eventId, Answer.Yes, ct),
            "m" => await events.Answer(ctx.Permissions, eventId, Answer.Maybe, ct),
            "n" => await events.Answer(ctx.Permissions, eventId, Answer.No, ct),
            "g" => await events.AddGuest(ctx.Permissions, eventId, ct),
            _ => await events.View(ctx.Permissions, eventId, ct) is { } view
                ? new AnswerOutcome.Closed(view.Event)
                : new AnswerOutcome.NotFound(),
        };

        switch (outcome)
        {
            case AnswerOutcome.Recorded recorded:
                ctx.Answer(data.Token(1) == "g" && recorded.Rsvp.Guests == 0 ? ctx.Plain("Event.Answer.GuestsRemoved") : Confirmation(ctx, recorded.Rsvp, recorded.Waitlist));
                await cards.Refresh(eventId, ctx.Chat.Id, ct, standalone ? null : Pressed(ctx),
                    (ctx.From.Id, new EventView(recorded.Event, recorded.Waitlist, recorded.Rsvp)));
                if (recorded.Promoted.Count > 0)
                {
                    await freed.Settle(recorded.Event, recorded.Promoted, Urgency.Interactive, ct);
                }
                break;
            case AnswerOutcome.Unchanged unchanged:
                // The card already shows this answer: editing it would only earn Telegram's "message is not modified".
                ctx.Answer(Confirmation(ctx, unchanged.Rsvp, unchanged.Waitlist));
                break;
            case AnswerOutcome.Closed:
                ctx.Answer(ctx.Plain("Event.Answer.Closed"), alert: true);
                await cards.Refresh(eventId, ctx.Chat.Id, ct, standalone ? null : Pressed(ctx));
                break;
            case AnswerOutcome.Cancelled:
                ctx.Answer(ctx.Plain("Event.Answer.Cancelled"), alert: true);
                break;
            case AnswerOutcome.GuestsNotAllowed:
                ctx.Answer(ctx.Plain("Event.Answer.NoGuests"));
                break;
            case AnswerOutcome.NoRoomForGuest:
                ctx.Answer(ctx.Plain("Event.Answer.NoRoomForGuest"), alert: true);
                break;
            default:
                ctx.Answer(ctx.Plain("Callback.Stale"));
                break;
        }
    }

    private static (long, long)? Pressed(CallbackContext ctx) =>
        ctx.Message is { } message ? (ctx.Chat.Id, message.MessageId) : null;

    private static string Confirmation(CallbackContext ctx, Rsvp rsvp, Waitlist waitlist) =>
        rsvp.Answer switch
        {
            Answer.Yes when waitlist.WaitlistPlace(ctx.From.Id) is { } place => ctx.Plain("Event.Answer.Waitlisted", place),
            Answer.Yes when rsvp.Guests > 0 => ctx.Plain(TextCatalog.Counted("Event.Answer.YesWithGuests", rsvp.Guests), rsvp.Guests),
            Answer.Yes => ctx.Plain("Event.Answer.Yes"),
            Answer.Maybe => ctx.Plain("Event.Answer.Maybe"),
            _ => ctx.Plain("Event.Answer.No"),
        };
}
