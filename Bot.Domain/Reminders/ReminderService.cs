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
/// reads the answers of an event only when that moment has come or the event changed since (an answer, an edit, a
/// member's new settings all bump <c>Event.Version</c>); on a quiet minute it reads one row per upcoming event.
/// The first sweep after a start looks at every event, as the configured defaults may have changed.</para></summary>
public sealed class ReminderService(IReminderStore store, ReminderDefaults defaults, ReminderSweepGate gate)
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
            var sweep = await Look(now, everything: !gate.LookedAtEverything, ct);
            foreach (var batch in sweep.Due.Chunk(Math.Max(1, defaults.BatchSize)))
            {
                ct.ThrowIfCancellationRequested();
                await store.Send(batch, now, ct);
            }

            // Only once everything is sent: a sweep that fails half-way leaves the old plans, due already, so the
            // next sweep looks again.
            await store.Plan(sweep.Plans, ct);
            gate.LookedAtEverything = true;
            return sweep.Due.Count;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>What a sweep at <paramref name="now"/> would send, without sending it.</summary>
    public async Task<IReadOnlyList<DueReminder>> Due(DateTime now, CancellationToken ct) => (await Look(now, everything: true, ct)).Due;

    private async Task<Sweep> Look(DateTime now, bool everything, CancellationToken ct)
    {
        var work = await store.Work(now, now + defaults.MaxLead + ReminderRule.MaxQuietShift, everything, ct);
        if (work.Events.Count == 0)
        {
            return new Sweep([], []);
        }

        var sent = work.Candidates.Count == 0
            ? []
            : (await store.Sent(work.Events.Select(e => e.EventId).ToList(), ct)).ToDictionary(s => (s.EventId, s.UserId, s.LeadMinutes));
        var next = new Dictionary<long, DateTime>();
        var due = new List<DueReminder>();
        foreach (var c in work.Candidates)
        {
            var quiet = defaults.QuietOf(c.QuietHours);
            var decidedAt = c.SettingsChangedAt is { } changed && changed > c.AnsweredAt ? changed : c.AnsweredAt;
            var leads = new List<TimeSpan>();
            foreach (var lead in defaults.LeadsOf(c.LeadTimes))
            {
                if (decidedAt >= ReminderRule.DueAt(c.StartsAt, lead)
                    || (sent.TryGetValue((c.EventId, c.UserId, (int)lead.TotalMinutes), out var record) && Stands(record, c.StartsAt, lead)))
                {
                    continue;
                }

                var effective = ReminderRule.EffectiveAt(c.StartsAt, lead, quiet, defaults.Zone);
                if (effective <= now)
                {
                    leads.Add(lead);
                }
                else if (!next.TryGetValue(c.EventId, out var earliest) || effective < earliest)
                {
                    next[c.EventId] = effective;
                }
            }

            if (leads.Count > 0 && c.Receives)
            {
                due.Add(new DueReminder(c.EventId, c.UserId, c.Answer, c.StartsAt, [.. leads.Order()]));
            }
        }

        var plans = work.Events
            .Select(e => new ReminderPlan { EventId = e.EventId, SeenVersion = e.Version, NextAt = next.TryGetValue(e.EventId, out var at) ? at : null })
            .ToList();
        return new Sweep(due, plans);
    }

    private static bool Stands(SentReminder record, DateTime startsAt, TimeSpan lead) => startsAt - record.StartsAt < lead / 2;

    private sealed record Sweep(IReadOnlyList<DueReminder> Due, IReadOnlyList<ReminderPlan> Plans);
}

/// <summary>One sweep at a time in this process (the job is not concurrent, but a test or the chat mode may call
/// the service too); across processes the ledger's key keeps a reminder from being recorded twice. It also
/// remembers whether this process has looked at every event once.</summary>
public sealed class ReminderSweepGate
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public bool LookedAtEverything { get; set; }

    public Task Wait(CancellationToken ct) => gate.WaitAsync(ct);

    public void Release() => gate.Release();
}
