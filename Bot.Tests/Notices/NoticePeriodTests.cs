using System.Globalization;
using Bot.Domain.Notices;
using Bot.Tests.Time;

namespace Bot.Tests.Notices;

/// <summary>The notice period counts whole calendar days in Berlin between the day of sending and the day of the
/// meeting, neither counted: clock changes, month and year ends make no difference, midnight does.</summary>
public sealed class NoticePeriodTests
{
    /// <param name="sent">When the notice goes out, Berlin wall clock.</param>
    /// <param name="meeting">When the meeting starts, Berlin wall clock.</param>
    [Theory]
    // 14 days lie between the 1st and the 16th (the 2nd to the 15th): in time; on the 15th one is missing.
    [InlineData("2026-06-01 09:00", "2026-06-16 19:00", 14, true, 14, "2026-06-01")]
    [InlineData("2026-06-01 09:00", "2026-06-15 19:00", 14, false, 13, "2026-05-31")]
    // The time of day does not matter: sent just before midnight still counts that day, just after does not.
    [InlineData("2026-06-01 23:59", "2026-06-16 00:30", 14, true, 14, "2026-06-01")]
    [InlineData("2026-06-02 00:01", "2026-06-16 23:00", 14, false, 13, "2026-06-01")]
    // Spring forward (29 March 2026 has 23 hours) and fall back (25 October 2026 has 25 hours) are one day each.
    [InlineData("2026-03-14 12:00", "2026-03-29 12:00", 14, true, 14, "2026-03-14")]
    [InlineData("2026-03-15 12:00", "2026-03-29 12:00", 14, false, 13, "2026-03-14")]
    [InlineData("2026-10-10 12:00", "2026-10-25 02:30", 14, true, 14, "2026-10-10")]
    [InlineData("2026-10-11 00:00", "2026-10-25 23:59", 14, false, 13, "2026-10-10")]
    // Month and year ends, and a leap day.
    [InlineData("2026-01-31 10:00", "2026-02-15 10:00", 14, true, 14, "2026-01-31")]
    [InlineData("2026-12-17 10:00", "2027-01-01 10:00", 14, true, 14, "2026-12-17")]
    [InlineData("2026-12-18 10:00", "2027-01-01 10:00", 14, false, 13, "2026-12-17")]
    [InlineData("2028-02-14 10:00", "2028-03-01 10:00", 14, true, 15, "2028-02-15")]
    // A shortened period of 10 days; a period of 0 allows a meeting the next day, not the same day.
    [InlineData("2026-09-01 10:00", "2026-09-12 10:00", 10, true, 10, "2026-09-01")]
    [InlineData("2026-09-01 10:00", "2026-09-02 10:00", 0, true, 0, "2026-09-01")]
    [InlineData("2026-09-01 08:00", "2026-09-01 20:00", 0, false, -1, "2026-08-31")]
    public void Check_CountsCalendarDaysInBerlin(string sent, string meeting, int period, bool inTime, int daysBetween, string lastDay)
    {
        var check = NoticePeriod.Check(At(sent), At(meeting), Berlin.Zone, period);

        Assert.Equal(inTime, check.InTime);
        Assert.Equal(daysBetween, check.DaysBetween);
        Assert.Equal(DateOnly.Parse(lastDay, CultureInfo.InvariantCulture), check.LastDay);
    }

    [Fact]
    public void Check_ReadsInstantsOnTheBerlinCalendar_NotUtc()
    {
        // 23:30 UTC on 31 May is already 1 June in Berlin (summer time, +02:00).
        var sent = new DateTimeOffset(2026, 5, 31, 23, 30, 0, TimeSpan.Zero);

        Assert.Equal(new DateOnly(2026, 6, 1), NoticePeriod.Check(sent, At("2026-06-16 19:00"), Berlin.Zone, 14).SentOn);
    }

    private static DateTimeOffset At(string wall)
    {
        var local = DateTime.ParseExact(wall, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return new DateTimeOffset(local, Berlin.Zone.IsAmbiguousTime(local) ? Berlin.Zone.GetAmbiguousTimeOffsets(local).Max() : Berlin.Zone.GetUtcOffset(local));
    }
}
