using System.Globalization;
using Bot.Domain.Calendar;
using Bot.Domain.Messaging;
using Bot.Telegram.Outbox;
using Bot.Telegram.Rendering;
using Bot.Texts;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Commands.Calendar;

/// <summary>Words what calendar subscribers are told when a recurring entry is added, changed or cancelled, or one
/// of its dates is moved or cancelled.</summary>
public sealed class CalendarChangeTexts(TextCatalog texts, LocalTime time) : INoticeWording
{
    public (Html Text, InlineKeyboardMarkup? Keyboard)? Word(Notice notice, CultureInfo culture)
    {
        if (notice is not CalendarChanged { Change: var change, Series: var series })
        {
            return null;
        }

        var rule = series is null ? "" : RecurrenceTexts.Describe(texts, culture, series.Rule, series.Until);
        var when = time.DateAndTime(change.StartsAt, culture);
        var text = change switch
        {
            { Kind: CalendarChangeKind.Moved, WasStartsAt: { } was } => texts.Html("Calendar.Change.Moved", culture, change.Title, time.DateAndTime(was, culture), when, change.Place),
            { Kind: CalendarChangeKind.Cancelled, EventId: not null } => texts.Html("Calendar.Change.CancelledDate", culture, change.Title, when),
            { Kind: CalendarChangeKind.Cancelled } => texts.Html("Calendar.Change.CancelledSeries", culture, change.Title, rule),
            { Kind: CalendarChangeKind.Changed } => texts.Html("Calendar.Change.Changed", culture, change.Title, rule, when, change.Place),
            _ => texts.Html("Calendar.Change.Added", culture, change.Title, rule, when, change.Place),
        };
        return (Html.Join("\n\n", [text, texts.Html("Calendar.Change.Footer", culture)]), null);
    }
}
