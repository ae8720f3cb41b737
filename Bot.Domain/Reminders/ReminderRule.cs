using Bot.Domain.Time;

namespace Bot.Domain.Reminders;

/// <summary>When one member's reminder for one lead time goes out.
/// <para>A lead time is a real duration: "24 hours before" an event on the day the clocks change is 24 real hours
/// before it, so on the local clock it reads 23:00 or 01:00 the day before, not the same wall time. The event's
/// start is an instant already (02:30 on the spring day was settled when it was typed), so nothing here is
/// ambiguous.</para>
/// <para>A reminder due inside the member's quiet hours comes one minute before they begin (21:59 for
/// 22:00-08:00), unless the event itself starts inside quiet hours: then whoever goes is awake, and it comes on
/// time.</para></summary>
public static class ReminderRule
{
    /// <summary>How far before its due time quiet hours can move a reminder: never a whole day.</summary>
    public static readonly TimeSpan MaxQuietShift = TimeSpan.FromDays(1);

    public static DateTime DueAt(DateTime startsAtUtc, TimeSpan lead) => startsAtUtc - lead;

    public static DateTime EffectiveAt(DateTime startsAtUtc, TimeSpan lead, QuietHours quiet, TimeZoneInfo zone)
    {
        var due = DueAt(startsAtUtc, lead);
        if (quiet.IsNone)
        {
            return due;
        }

        var dueLocal = ToLocal(due, zone);
        if (!quiet.Contains(TimeOnly.FromDateTime(dueLocal)) || quiet.Contains(TimeOnly.FromDateTime(ToLocal(startsAtUtc, zone))))
        {
            return due;
        }

        return ToUtc(quiet.StartOfSpanAround(dueLocal).AddMinutes(-1), zone);
    }

    /// <summary>When a reminder that is due by <paramref name="nowUtc"/> may go: now, unless now is inside the
    /// member's quiet hours (a catch-up after downtime) and the event is not; then when they end, which is before
    /// the event.</summary>
    public static DateTime SendableFrom(DateTime nowUtc, DateTime startsAtUtc, QuietHours quiet, TimeZoneInfo zone)
    {
        var nowLocal = ToLocal(nowUtc, zone);
        if (quiet.IsNone || !quiet.Contains(TimeOnly.FromDateTime(nowLocal)) || quiet.Contains(TimeOnly.FromDateTime(ToLocal(startsAtUtc, zone))))
        {
            return nowUtc;
        }

        var end = ToUtc(quiet.EndOfSpanAround(nowLocal), zone);
        return end < startsAtUtc ? end : nowUtc;
    }

    private static DateTime ToLocal(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    /// <summary>A wall time to an instant, with the clock changes decided as for typed times
    /// (<see cref="ChapterClock.Resolve(TimeZoneInfo, DateOnly, TimeOnly)"/>).</summary>
    private static DateTime ToUtc(DateTime local, TimeZoneInfo zone) =>
        ChapterClock.Resolve(zone, DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local)).UtcDateTime;
}
