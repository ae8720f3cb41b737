using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Microsoft.EntityFrameworkCore;

namespace Bot.Persistence;

/// <summary>The event store on EF Core.</summary>
public sealed class EventStore(BotDbContext db) : IEventStore
{
    public async Task<Event?> Event(long id, CancellationToken ct) => await db.Events.FindAsync([id], ct);

    public async Task AddWithId(Event @event, CancellationToken ct)
    {
        db.Events.Add(@event);
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<Rsvp>> Rsvps(long eventId, CancellationToken ct)
    {
        var stored = await db.Rsvps.Where(r => r.EventId == eventId).ToListAsync(ct);
        var added = db.ChangeTracker.Entries<Rsvp>().Where(e => e.State == EntityState.Added && e.Entity.EventId == eventId).Select(e => e.Entity);
        return stored.Union(added).ToList();
    }

    public void Add(Rsvp rsvp) => db.Rsvps.Add(rsvp);

    public void Remove(Rsvp rsvp) => db.Rsvps.Remove(rsvp);

    public async Task<IReadOnlyDictionary<long, Member>> Answerers(long eventId, CancellationToken ct) =>
        await db.Members.Where(m => db.Rsvps.Any(r => r.EventId == eventId && r.UserId == m.UserId)).ToDictionaryAsync(m => m.UserId, ct);

    public async Task<IReadOnlyList<Event>> Upcoming(IReadOnlyCollection<long> chapterIds, DateTime now, CancellationToken ct) =>
        await db.Events
            .Where(e => chapterIds.Contains(e.ChapterId) && e.StartsAt > now && e.CancelledAt == null)
            .OrderBy(e => e.StartsAt).ThenBy(e => e.Id)
            .ToListAsync(ct);

    public async Task<IReadOnlyList<(Event Event, Rsvp Rsvp)>> AnswersOf(long userId, DateTime now, CancellationToken ct)
    {
        var rows = await db.Rsvps
            .Where(r => r.UserId == userId)
            .Join(db.Events, r => r.EventId, e => e.Id, (r, e) => new { r, e })
            .Where(x => x.e.StartsAt > now && x.e.CancelledAt == null)
            .OrderBy(x => x.e.StartsAt)
            .ToListAsync(ct);
        return rows.Select(x => (x.e, x.r)).ToList();
    }
}
