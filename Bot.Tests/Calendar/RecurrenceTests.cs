using Bot.Domain.Calendar;
using Bot.Domain.Time;

namespace Bot.Tests.Calendar;

/// <summary>The dates a chapter's recurring entries fall on, as members will see them in /calendar and their
/// phone's calendar: memorial days, Stammtische, assemblies.</summary>
public sealed class RecurrenceTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private static string Dates(string rule, string first, string from, string to, string? until = null) =>
        string.Join(" ", RecurrenceParser.Parse(rule)!.Dates(D(first), D(from), D(to), until is null ? null : D(until))
            .Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("yearly", "2026-01-27", "2026-01-01", "2028-12-31", "2026-01-27 2027-01-27 2028-01-27")]
    [InlineData("jährlich", "2026-11-10", "2027-01-01", "2027-12-31", "2027-11-10")]
    [InlineData("yearly", "2028-02-29", "2028-01-01", "2032-12-31", "2028-02-29 2032-02-29")]
    [InlineData("monthly", "2026-01-31", "2026-01-01", "2026-05-31", "2026-01-31 2026-03-31 2026-05-31")]
    [InlineData("monatlich", "2026-01-15", "2026-03-01", "2026-04-30", "2026-03-15 2026-04-15")]
    [InlineData("weekly", "2026-03-17", "2026-03-17", "2026-04-07", "2026-03-17 2026-03-24 2026-03-31 2026-04-07")]
    [InlineData("every 2 weeks", "2026-01-06", "2026-02-01", "2026-03-01", "2026-02-03 2026-02-17")]
    [InlineData("alle 2 Wochen", "2026-01-06", "2026-01-01", "2026-01-31", "2026-01-06 2026-01-20")]
    [InlineData("2. Sonntag im September", "2026-01-01", "2026-01-01", "2029-12-31", "2026-09-13 2027-09-12 2028-09-10 2029-09-09")]
    [InlineData("2nd Sunday of September", "2026-09-14", "2026-01-01", "2027-12-31", "2027-09-12")]
    [InlineData("1. Dienstag", "2026-01-01", "2026-01-01", "2026-03-31", "2026-01-06 2026-02-03 2026-03-03")]
    [InlineData("1st Tuesday", "2026-01-06", "2026-01-01", "2026-02-28", "2026-01-06 2026-02-03")]
    [InlineData("letzter Freitag", "2026-01-01", "2026-01-01", "2026-03-31", "2026-01-30 2026-02-27 2026-03-27")]
    [InlineData("last Friday of November", "2026-01-01", "2026-01-01", "2027-12-31", "2026-11-27 2027-11-26")]
    [InlineData("5. Freitag", "2026-01-01", "2026-01-01", "2026-06-30", "2026-01-30 2026-05-29")]
    [InlineData("weekly", "2026-01-06", "2026-01-01", "2026-12-31", "2026-01-06 2026-01-13", "2026-01-19")]
    [InlineData("yearly", "2026-05-08", "2025-01-01", "2026-01-01", "")]
    public void Rule_ListsTheDatesMembersSee(string rule, string first, string from, string to, string expected, string? until = null) =>
        Assert.Equal(expected, Dates(rule, first, from, to, until));

    [Theory]
    [InlineData("yearly", Frequency.Yearly, 1, null, null, null)]
    [InlineData("Wöchentlich", Frequency.Weekly, 1, null, null, null)]
    [InlineData("every other week", Frequency.Weekly, 2, null, null, null)]
    [InlineData("alle zwei Wochen", Frequency.Weekly, 2, null, null, null)]
    [InlineData("every month", Frequency.Monthly, 1, null, null, null)]
    [InlineData("am zweiten Sonntag im September", Frequency.Yearly, 1, 2, DayOfWeek.Sunday, 9)]
    [InlineData("second sunday in sept", Frequency.Yearly, 1, 2, DayOfWeek.Sunday, 9)]
    [InlineData("jeden 1. Dienstag im Monat", Frequency.Monthly, 1, 1, DayOfWeek.Tuesday, null)]
    [InlineData("on the first Tuesday of the month", Frequency.Monthly, 1, 1, DayOfWeek.Tuesday, null)]
    [InlineData("letzten Freitag", Frequency.Monthly, 1, -1, DayOfWeek.Friday, null)]
    public void GermanAndEnglishWords_MeanTheSameRule(string typed, Frequency frequency, int interval, int? nth, DayOfWeek? weekday, int? month) =>
        Assert.Equal(new Recurrence(frequency, interval, nth, weekday, month), RecurrenceParser.Parse(typed));

    [Theory]
    [InlineData("")]
    [InlineData("sometimes")]
    [InlineData("every 0 weeks")]
    [InlineData("every 99 weeks")]
    [InlineData("6. Sonntag")]
    [InlineData("2. Sonntag im Smarch")]
    [InlineData("Sonntag")]
    [InlineData("every 2 fortnights")]
    public void UnreadableRule_IsRefused(string typed) => Assert.Null(RecurrenceParser.Parse(typed));

    [Fact]
    public void RuleLongerThanAnyRule_IsRefused() => Assert.Null(RecurrenceParser.Parse(new string('x', 5000)));

    [Fact]
    public void WeeklyStammtisch_StaysAtSevenInTheEveningAcrossTheClockChanges()
    {
        var times = new Recurrence(Frequency.Weekly).Times(Berlin, D("2026-03-24"), new TimeOnly(19, 0), D("2026-03-24"), D("2026-10-31")).ToList();

        Assert.All(times, t => Assert.Equal(new TimeOnly(19, 0), t.ActualTime));
        Assert.Equal(18, times[0].UtcDateTime.Hour); // winter time, +01:00
        Assert.Equal(17, times[1].UtcDateTime.Hour); // summer time from 29 March, +02:00
        Assert.Equal(18, times[^1].UtcDateTime.Hour); // winter again after 25 October
    }

    [Fact]
    public void EntryAtHalfPastTwo_OnTheNightClocksGoForward_MovesPastTheGap()
    {
        var times = RecurrenceParser.Parse("letzter Sonntag im März")!
            .Times(Berlin, D("2026-01-01"), new TimeOnly(2, 30), D("2026-01-01"), D("2026-12-31")).Single();

        Assert.Equal(D("2026-03-29"), times.Date);
        Assert.Equal(DstResolution.MovedPastGap, times.Dst);
        Assert.Equal(new TimeOnly(3, 30), times.ActualTime);
    }

    [Fact]
    public void SecondSundayOfSeptember_OverTenYears_IsAlwaysTheSecondSunday()
    {
        var dates = RecurrenceParser.Parse("2. Sonntag im September")!.Dates(D("2026-01-01"), D("2026-01-01"), D("2035-12-31")).ToList();

        Assert.Equal(10, dates.Count);
        Assert.All(dates, d => Assert.True(d.Month == 9 && d.DayOfWeek == DayOfWeek.Sunday && d.Day is > 7 and <= 14, d.ToString()));
    }

    [Fact]
    public void FirstOnOrAfter_IsTheFirstDateTheRuleNames()
    {
        Assert.Equal(D("2026-09-13"), RecurrenceParser.Parse("2nd Sunday of September")!.FirstOnOrAfter(D("2026-05-01")));
        Assert.Null(new Recurrence(Frequency.Weekly).FirstOnOrAfter(D("2026-05-01"), until: D("2026-04-30")));
    }
}
