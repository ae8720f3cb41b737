namespace Bot.Domain.Calendar;

/// <summary>What is pushed to subscribers on a schedule.</summary>
public enum DigestKind
{
    /// <summary>The coming year's calendar, topic <c>calendar</c>.</summary>
    Year = 1,
    Month = 2,
    Week = 3,
}

/// <summary>That a member was sent a digest for a period: the key that makes each go out once, however often the
/// job runs or restarts in the middle of a fan-out.</summary>
public sealed class DigestRecord
{
    public long UserId { get; set; }
    public DigestKind Kind { get; set; }

    /// <summary>The first day of the period covered.</summary>
    public DateOnly Period { get; set; }

    public DateTime SentAt { get; set; }
}
