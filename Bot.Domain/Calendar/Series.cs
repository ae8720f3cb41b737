namespace Bot.Domain.Calendar;

/// <summary>A chapter's recurring calendar entry: a memorial day, the Stammtisch, an assembly. Its dates come from
/// its rule at a wall-clock time in Bot:TimeZone; as each date comes near it becomes an event of its own
/// (<see cref="Occurrence"/>) that members answer and organizers change or cancel like any other.</summary>
public sealed class Series
{
    public long Id { get; set; }
    public long ChapterId { get; set; }
    public required string Title { get; set; }
    public required string Place { get; set; }

    /// <summary>The first date the rule names on or after the date typed.</summary>
    public DateOnly FirstDate { get; set; }

    public TimeOnly Time { get; set; }
    public Frequency Frequency { get; set; }
    public int Interval { get; set; } = 1;
    public int? Nth { get; set; }
    public DayOfWeek? Weekday { get; set; }
    public int? Month { get; set; }

    /// <summary>The last day an occurrence may fall on; null: no end.</summary>
    public DateOnly? Until { get; set; }

    public int? Capacity { get; set; }
    public int MaxGuests { get; set; }
    public long? CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? CancelledAt { get; set; }

    public bool IsCancelled => CancelledAt is not null;

    public Recurrence Rule
    {
        get => new(Frequency, Interval, Nth, Weekday, Month);
        set => (Frequency, Interval, Nth, Weekday, Month) = (value.Frequency, value.Interval, value.Nth, value.Weekday, value.Month);
    }

    /// <summary>The series' dates within a span of days.</summary>
    public IEnumerable<DateOnly> Dates(DateOnly from, DateOnly to) => Rule.Dates(FirstDate, from, to, Until);
}

/// <summary>One date of a series that became an event; the event may since have been moved or cancelled, and
/// the series does not bring that date back.</summary>
public sealed class Occurrence
{
    public long SeriesId { get; set; }
    public DateOnly Date { get; set; }
    public long EventId { get; set; }

    /// <summary>Made ahead of time by the series job and not yet announced to the chapter's <c>events</c>
    /// subscribers; the first date is announced when the series is entered.</summary>
    public bool AnnounceDue { get; set; }

    /// <summary>The event's start as calendar subscribers last heard of it (null: not looked at yet), so a move made
    /// on the event itself is told to them once.</summary>
    public DateTime? KnownStartsAt { get; set; }

    /// <summary>Whether calendar subscribers were told it is cancelled.</summary>
    public bool KnownCancelled { get; set; }
}
