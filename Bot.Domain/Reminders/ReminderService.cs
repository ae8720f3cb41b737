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
/// </list></summary>
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
            var due = await Due(at.UtcDateTime, ct);
            foreach (var batch in due.Chunk(Math.Max(1, defaults.BatchSize)))
            {
                ct.ThrowIfCancellationRequested();
                await store.Send(batch, at.UtcDateTime, ct);
            }

            return due.Count;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>What a sweep at <paramref name="now"/> would send, without sending it.</summary>
    public async Task<IReadOnlyList<DueReminder>> Due(DateTime now, CancellationToken ct)
    {
        var candidates = await store.Candidates(now, now + defaults.MaxLead + ReminderRule.MaxQuietShift, ct);
        if (candidates.Count == 0)
        {
            return [];
        }

        var sent = (await store.Sent(candidates.Select(c => c.EventId).Distinct().ToList(), ct))
            .ToDictionary(s => (s.EventId, s.UserId, s.LeadMinutes));
        var due = new List<DueReminder>();
        foreach (var c in candidates)
        {
            var quiet = defaults.QuietOf(c.QuietHours);
            var decidedAt = c.SettingsChangedAt is { } changed && changed > c.AnsweredAt ? changed : c.AnsweredAt;
            var leads = defaults.LeadsOf(c.LeadTimes)
                .Where(lead => decidedAt < ReminderRule.DueAt(c.StartsAt, lead)
                    && ReminderRule.EffectiveAt(c.StartsAt, lead, quiet, defaults.Zone) <= now
                    && !(sent.TryGetValue((c.EventId, c.UserId, (int)lead.TotalMinutes), out var record) && Stands(record, c.StartsAt, lead)))
                .OrderBy(lead => lead)
                .ToList();
            if (leads.Count > 0)
            {
                due.Add(new DueReminder(c.EventId, c.UserId, c.Answer, c.StartsAt, leads));
            }
        }

        return due;
    }

    private static bool Stands(SentReminder record, DateTime startsAt, TimeSpan lead) => startsAt - record.StartsAt < lead / 2;
}

/// <summary>One sweep at a time in this process (the job is not concurrent, but a test or the chat mode may call
/// the service too); across processes the ledger's key keeps a reminder from being recorded twice.</summary>
public sealed class ReminderSweepGate
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public Task Wait(CancellationToken ct) => gate.WaitAsync(ct);

    public void Release() => gate.Release();
}
