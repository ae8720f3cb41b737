using Bot.Commands.Callbacks;
using Bot.Commands.Events;
using Bot.Domain.Events;
using Bot.Telegram.Api;
using Bot.Telegram.Rendering;
using Bot.Texts;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Commands.Reminders;

/// <summary>A reminder as the member reads it: the event, when (and how soon), where, their answer, and 🔕 to
/// stop further reminders for it.</summary>
public sealed class ReminderMessage(TextCatalog texts, LocalTime time)
{
    public const string MuteRoute = "mute";

    /// <summary>The outbox tag of an event's reminders: what a cancellation withdraws while still queued.</summary>
    public static string Tag(long eventId) => $"reminder:{eventId}";

    /// <param name="waitlistPlace">The member's place on the waitlist, for a yes without a place yet.</param>
    public (Html Text, InlineKeyboardMarkup Keyboard) Render(Event @event, Answer answer, int? waitlistPlace, string? language, DateTime now)
    {
        var culture = texts.CultureFor(language);
        var text = Html.Join("\n",
        [
            texts.Html("Reminder.Title", culture, @event.Title),
            texts.Html("Reminder.When", culture, time.DateAndTime(@event.StartsAt, culture), LocalTime.Relative(@event.StartsAt, now, culture)),
            texts.Html("Reminder.Where", culture, @event.Place),
            waitlistPlace is { } place
                ? texts.Html("Reminder.Yours.Waitlist", culture, place)
                : texts.Html(answer == Answer.Yes ? "Reminder.Yours.Yes" : "Reminder.Yours.Maybe", culture),
        ]);
        var keyboard = new InlineKeyboardMarkup(
        [
            [new InlineKeyboardButton(texts.Plain("Reminder.Button.Mute", culture)) { CallbackData = CallbackCodec.Encode(CallbackData.Of(MuteRoute, @event.Id)) }],
        ]);
        return (text, keyboard);
    }
}
