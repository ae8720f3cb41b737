using System.Globalization;
using Bot.Commands.Callbacks;
using Bot.Domain.Events;
using Bot.Domain.Messaging;
using Bot.Domain.Reminders;
using Bot.Telegram.Outbox;
using Bot.Telegram.Rendering;
using Bot.Texts;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Commands.Reminders;

/// <summary>A reminder as the member reads it: the event, when (and how soon), where, their answer, and 🔕 to
/// stop further reminders for it.</summary>
public sealed class ReminderMessage(TextCatalog texts, LocalTime time) : INoticeWording
{
    public const string MuteRoute = "mute";

    public (Html Text, InlineKeyboardMarkup? Keyboard)? Word(Notice notice, CultureInfo culture)
    {
        if (notice is not ReminderDue due)
        {
            return null;
        }

        var @event = due.Event;
        var text = Html.Join("\n",
        [
            texts.Html("Reminder.Title", culture, @event.Title),
            texts.Html("Reminder.When", culture, time.DateAndTime(@event.StartsAt, culture), LocalTime.Relative(@event.StartsAt, due.At, culture)),
            texts.Html("Reminder.Where", culture, @event.Place),
            due.WaitlistPlace is { } place
                ? texts.Html("Reminder.Yours.Waitlist", culture, place)
                : texts.Html(due.Answer == Answer.Yes ? "Reminder.Yours.Yes" : "Reminder.Yours.Maybe", culture),
        ]);
        var keyboard = new InlineKeyboardMarkup(
        [
            Commands.Events.EventCard.AnswerRow(texts, @event.Id, culture),
            [new InlineKeyboardButton(texts.Plain("Reminder.Button.Mute", culture)) { CallbackData = CallbackCodec.Encode(CallbackData.Of(MuteRoute, @event.Id)) }],
        ]);
        return (text, keyboard);
    }
}
