using Bot.Domain.Events;
using Bot.Domain.Reminders;
using Bot.Telegram.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Bot.Persistence;

/// <summary>The reminder sweep's data on EF Core. A batch is one SaveChanges, so its ledger rows and the outbox
/// rows queued for it in the same context commit together or not at all.</summary>
public sealed class ReminderStore(BotDbContext db, OutboxSignal signal, WriterTurn turn) : IReminderStore
{
    public async Task<IReadOnlyList<UpcomingEvent>> EventsToLookAt(DateTime now, DateTime until, string basis, bool everything, CancellationToken ct) =>
        await (
            from e in db.Events.AsNoTracking()
            where e.CancelledAt == null && e.StartsAt > now && e.StartsAt <= until
            from p in db.ReminderPlans.Where(p => p.EventId == e.Id).DefaultIfEmpty()
            where everything || p == null || p.SeenVersion != e.Version || p.NextAt <= now || p.Basis != basis
            orderby e.StartsAt, e.Id
            select new UpcomingEvent(e.Id, e.StartsAt, e.Version))
            .ToListAsync(ct);

    public async Task<IReadOnlyList<ReminderCandidate>> Answers(IReadOnlyCollection<long> eventIds, CancellationToken ct) =>
        await (
            from r in db.Rsvps
            where eventIds.Contains(r.EventId) && (r.Answer == Answer.Yes || r.Answer == Answer.Maybe) && r.UserId != null
            join e in db.Events on r.EventId equals e.Id
            join m in db.Members on r.UserId equals m.UserId
            from s in db.MemberSettings.Where(s => s.UserId == m.UserId).DefaultIfEmpty()
                // The order of the unique index on (event, user): no sorting of all answers.
            orderby r.EventId, r.UserId
            select new ReminderCandidate(
                e.Id, e.StartsAt, m.UserId, r.Answer, r.AnsweredAt,
                s == null ? null : s.LeadTimes, s == null ? null : s.QuietHours, s == null ? null : (DateTime?)s.ChangedAt,
                m.Reachable, db.ReminderMutes.Any(x => x.EventId == e.Id && x.UserId == m.UserId)))
            .AsNoTracking()
            .ToListAsync(ct);

    public async Task Plan(IReadOnlyList<ReminderPlan> plans, CancellationToken ct)
    {
        if (plans.Count == 0)
        {
            return;
        }

        foreach (var chunk in plans.Chunk(500))
        {
            var ids = chunk.Select(p => p.EventId).ToList();
            var stored = await db.ReminderPlans.Where(p => ids.Contains(p.EventId)).ToDictionaryAsync(p => p.EventId, ct);
            foreach (var plan in chunk)
            {
                if (stored.TryGetValue(plan.EventId, out var row))
                {
                    (row.SeenVersion, row.Basis, row.NextAt) = (plan.SeenVersion, plan.Basis, plan.NextAt);
                }
                else
                {
                    db.ReminderPlans.Add(plan);
                }
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    public async Task<IReadOnlyList<SentReminder>> Sent(IReadOnlyCollection<long> eventIds, CancellationToken ct) =>
        await db.RemindersSent.AsNoTracking()
            .Where(x => eventIds.Contains(x.EventId))
            .Select(x => new SentReminder(x.EventId, x.UserId, x.LeadMinutes, x.StartsAt))
            .ToListAsync(ct);

    public async Task<(Event Event, Waitlist Waitlist)> EventNow(long eventId, CancellationToken ct)
    {
        var @event = await db.Events.AsNoTracking().SingleAsync(e => e.Id == eventId, ct);
        return (@event, Waitlist.Of(@event, await db.Rsvps.AsNoTracking().Where(r => r.EventId == eventId).ToListAsync(ct)));
    }

    public async Task Send(IReadOnlyList<DueReminder> batch, DateTime at, CancellationToken ct)
    {
        var eventIds = batch.Select(d => d.EventId).Distinct().ToList();
        var userIds = batch.Select(d => d.UserId).Distinct().ToList();
        var records = await db.RemindersSent
            .Where(x => eventIds.Contains(x.EventId) && userIds.Contains(x.UserId))
            .ToDictionaryAsync(x => (x.EventId, x.UserId, x.LeadMinutes), ct);
        foreach (var due in batch)
        {
            foreach (var lead in due.Leads)
            {
                var minutes = (int)lead.TotalMinutes;
                if (records.TryGetValue((due.EventId, due.UserId, minutes), out var record))
                {
                    // The event moved later: this lead time is reminded again, for the new start.
                    (record.SentAt, record.StartsAt) = (at, due.StartsAt);
                }
                else
                {
                    db.RemindersSent.Add(new ReminderRecord { EventId = due.EventId, UserId = due.UserId, LeadMinutes = minutes, SentAt = at, StartsAt = due.StartsAt });
                }
            }
        }

        // In the writer's turn: the dispatcher records its answers in it, and waiting there it is woken the moment a
        // batch has committed, where waiting on SQLite's lock it slept in steps of up to 100 ms while sends piled up.
        using (await turn.Take(ct))
        {
            await db.SaveChangesAsync(ct);
        }

        db.ChangeTracker.Clear();
        signal.Notify();
    }
}
