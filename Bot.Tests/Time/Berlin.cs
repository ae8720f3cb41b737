using Bot.Domain.Time;
using Bot.Tests.Support;

namespace Bot.Tests.Time;

/// <summary>Chapter clocks in Europe/Berlin, set by the wall clock there.</summary>
internal static class Berlin
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>Friday 20 November 2026, 14:00 in Berlin: the "now" of most tests.</summary>
    public static ChapterClock Friday() => At(2026, 11, 20, 14, 0);

    public static ChapterClock At(int year, int month, int day, int hour, int minute)
    {
        var local = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        var now = new DateTimeOffset(local, Zone.GetUtcOffset(local));
        return new ChapterClock(new FakeTimeProvider(now), Zone);
    }

    public static T Parsed<T>(WhenResult<T> result) =>
        result is WhenResult<T>.Parsed(var value) ? value : throw new Xunit.Sdk.XunitException($"Expected a value, got {result}");

    public static WhenError Failed<T>(WhenResult<T> result) =>
        result is WhenResult<T>.Failed(var error) ? error : throw new Xunit.Sdk.XunitException($"Expected an error, got {result}");
}
