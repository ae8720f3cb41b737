using System.Globalization;
using Bot.Domain.Calendar;
using Bot.Domain.Messaging;
using Bot.Telegram.Outbox;
using Bot.Telegram.Rendering;
using Bot.Texts;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Commands.Calendar;

/// <summary>Words the pushed calendar and digests: a heading for the period, then the dates by month as /calendar
/// shows them.</summary>
public sealed class DigestTexts(TextCatalog texts) : INoticeWording
{
    public (Html Text, InlineKeyboardMarkup? Keyboard)? Word(Notice notice, CultureInfo culture)
    {
        if (notice is not DigestDue due)
        {
            return null;
        }

        var heading = due.Kind switch
        {
            DigestKind.Year => texts.Html("Calendar.Digest.Year", culture, due.From.Year),
            DigestKind.Month => texts.Html("Calendar.Digest.Month", culture, due.From.ToString("MMMM yyyy", culture)),
            _ => texts.Html("Calendar.Digest.Week", culture, due.From.ToString("d", culture), due.Until.ToString("d", culture)),
        };
        var body = CalendarText.Months(texts, culture, id => due.ChapterNames.GetValueOrDefault(id), due.Entries);
        return (Html.Join("\n\n", [heading, .. body, texts.Html("Calendar.Digest.Footer", culture)]), null);
    }
}
