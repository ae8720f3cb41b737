using Bot.Domain.Reminders;

namespace Bot.Tests.Reminders;

/// <summary>When a reminder goes out: lead times as real durations, quiet hours in Berlin time, the clock changes.</summary>
public sealed class ReminderRuleTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly QuietHours Night = new(new TimeOnly(22, 0), new TimeOnly(8, 0));

    private static DateTime Local(int y, int mo, int d, int h, int mi) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(y, mo, d, h, mi, 0, DateTimeKind.Unspecified), Berlin);

    private static DateTime Effective(DateTime startsAt, TimeSpan lead, QuietHours quiet) =>
        ReminderRule.EffectiveAt(startsAt, lead, quiet, Berlin);

    [Fact]
    public void DueOutsideQuietHours_ComesAtTheLeadTime()
    {
        var startsAt = Local(2026, 11, 24, 19, 0);

        Assert.Equal(Local(2026, 11, 23, 19, 0), Effective(startsAt, TimeSpan.FromDays(1), Night));
        Assert.Equal(Local(2026, 11, 24, 17, 0), Effective(startsAt, TimeSpan.FromHours(2), Night));
    }

    [Fact]
    public void DueAfterMidnightInQuietHours_ComesJustBeforeTheyStartTheEveningBefore()
    {
        var startsAt = Local(2026, 11, 24, 9, 0);

        Assert.Equal(Local(2026, 11, 23, 21, 59), Effective(startsAt, TimeSpan.FromHours(2), Night));
    }

    [Fact]
    public void DueBeforeMidnightInQuietHours_ComesJustBeforeTheyStartThatEvening()
    {
        var startsAt = Local(2026, 11, 24, 8, 30);

        Assert.Equal(Local(2026, 11, 23, 21, 59), Effective(startsAt, TimeSpan.FromHours(10), Night));
    }

    [Fact]
    public void EventItselfInQuietHours_ReminderComesOnTime()
    {
        var startsAt = Local(2026, 11, 24, 23, 0);

        Assert.Equal(Local(2026, 11, 23, 23, 0), Effective(startsAt, TimeSpan.FromDays(1), Night));
        Assert.Equal(Local(2026, 11, 24, 21, 0), Effective(startsAt, TimeSpan.FromHours(2), Night));
    }

    [Fact]
    public void QuietHoursWithinOneDay_MoveReminderBeforeThem()
    {
        var siesta = new QuietHours(new TimeOnly(13, 0), new TimeOnly(15, 0));

        Assert.Equal(Local(2026, 11, 24, 12, 59), Effective(Local(2026, 11, 24, 16, 0), TimeSpan.FromHours(2), siesta));
    }

    [Fact]
    public void NoQuietHours_EverythingAtTheLeadTime()
    {
        var startsAt = Local(2026, 11, 24, 9, 0);

        Assert.Equal(Local(2026, 11, 24, 7, 0), Effective(startsAt, TimeSpan.FromHours(2), QuietHours.None));
    }

    [Fact]
    public void SpringForward_EventAt0230_LeadTimesAreRealHours()
    {
        // 2027-03-28: 02:00 becomes 03:00; 02:30 was settled as 03:30 CEST (= 01:30 UTC) when it was typed.
        var startsAt = new DateTime(2027, 3, 28, 1, 30, 0, DateTimeKind.Utc);

        Assert.Equal(new DateTime(2027, 3, 27, 1, 30, 0, DateTimeKind.Utc), Effective(startsAt, TimeSpan.FromDays(1), QuietHours.None));
        // 24 real hours before 03:30 CEST is 02:30 CET the day before.
        Assert.Equal(new DateTime(2027, 3, 27, 2, 30, 0), TimeZoneInfo.ConvertTimeFromUtc(Effective(startsAt, TimeSpan.FromDays(1), QuietHours.None), Berlin));
        // 2 hours before: 00:30 CET, inside the night: the evening before, 21:59 CET.
        Assert.Equal(Local(2027, 3, 27, 21, 59), Effective(startsAt, TimeSpan.FromHours(2), new QuietHours(new TimeOnly(22, 0), new TimeOnly(1, 0))));
    }

    [Fact]
    public void SpringForward_EventInsideTheNight_RemindersOnTime()
    {
        var startsAt = new DateTime(2027, 3, 28, 1, 30, 0, DateTimeKind.Utc); // 03:30 CEST, inside 22:00-08:00

        Assert.Equal(startsAt - TimeSpan.FromHours(2), Effective(startsAt, TimeSpan.FromHours(2), Night));
    }

    [Fact]
    public void AutumnBack_EventAt0230_LeadTimesAreRealHours()
    {
        // 2026-10-25: 03:00 CEST becomes 02:00 CET; 02:30 is taken at its first occurrence, 02:30 CEST = 00:30 UTC.
        var startsAt = new DateTime(2026, 10, 25, 0, 30, 0, DateTimeKind.Utc);

        var dayBefore = Effective(startsAt, TimeSpan.FromDays(1), QuietHours.None);

        Assert.Equal(new DateTime(2026, 10, 24, 0, 30, 0, DateTimeKind.Utc), dayBefore);
        Assert.Equal(new DateTime(2026, 10, 24, 2, 30, 0), TimeZoneInfo.ConvertTimeFromUtc(dayBefore, Berlin));
        Assert.Equal(new DateTime(2026, 10, 24, 22, 30, 0, DateTimeKind.Utc), Effective(startsAt, TimeSpan.FromHours(2), QuietHours.None));
    }

    [Fact]
    public void AutumnBack_DueInTheDoubledHourOutsideQuietHours_StaysPut()
    {
        var startsAt = new DateTime(2026, 10, 25, 3, 30, 0, DateTimeKind.Utc); // 04:30 CET
        var quiet = new QuietHours(new TimeOnly(5, 0), new TimeOnly(6, 0));

        Assert.Equal(new DateTime(2026, 10, 25, 1, 30, 0, DateTimeKind.Utc), Effective(startsAt, TimeSpan.FromHours(2), quiet));
    }

    [Theory]
    [InlineData("22:00-08:00", true)]
    [InlineData("9:30 – 11:00", true)]
    [InlineData("", true)]
    [InlineData("22:00", false)]
    [InlineData("25:00-08:00", false)]
    [InlineData("08:00-08:00", false)]
    [InlineData("abends", false)]
    [InlineData("13pm-7am", false)]
    public void QuietHours_ReadOnlyWhatTheyLookLike(string text, bool readable)
    {
        Assert.Equal(readable, QuietHours.TryParse(text, out _));
    }

    [Theory]
    [InlineData("23 Uhr bis 7 Uhr", "23:00-07:00")]
    [InlineData("von 22 bis 6:30", "22:00-06:30")]
    [InlineData("11pm to 7am", "23:00-07:00")]
    [InlineData("12am - 6 am", "00:00-06:00")]
    [InlineData("22-8", "22:00-08:00")]
    public void QuietHours_TypedAsPeopleSayThem_AreUnderstood(string text, string read)
    {
        Assert.True(QuietHours.TryParse(text, out var quiet));
        Assert.Equal(read, quiet.ToString());
    }

    [Fact]
    public void LeadTimes_StoredAsMinutes_LongestFirst()
    {
        var stored = LeadTimes.Format([TimeSpan.FromHours(2), TimeSpan.FromDays(1)]);

        Assert.Equal("1440,120", stored);
        Assert.Equal([TimeSpan.FromDays(1), TimeSpan.FromHours(2)], LeadTimes.Parse(stored));
    }
}
