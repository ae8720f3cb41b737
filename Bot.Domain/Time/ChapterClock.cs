namespace Bot.Domain.Time;

/// <summary>The chapter's wall clock: today and now in <c>Bot:TimeZone</c>, and wall-clock times turned into
/// instants with daylight saving time decided on purpose.</summary>
public sealed class ChapterClock(TimeProvider time, TimeZoneInfo zone)
{
    public TimeZoneInfo Zone { get; } = zone;

    public DateTimeOffset UtcNow => time.GetUtcNow();

    /// <summary>Now, with the zone's offset of this moment.</summary>
    public DateTimeOffset Now => TimeZoneInfo.ConvertTime(time.GetUtcNow(), Zone);

    public DateOnly Today => DateOnly.FromDateTime(Now.DateTime);

    /// <summary>An instant shown on the zone's wall clock.</summary>
    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>Pins a wall-clock time on a date to one instant. Twice a year the wall clock is not a
    /// one-to-one map, and what people mean then is decided here:
    /// <list type="bullet">
    /// <item>A time that does not exist (02:30 on the night clocks go forward) moves forward by the length of
    /// the gap, to 03:30: the meeting still happens that night, as close to the typed time as the clock
    /// allows, and the organizer is told rather than asked to type again.</item>
    /// <item>A time that happens twice (02:30 on the night clocks go back) is the first one, still on summer
    /// time: the earlier instant means nobody arrives an hour late, and reminders go out before either.</item>
    /// </list>
    /// Both are marked in <see cref="ZonedTime.Dst"/> so the reply can say what was used.</summary>
    public ZonedTime Resolve(DateOnly date, TimeOnly wallTime) => Resolve(Zone, date, wallTime);

    /// <summary><see cref="Resolve(DateOnly, TimeOnly)"/> in any zone, for rules that have no clock.</summary>
    public static ZonedTime Resolve(TimeZoneInfo zone, DateOnly date, TimeOnly wallTime)
    {
        var local = date.ToDateTime(wallTime, DateTimeKind.Unspecified);

        if (zone.IsInvalidTime(local))
        {
            // Read with the offset in force before the jump, the typed time lands after it, later by exactly
            // the gap: 02:30 at +01:00 is 01:30Z, which the wall clock shows as 03:30 at +02:00. A day back is
            // before the transition in every zone, and no zone changes its offset twice within two days.
            var before = zone.GetUtcOffset(DateTime.SpecifyKind(local.AddDays(-1), DateTimeKind.Utc));
            var instant = new DateTimeOffset(local - before, TimeSpan.Zero);
            return new ZonedTime(date, wallTime, TimeZoneInfo.ConvertTime(instant, zone), DstResolution.MovedPastGap);
        }

        if (zone.IsAmbiguousTime(local))
        {
            // The larger offset is the earlier instant: the first time the wall clock shows this time.
            var first = zone.GetAmbiguousTimeOffsets(local).Max();
            return new ZonedTime(date, wallTime, new DateTimeOffset(local, first), DstResolution.FirstOfTwo);
        }

        return new ZonedTime(date, wallTime, new DateTimeOffset(local, zone.GetUtcOffset(local)), DstResolution.Exact);
    }
}

/// <summary>A wall-clock time as typed, and the one instant it stands for.</summary>
/// <param name="Date">The date as typed.</param>
/// <param name="Time">The time as typed.</param>
/// <param name="At">The instant, with the zone's offset at that instant; its wall clock differs from the typed
/// time only when <paramref name="Dst"/> is <see cref="DstResolution.MovedPastGap"/>.</param>
public readonly record struct ZonedTime(DateOnly Date, TimeOnly Time, DateTimeOffset At, DstResolution Dst)
{
    public DateTime UtcDateTime => At.UtcDateTime;

    /// <summary>The wall-clock time actually used: 03:30 for a typed 02:30 that did not exist.</summary>
    public TimeOnly ActualTime => TimeOnly.FromDateTime(At.DateTime);

    public DateOnly ActualDate => DateOnly.FromDateTime(At.DateTime);
}

/// <summary>How a wall-clock time was pinned to an instant.</summary>
public enum DstResolution
{
    /// <summary>The time exists exactly once that day.</summary>
    Exact,

    /// <summary>The time fell into the hour skipped when clocks go forward and was moved forward by the gap.</summary>
    MovedPastGap,

    /// <summary>The time happens twice when clocks go back; the first (summer time) was taken.</summary>
    FirstOfTwo,
}
