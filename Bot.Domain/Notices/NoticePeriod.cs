namespace Bot.Domain.Notices;

/// <summary>The notice period as statutes count it: whole calendar days lying between the day the notice goes
/// out and the day of the meeting, neither of the two counted, on the wall calendar of <c>Bot:TimeZone</c>. With
/// 14 days, a notice sent on the 1st is in time for a meeting on the 16th (the 2nd to the 15th lie between), not
/// on the 15th. Counting calendar days, not hours, makes the clock change irrelevant: a day is a day whether it
/// has 23, 24 or 25 hours.</summary>
public static class NoticePeriod
{
    public const int MaxDays = 365;

    /// <summary>The whole days between the two days, neither counted; negative when the meeting is before.</summary>
    public static int DaysBetween(DateOnly sentOn, DateOnly meetingOn) => meetingOn.DayNumber - sentOn.DayNumber - 1;

    /// <summary>The last day a notice can go out for a meeting on <paramref name="meetingOn"/>.</summary>
    public static DateOnly LastDayToSend(DateOnly meetingOn, int periodDays) => meetingOn.AddDays(-periodDays - 1);

    public static bool IsInTime(DateOnly sentOn, DateOnly meetingOn, int periodDays) => DaysBetween(sentOn, meetingOn) >= periodDays;

    /// <summary>The day an instant falls on in <paramref name="zone"/>.</summary>
    public static DateOnly DayOf(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>Whether a notice sent at <paramref name="sentAt"/> is in time for a meeting at
    /// <paramref name="meetingAt"/>, both instants read on the wall calendar of <paramref name="zone"/>.</summary>
    public static PeriodCheck Check(DateTimeOffset sentAt, DateTimeOffset meetingAt, TimeZoneInfo zone, int periodDays)
    {
        var sentOn = DayOf(sentAt, zone);
        var meetingOn = DayOf(meetingAt, zone);
        return new PeriodCheck(periodDays, sentOn, meetingOn, DaysBetween(sentOn, meetingOn), LastDayToSend(meetingOn, periodDays));
    }
}

/// <summary>How a notice stands against the notice period.</summary>
public sealed record PeriodCheck(int PeriodDays, DateOnly SentOn, DateOnly MeetingOn, int DaysBetween, DateOnly LastDay)
{
    public bool InTime => DaysBetween >= PeriodDays;
}
