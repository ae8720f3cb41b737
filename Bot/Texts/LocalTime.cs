using System.Globalization;
using Bot.Domain.Time;

namespace Bot.Texts;

/// <summary>Shows UTC instants as people read them: on the chapter's clock (<see cref="ChapterClock"/>, the one
/// place that knows Bot:TimeZone), in the reader's language.</summary>
public sealed class LocalTime(ChapterClock clock, TextCatalog texts)
{
    /// <summary>E.g. "Sa, 23.11.2026, 18:00 Uhr" or "Sat, 23 Nov 2026, 18:00".</summary>
    public string DateAndTime(DateTime utc, CultureInfo culture)
    {
        var local = clock.ToLocal(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc))).DateTime;
        return texts.Plain("Format.DateTime", culture, local.ToString(texts.Plain("Format.Date", culture), culture), local.ToString("HH:mm", culture));
    }

    /// <summary>"in 3 Tagen", "morgen", "in 2 hours": how far away, said as people say it.</summary>
    public static string Relative(DateTime utc, DateTime now, CultureInfo culture) =>
        Humanizer.DateHumanizeExtensions.Humanize(DateTime.SpecifyKind(utc, DateTimeKind.Utc), utcDate: true, dateToCompareAgainst: now, culture: culture);
}
