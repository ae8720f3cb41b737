using System.Globalization;
using Bot.Domain.Time;
using Bot.Telegram.Rendering;
using Bot.Texts;

namespace Bot.Commands.Events;

/// <summary>The words for what <see cref="WhenParser"/> refused and for what daylight saving time did to a typed
/// time: one place for every command and dialog that reads dates (events, their changes, shifts, notices).
/// Examples are dates a week from today, so an example copied as it is always works.</summary>
public static class WhenTexts
{
    /// <summary>What was wrong, quoting what was typed, and an example of what works.
    /// <paramref name="typed"/> is the whole text of the field, quoted when the error has no fragment.</summary>
    public static Html Error(TextCatalog texts, CultureInfo culture, WhenError error, string typed, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(error);
        var fragment = error.Fragment.Length > 0 ? error.Fragment : typed;
        if (fragment.Length == 0 && error.Date is { } date)
        {
            fragment = Date(texts, culture, date);
        }

        var problem = texts.Html(
            $"When.Error.{error.Code}",
            culture,
            fragment,
            error.Date is { } day ? Date(texts, culture, day) : "",
            error.ActualWeekday is { } weekday ? culture.DateTimeFormat.GetDayName(weekday) : "",
            WhenParser.MaxYearsAhead);
        return Html.Join("\n", [problem, Example(texts, culture, error.Example, today)]);
    }

    /// <summary>"For example: Sat 28.11. 19:00 or tomorrow 7pm", as fits the field.</summary>
    public static Html Example(TextCatalog texts, CultureInfo culture, WhenExample example, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts.Html($"When.Example.{example}", culture, example switch
        {
            WhenExample.Date => SampleDay(today).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture),
            WhenExample.DateAndTimeRange => Sample(culture, SampleDay(today), "10-13"),
            _ => SampleDateAndTime(culture, today),
        });
    }

    /// <summary>The day examples use: a week and a day from today, never a date that has passed.</summary>
    public static DateOnly SampleDay(DateOnly today) => today.AddDays(8);

    /// <summary>A date and time on <see cref="SampleDay"/> as people type it: "Sa 28.11. 19:00".</summary>
    public static string SampleDateAndTime(CultureInfo culture, DateOnly today) => Sample(culture, SampleDay(today), "19:00");

    /// <summary>A date as people type it, with the weekday in the reader's language and no year (both read back
    /// by the parser in either language), and a time: "Sa 28.11. 19:00".</summary>
    public static string Sample(CultureInfo culture, DateOnly date, string time)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var weekday = culture.DateTimeFormat.GetAbbreviatedDayName(date.DayOfWeek).TrimEnd('.');
        return $"{weekday} {date.ToString("dd.MM.", CultureInfo.InvariantCulture)} {time}";
    }

    /// <summary>The note for a time that daylight saving time moved (02:30 that does not exist) or that happens
    /// twice; null for an ordinary time.</summary>
    public static Html? DstNote(TextCatalog texts, CultureInfo culture, ZonedTime time)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return time.Dst switch
        {
            DstResolution.MovedPastGap => texts.Html("When.Dst.MovedPastGap", culture, Date(texts, culture, time.Date), Clock(time.Time), Clock(time.ActualTime)),
            DstResolution.FirstOfTwo => texts.Html("When.Dst.FirstOfTwo", culture, Date(texts, culture, time.Date), Clock(time.Time), Clock(time.ActualTime)),
            _ => null,
        };
    }

    /// <summary>A date as the texts show it: 23.11.2026, 23 Nov 2026.</summary>
    public static string Date(TextCatalog texts, CultureInfo culture, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return date.ToString(texts.Plain("When.Format.Date", culture), culture);
    }

    private static string Clock(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
}
