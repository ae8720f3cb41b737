using Bot.Domain.Events;

namespace Bot.Domain.Reminders;

/// <summary>What the reminder sweep reads and writes. <see cref="Send"/> records a batch of reminders as sent and
/// queues their messages in one transaction, so a reminder is recorded exactly when its message is.</summary>
public interface IReminderStore
{
    /// <summary>Yes and maybe answers of reachable members to events that are not cancelled and start in
    /// (<paramref name="after"/>, <paramref name="until"/>], leaving out events the member muted.</summary>
    Task<IReadOnlyList<ReminderCandidate>> Candidates(DateTime after, DateTime until, CancellationToken ct);

    /// <summary>The reminders recorded for these events.</summary>
    Task<IReadOnlyList<SentReminder>> Sent(IReadOnlyCollection<long> eventIds, CancellationToken ct);

    Task Send(IReadOnlyList<DueReminder> batch, DateTime at, CancellationToken ct);
}

/// <summary>One member's yes or maybe to an upcoming event, with their reminder settings (null: default).</summary>
public sealed record ReminderCandidate(
    long EventId, DateTime StartsAt, long UserId, Answer Answer, DateTime AnsweredAt,
    string? LeadTimes, string? QuietHours, DateTime? SettingsChangedAt);

/// <summary>A reminder on record: for this event, member and lead time, announcing this start.</summary>
public sealed record SentReminder(long EventId, long UserId, int LeadMinutes, DateTime StartsAt);

/// <summary>One message to send now. <paramref name="Leads"/> are every lead time it settles: after downtime, a
/// member gets one reminder, not one per missed lead time.</summary>
public sealed record DueReminder(long EventId, long UserId, Answer Answer, DateTime StartsAt, IReadOnlyList<TimeSpan> Leads);
