using Bot.Domain.Events;

namespace Bot.Domain.Reminders;

/// <summary>What the reminder sweep reads and writes. <see cref="Send"/> records a batch of reminders as sent in
/// the transaction that queues their messages, so a reminder is recorded exactly when its message is.</summary>
public interface IReminderStore
{
    /// <summary>The events that are not cancelled, start in (<paramref name="now"/>, <paramref name="until"/>] and
    /// need a look: all of them when <paramref name="everything"/>, else those without a plan, whose plan is due by
    /// <paramref name="now"/>, was made for an older <see cref="Event.Version"/>, or on another
    /// <see cref="ReminderDefaults.Basis"/>.</summary>
    Task<IReadOnlyList<UpcomingEvent>> EventsToLookAt(DateTime now, DateTime until, string basis, bool everything, CancellationToken ct);

    /// <summary>The yes and maybe answers to these events, with each member's settings, ordered by event and
    /// member. Read after <see cref="EventsToLookAt"/>: a change in between makes the answers newer than the version
    /// the plan records, so the next sweep looks again, never the other way round.</summary>
    Task<IReadOnlyList<ReminderCandidate>> Answers(IReadOnlyCollection<long> eventIds, CancellationToken ct);

    /// <summary>The reminders recorded for these events.</summary>
    Task<IReadOnlyList<SentReminder>> Sent(IReadOnlyCollection<long> eventIds, CancellationToken ct);

    /// <summary>The event as it stands, with who has a place and who waits: what its reminders say.</summary>
    Task<(Event Event, Waitlist Waitlist)> EventNow(long eventId, CancellationToken ct);

    /// <summary>Records the batch as sent and commits, with the notices told for it since the last commit.</summary>
    Task Send(IReadOnlyList<DueReminder> batch, DateTime at, CancellationToken ct);

    /// <summary>Stores (adds or replaces) the plans of the events looked at.</summary>
    Task Plan(IReadOnlyList<ReminderPlan> plans, CancellationToken ct);
}

/// <summary>An event a sweep looks at, with its version as read.</summary>
public sealed record UpcomingEvent(long EventId, DateTime StartsAt, int Version);

/// <summary>One member's yes or maybe to an upcoming event, with their reminder settings (null: default), and
/// whether a reminder can go to them at all: a member who blocked the bot or muted the event gets none, but their
/// lead times still count for the event's plan, as either can change.</summary>
public sealed record ReminderCandidate(
    long EventId, DateTime StartsAt, long UserId, Answer Answer, DateTime AnsweredAt,
    string? LeadTimes, string? QuietHours, DateTime? SettingsChangedAt, bool Reachable = true, bool Muted = false)
{
    public bool Receives => Reachable && !Muted;
}

/// <summary>A reminder on record: for this event, member and lead time, announcing this start.</summary>
public sealed record SentReminder(long EventId, long UserId, int LeadMinutes, DateTime StartsAt);

/// <summary>One message to send now. <paramref name="Leads"/> are every lead time it settles: after downtime, a
/// member gets one reminder, not one per missed lead time.</summary>
public sealed record DueReminder(long EventId, long UserId, Answer Answer, DateTime StartsAt, IReadOnlyList<TimeSpan> Leads);

/// <summary>When an event next needs the sweep: the earliest moment any of its reminders becomes due, as of
/// <see cref="SeenVersion"/> of the event and the configured defaults (<see cref="Basis"/>). Null: none, unless
/// either changes. One row per event, however many members it has: this is what keeps the minutely sweep from
/// reading every answer every minute.</summary>
public sealed class ReminderPlan
{
    public long EventId { get; set; }

    public int SeenVersion { get; set; }

    /// <summary>The <see cref="ReminderDefaults.Basis"/> the plan was made on.</summary>
    public string Basis { get; set; } = "";

    public DateTime? NextAt { get; set; }
}
