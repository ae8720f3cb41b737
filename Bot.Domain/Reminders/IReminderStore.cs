using Bot.Domain.Events;

namespace Bot.Domain.Reminders;

/// <summary>What the reminder sweep reads and writes. <see cref="Send"/> records a batch of reminders as sent and
/// queues their messages in one transaction, so a reminder is recorded exactly when its message is.</summary>
public interface IReminderStore
{
    /// <summary>The events that are not cancelled and start in (<paramref name="now"/>, <paramref name="until"/>]
    /// and need a look: all of them when <paramref name="everything"/>, else those without a plan, whose plan is
    /// due by <paramref name="now"/>, or which changed since it was made (<see cref="Event.Version"/>). With them,
    /// the yes and maybe answers they have and each member's settings. Read in one snapshot, so a change committed
    /// after it shows as a newer version.</summary>
    Task<ReminderWork> Work(DateTime now, DateTime until, bool everything, CancellationToken ct);

    /// <summary>The reminders recorded for these events.</summary>
    Task<IReadOnlyList<SentReminder>> Sent(IReadOnlyCollection<long> eventIds, CancellationToken ct);

    Task Send(IReadOnlyList<DueReminder> batch, DateTime at, CancellationToken ct);

    /// <summary>Stores (adds or replaces) the plans of the events looked at.</summary>
    Task Plan(IReadOnlyList<ReminderPlan> plans, CancellationToken ct);
}

/// <summary>The events a sweep looks at (id and version as read) and their yes and maybe answers.</summary>
public sealed record ReminderWork(IReadOnlyList<(long EventId, int Version)> Events, IReadOnlyList<ReminderCandidate> Candidates);

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
/// <see cref="SeenVersion"/> of the event. Null: none, unless the event changes. One row per event, however many
/// members it has: this is what keeps the minutely sweep from reading every answer every minute.</summary>
public sealed class ReminderPlan
{
    public long EventId { get; set; }

    public int SeenVersion { get; set; }

    public DateTime? NextAt { get; set; }
}
