using System.Globalization;
using Bot.Domain.Calendar;
using Bot.Texts;

namespace Bot.Commands.Calendar;

/// <summary>A rule in words, as the member reads it: "every 2nd Sunday of September", "jeden 1. Dienstag im Monat".</summary>
public static class RecurrenceTexts
{
    public static string Describe(TextCatalog texts, CultureInfo culture, Recurrence rule, DateOnly? until = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(rule);
        var text = rule switch
        {
            { Weekday: { } day, Nth: { } nth } => texts.Plain(rule.Month is null ? "Calendar.Rule.NthOfMonth" : "Calendar.Rule.NthOfYear", culture,
                texts.Plain(nth < 0 ? "Calendar.Ordinal.Last" : $"Calendar.Ordinal.{nth}", culture),
                culture.DateTimeFormat.GetDayName(day),
                rule.Month is { } month ? culture.DateTimeFormat.GetMonthName(month) : ""),
            { Interval: 1 } => texts.Plain($"Calendar.Rule.{rule.Frequency}", culture),
            _ => texts.Plain($"Calendar.Rule.Every{rule.Frequency}", culture, rule.Interval),
        };
        return until is { } end ? texts.Plain("Calendar.Rule.Until", culture, text, end.ToString("d", culture)) : text;
    }
}
