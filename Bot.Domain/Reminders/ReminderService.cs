using Bot.Domain.Events;
using Bot.Domain.Messaging;

namespace Bot.Domain.Reminders;

/// <summary>Sends the reminders that are due, by reconciling what should have gone out by a moment with what
/// did: one sweep for all events, so the schedule grows with events, not members.
/// <list type="bullet">
/// <item>Every yes or maybe gets a reminder per lead time at its <see cref="ReminderRule.EffectiveAt"/>, once.</item>
/// <item>Missed while the bot was down: sent at the next sweep if the event has not begun, else dropped. Several
/// missed lead times of one event make one message.</item>
/// <item>A lead time already past when the member answered (or changed their settings) is skipped: a late yes
/// brings no burst of reminders.</item>
/// <item>Cancelled events, a changed answer, a muted event: nothing more, as the sweep reads the current state.</item>
/// <item>A moved event: a reminder counts for the start it announced. When the event moves later by half the
/// lead time or more, that reminder is due again for the new start; a smaller move, or a move earlier, leaves it
/// standing (the change notice already told the new time).</item>
/// </list>
/// <para>What keeps a sweep cheap: each event's <see cref="ReminderPlan"/> says when it next needs a look. A sweep
/// reads the answers of an event only when that moment has come, the event changed since (an answer, an edit, a
/// member's new settings all bump <c>Event.Version</c>) or the configured defaults did; on a quiet minute it reads
/// one row per upcoming event. It goes event by event, so what it holds in memory follows the largest event, not
/// all answers.</para></summary>
public sealed class ReminderService(IReminderStore store, INotices notices, ReminderDefaults defaults, ReminderSweepGate gate)
{
    /// <summary>Sends what is due at <paramref name="at"/> (the sweep's scheduled time), in batches of
    /// <see cref="ReminderDefaults.BatchSize"/> members, each its own transaction: a crash in between loses
    /// nothing and repeats nothing. Returns how many reminders were sent.</summary>
    public async Task<int> SendDue(DateTimeOffset at, CancellationToken ct)
    {
        await gate.Wait(ct);
        try
        {
            var now = at.UtcDateTime;
            var sent = 0;
            foreach (var @event in await store.EventsToLookAt(now, Until(now), defaults.Basis, everything: false, ct))
            {
                var (due, plan) = await Look(@event, now, ct);
                if (due.Count > 0)
                {
                    // Read once per event, not per batch: a yes on the waitlist is reminded as waiting, not as coming.
                    var (current, waitlist) = await store.EventNow(@event.EventId, ct);
                    foreach (var batch in due.Chunk(Math.Max(1, defaults.BatchSize)))
                    {
                        ct.ThrowIfCancellationRequested();
                        await notices.Tell([.. batch.Select(d => ReminderDue.Of(d, current, waitlist, now))], ct);
                        await store.Send(batch, now, ct);
                    }
                }

                // Only once its reminders are sent: a sweep that fails half-way leaves the event's old plan, due
                // already, so the next sweep looks again.
                await store.Plan([plan], ct);
                sent += due.Count;
            }

            return sent;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>What a sweep at <paramref name="now"/> would send, looking at every event, without sending it.</summary>
    public async Task<IReadOnlyList<DueReminder>> Due(DateTime now, CancellationToken ct)
    {
        var due = new List<DueReminder>();
        foreach (var @event in await store.EventsToLookAt(now, Until(now), defaults.Basis, everything: true, ct))
        {
            due.AddRange((await Look(@event, now, ct)).Due);
        }

        return due;
    }

    private DateTime Until(DateTime now) => now + defaults.MaxLead + ReminderRule.MaxQuietShift;

    /// <summary>One event's reminders due by <paramref name="now"/>, and its plan: the earliest moment another
    /// becomes due.</summary>
    private async Task<(IReadOnlyList<DueReminder> Due, ReminderPlan Plan)> Look(UpcomingEvent @event, DateTime now, CancellationToken ct)
    {
        var candidates = await store.Answers([@event.EventId], ct);
        var sent = candidates.Count == 0
            ? []
            : (await store.Sent([@event.EventId], ct)).ToDictionary(s => (s.UserId, s.LeadMinutes));
        DateTime? next = null;
        var due = new List<DueReminder>();
        foreach (var c in candidates)
        {
            var quiet = defaults.QuietOf(c.QuietHours);
            var decidedAt = c.SettingsChangedAt is { } changed && changed > c.AnsweredAt ? changed : c.AnsweredAt;
            var leads = new List<TimeSpan>();
            foreach (var lead in defaults.LeadsOf(c.LeadTimes))
            {
                var effective = ReminderRule.EffectiveAt(c.StartsAt, lead, quiet, defaults.Zone);
                // Past its moment (moved before quiet hours, if they apply) when the member decided: skipped, never
                // sent late, so a late yes brings neither a burst nor a reminder in the night.
                if (decidedAt >= effective
                    || (sent.TryGetValue((c.UserId, (int)lead.TotalMinutes), out var record) && Stands(record, c.StartsAt, lead)))
                {
                    continue;
                }

                if (effective <= now)
                {
                    // Overdue after downtime: not into the member's quiet hours either.
                    var from = ReminderRule.SendableFrom(now, c.StartsAt, quiet, defaults.Zone);
                    if (from <= now)
                    {
                        leads.Add(lead);
                    }
                    else if (next is null || from < next)
                    {
                        next = from;
                    }
                }
                else if (next is null || effective < next)
                {
                    next = effective;
                }
            }

            if (leads.Count > 0 && c.Receives)
            {
                due.Add(new DueReminder(c.EventId, c.UserId, c.Answer, c.StartsAt, [.. leads.Order()]));
            }
        }

        return (due, new ReminderPlan { EventId = @event.EventId, SeenVersion = @event.Version, Basis = defaults.Basis, NextAt = next });
    }

    private static bool Stands(SentReminder record, DateTime startsAt, TimeSpan lead) => startsAt - record.StartsAt < lead / 2;
}

/// <summary>A member's reminder of an event they answered yes or maybe; <paramref name="WaitlistPlace"/> is set
/// for a yes still waiting for a place. <paramref name="At"/> is the sweep's moment, for "in 2 hours".</summary>
public sealed record ReminderDue(Recipient To, Event Event, Answer Answer, int? WaitlistPlace, DateTime At) : Notice(To, Urgency.Bulk)
{
    public static ReminderDue Of(DueReminder due, Event @event, Waitlist waitlist, DateTime at) =>
        new(new Recipient.Member(due.UserId), @event, due.Answer, due.Answer == Answer.Yes ? waitlist.WaitlistPlace(due.UserId) : null, at);
}

/// <summary>One sweep at a time in this process (the job is not concurrent, but a test or the chat mode may call
/// the service too); across processes the ledger's key keeps a reminder from being recorded twice.</summary>
public sealed class ReminderSweepGate
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public Task Wait(CancellationToken ct) => gate.WaitAsync(ct);

    public void Release() => gate.Release();
}
