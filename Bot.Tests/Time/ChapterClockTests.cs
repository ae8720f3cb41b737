using Bot.Domain.Time;
using Bot.Tests.Support;

namespace Bot.Tests.Time;

public sealed class ChapterClockTests
{
    private static readonly TimeSpan Winter = TimeSpan.FromHours(1);
    private static readonly TimeSpan Summer = TimeSpan.FromHours(2);

    [Fact]
    public void Today_IsTheDateInTheChapterZone_NotInUtc()
    {
        // 23:30 UTC on the 20th is already the 21st in Berlin.
        var clock = new ChapterClock(new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 23, 30, 0, TimeSpan.Zero)), Berlin.Zone);

        Assert.Equal(new DateOnly(2026, 11, 21), clock.Today);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 0, 30, 0, Winter), clock.Now);
        Assert.Equal(Winter, clock.Now.Offset);
    }

    [Fact]
    public void Resolve_OrdinaryTime_IsExactWithTheSeasonsOffset()
    {
        var clock = Berlin.Friday();

        var winter = clock.Resolve(new DateOnly(2026, 11, 23), new TimeOnly(18, 0));
        var summer = clock.Resolve(new DateOnly(2027, 7, 1), new TimeOnly(18, 0));

        Assert.Equal((new DateTimeOffset(2026, 11, 23, 18, 0, 0, Winter), DstResolution.Exact), (winter.At, winter.Dst));
        Assert.Equal((new DateTimeOffset(2027, 7, 1, 18, 0, 0, Summer), DstResolution.Exact), (summer.At, summer.Dst));
        Assert.Equal(new DateTime(2026, 11, 23, 17, 0, 0, DateTimeKind.Utc), winter.UtcDateTime);
    }

    [Fact]
    public void Resolve_TimeInTheSpringGap_MovesForwardByTheGapAndSaysSo()
    {
        var at = Berlin.Friday().Resolve(new DateOnly(2026, 3, 29), new TimeOnly(2, 30));

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 3, 30, 0, Summer), at.At);
        Assert.Equal(DstResolution.MovedPastGap, at.Dst);
        Assert.Equal(new TimeOnly(2, 30), at.Time);
        Assert.Equal(new TimeOnly(3, 30), at.ActualTime);
    }

    [Fact]
    public void Resolve_StartOfTheSpringGap_IsTheFirstMinuteOfSummerTime()
    {
        var at = Berlin.Friday().Resolve(new DateOnly(2026, 3, 29), new TimeOnly(2, 0));

        Assert.Equal((new DateTimeOffset(2026, 3, 29, 3, 0, 0, Summer), DstResolution.MovedPastGap), (at.At, at.Dst));
    }

    [Theory]
    [InlineData(1, 59, 1)]
    [InlineData(3, 0, 2)]
    [InlineData(3, 30, 2)]
    public void Resolve_AroundTheSpringGap_IsExact(int hour, int minute, int offsetHours)
    {
        var at = Berlin.Friday().Resolve(new DateOnly(2026, 3, 29), new TimeOnly(hour, minute));

        Assert.Equal(new DateTimeOffset(2026, 3, 29, hour, minute, 0, TimeSpan.FromHours(offsetHours)), at.At);
        Assert.Equal(DstResolution.Exact, at.Dst);
    }

    [Fact]
    public void Resolve_TimeThatHappensTwiceInAutumn_IsTheFirstStillOnSummerTime()
    {
        var at = Berlin.Friday().Resolve(new DateOnly(2026, 10, 25), new TimeOnly(2, 30));

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 2, 30, 0, Summer), at.At);
        Assert.Equal(new DateTime(2026, 10, 25, 0, 30, 0, DateTimeKind.Utc), at.UtcDateTime);
        Assert.Equal(DstResolution.FirstOfTwo, at.Dst);
        Assert.Equal(new TimeOnly(2, 30), at.ActualTime);
    }

    [Theory]
    [InlineData(1, 59, 2)]
    [InlineData(3, 0, 1)]
    public void Resolve_AroundTheDoubledAutumnHour_IsExact(int hour, int minute, int offsetHours)
    {
        var at = Berlin.Friday().Resolve(new DateOnly(2026, 10, 25), new TimeOnly(hour, minute));

        Assert.Equal(new DateTimeOffset(2026, 10, 25, hour, minute, 0, TimeSpan.FromHours(offsetHours)), at.At);
        Assert.Equal(DstResolution.Exact, at.Dst);
    }

    [Fact]
    public void Resolve_GapInAZoneFarFromBerlin_MovesForwardByThatZonesGap()
    {
        // Lord Howe Island moves its clocks by half an hour: 02:00 jumps to 02:30 on 4 October 2026.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Australia/Lord_Howe");
        var clock = new ChapterClock(new FakeTimeProvider(), zone);

        var at = clock.Resolve(new DateOnly(2026, 10, 4), new TimeOnly(2, 15));

        Assert.Equal((new TimeOnly(2, 45), DstResolution.MovedPastGap), (at.ActualTime, at.Dst));
    }
}
