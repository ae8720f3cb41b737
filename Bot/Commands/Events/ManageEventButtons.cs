using Bot.Commands.Callbacks;
using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Bot.Telegram.Api;
using Bot.Telegram.Rendering;
using Bot.Texts;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Commands.Events;

/// <summary>The organizer buttons under an event card (👥 who is coming, ✏️ change, 🚫 cancel) and the
/// confirmation of a cancellation. Whether the presser organizes the event's chapter is asked of the one policy
/// for every press, and the domain asks again when something changes; anyone else (or a forged button) gets a
/// short refusal and sees nothing of the event.</summary>
public sealed class ManageEventButtons(EventService events, EventCards cards, EventNotices notices, LocalTime time) : ICallbackHandler
{
    public const string List = "list";
    public const string Edit = "edit";
    public const string Cancel = "cancel";
    private const string Confirm = "yes";
    private const string Keep = "no";

    public string Route => EventCard.ManageRoute;

    // Who organizes which event is decided per event by Permissions, not by the chat.
    public Access Access => Access.Anyone;

    public async Task Handle(CallbackContext ctx, CallbackData data, CancellationToken ct)
    {
        if (!data.TryGetLong(0, out var eventId) || data.ArgumentCount is < 2 or > 3)
        {
            ctx.Answer(ctx.Plain("Callback.Stale"));
            return;
        }

        switch (data.Token(1), data.ArgumentCount == 3 ? data.Token(2) : null, data.ArgumentCount)
        {
            case (List, null, 2):
                await ShowList(ctx, eventId, ct);
                break;
            case (Edit, null, 2):
                await StartEdit(ctx, eventId, ct);
                break;
            case (Cancel, null, 2):
                await AskCancel(ctx, eventId, ct);
                break;
            case (Cancel, Confirm, 3):
                await ConfirmCancel(ctx, eventId, ct);
                break;
            case (Cancel, Keep, 3):
                await KeepEvent(ctx, eventId, ct);
                break;
            default:
                ctx.Answer(ctx.Plain("Callback.Stale"));
                break;
        }
    }

    /// <summary>Names are personal data: the list always goes to the presser's private chat.</summary>
    private async Task ShowList(CallbackContext ctx, long eventId, CancellationToken ct)
    {
        if (await events.Attendees(ctx.Permissions, eventId, ct) is not AttendeesOutcome.Listed listed)
        {
            ctx.Answer(ctx.Plain("Callback.NotAllowed"), alert: true);
            return;
        }

        ctx.Outbox.Send(ctx.From.Id, AttendeeList.Render(listed, ctx.Texts, time, ctx.Culture));
        ctx.Answer(ctx.IsPrivate ? null : ctx.Plain("Organize.List.SentPrivately", ctx.Bot.Link()), alert: !ctx.IsPrivate);
    }

    private async Task StartEdit(CallbackContext ctx, long eventId, CancellationToken ct)
    {
        if (await Refused(ctx, eventId, ct) is null)
        {
            return;
        }

        ctx.Answer();
        await EditEventDialog.Start(ctx, eventId, ct);
    }

    private async Task AskCancel(CallbackContext ctx, long eventId, CancellationToken ct)
    {
        if (await Refused(ctx, eventId, ct) is not { } view)
        {
            return;
        }

        ctx.Answer();
        var e = view.Event;
        var keyboard = new InlineKeyboardMarkup([[
            Button(ctx.Plain("Organize.Cancel.Button.Yes"), eventId, Confirm),
            Button(ctx.Plain("Organize.Cancel.Button.Keep"), eventId, Keep),
        ]]);
        ctx.Reply(ctx.T("Organize.Cancel.Ask", e.Title, time.DateAndTime(e.StartsAt, ctx.Culture)), keyboard);
    }

    private async Task ConfirmCancel(CallbackContext ctx, long eventId, CancellationToken ct)
    {
        if (!ctx.IsPrivate)
        {
            ctx.Answer(ctx.Plain("Organize.PrivateOnly"), alert: true);
            return;
        }

        switch (await events.Cancel(ctx.Permissions, eventId, ct))
        {
            case CancelEventOutcome.Cancelled cancelled:
                ctx.Answer();
                var told = await notices.Cancelled(cancelled, ctx.From.Id, ct);
                await cards.RefreshEverywhere(eventId, ct, ctx.Chat.Id);
                ReplaceQuestion(ctx, Html.Join("\n", [ctx.T("Organize.Cancel.Done", cancelled.Event.Title), Told(ctx, told)]));
                break;
            case CancelEventOutcome.AlreadyCancelled:
                ctx.Answer(ctx.Plain("Organize.Cancel.Already"), alert: true);
                RemoveButtons(ctx);
                break;
            case CancelEventOutcome.Started:
                ctx.Answer(ctx.Plain("Organize.Cancel.Started"), alert: true);
                RemoveButtons(ctx);
                break;
            default:
                ctx.Answer(ctx.Plain("Callback.NotAllowed"), alert: true);
                break;
        }
    }

    private async Task KeepEvent(CallbackContext ctx, long eventId, CancellationToken ct)
    {
        if (await Refused(ctx, eventId, ct) is not { } view)
        {
            return;
        }

        ctx.Answer();
        ReplaceQuestion(ctx, ctx.T("Organize.Cancel.Kept", view.Event.Title));
    }

    /// <summary>How many were told, said so the organizer knows the message went out.</summary>
    internal static Html Told(ChatContext ctx, int count) =>
        count switch
        {
            0 => ctx.T("Organize.Told.None"),
            1 => ctx.T("Organize.Told.One"),
            _ => ctx.T("Organize.Told.Many", count),
        };

    /// <summary>The event when the presser may manage it here; otherwise answers the press and returns null. A
    /// started event still gets its question: the step after it says that it is too late.</summary>
    private async Task<EventView?> Refused(CallbackContext ctx, long eventId, CancellationToken ct)
    {
        var outcome = await events.Manage(ctx.Permissions, eventId, ct);
        if (outcome is ManageOutcome.NotFound or ManageOutcome.NotOrganizer)
        {
            ctx.Answer(ctx.Plain("Callback.NotAllowed"), alert: true);
            return null;
        }

        if (!ctx.IsPrivate)
        {
            // A dialog needs typed answers, which a group does not pass to the bot.
            ctx.Answer(ctx.Plain("Organize.PrivateOnly"), alert: true);
            return null;
        }

        switch (outcome)
        {
            case ManageOutcome.Manageable { View: var view }:
                return view;
            case ManageOutcome.Started { View: var view }:
                return view;
            default:
                ctx.Answer(ctx.Plain("Organize.Cancel.Already"), alert: true);
                return null;
        }
    }

    private static void ReplaceQuestion(CallbackContext ctx, Html text)
    {
        if (ctx.Message is { } question)
        {
            ctx.Outbox.Edit(ctx.Chat.Id, question.MessageId, text);
        }
        else
        {
            ctx.Reply(text);
        }
    }

    private static void RemoveButtons(CallbackContext ctx)
    {
        if (ctx.Message is { } question)
        {
            ctx.Outbox.EditKeyboard(ctx.Chat.Id, question.MessageId, null);
        }
    }

    private static InlineKeyboardButton Button(string label, long eventId, string answer) =>
        new(label) { CallbackData = CallbackCodec.Encode(CallbackData.Of(EventCard.ManageRoute, eventId, Cancel, answer)) };
}
