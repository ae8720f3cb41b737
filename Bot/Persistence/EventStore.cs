using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Microsoft.EntityFrameworkCore;

namespace Bot.Persistence;

/// <summary>The event store on EF Core. What every press asks is a compiled query: EF's translation of a LINQ query
/// (looking up its cached plan and extracting its parameters) cost about as much as running it on SQLite.</summary>
public sealed class EventStore(BotDbContext db) : IEventStore
{
    private static readonly PerModel<Func<BotDbContext, long, CancellationToken, Task<Event?>>> EventById = new(() =>
        EF.CompileAsyncQuery((BotDbContext db, long id, CancellationToken ct) => db.Events.FirstOrDefault(e => e.Id == id)));

    private static readonly PerModel<Func<BotDbContext, long, long, CancellationToken, Task<Rsvp?>>> AnswerByMember = new(() =>
        EF.CompileAsyncQuery((BotDbContext db, long eventId, long userId, CancellationToken ct) =>
            db.Rsvps.FirstOrDefault(r => r.EventId == eventId && r.UserId == userId)));

    private static readonly PerModel<Func<BotDbContext, long, long, IAsyncEnumerable<AnswerCount>>> CountsOfOthers = new(() =>
        EF.CompileAsyncQuery((BotDbContext db, long eventId, long userId) =>
            db.Rsvps.Where(r => r.EventId == eventId && r.UserId != userId)
                .GroupBy(r => r.Answer)
                .Select(g => new AnswerCount { Answer = g.Key, Count = g.Count(), Guests = g.Sum(r => r.Guests) })));

    // Only what the waitlist's order needs, untracked: no timestamps to parse, nothing to track.
    private static readonly PerModel<Func<BotDbContext, long, long, IAsyncEnumerable<Rsvp>>> YesOfOthers = new(() =>
        EF.CompileAsyncQuery((BotDbContext db, long eventId, long userId) =>
            db.Rsvps.AsNoTracking()
                .Where(r => r.EventId == eventId && r.UserId != userId && r.Answer == Answer.Yes)
                .Select(r => new Rsvp { Id = r.Id, EventId = r.EventId, UserId = r.UserId, Answer = r.Answer, Guests = r.Guests, Ticket = r.Ticket })));

    /// <summary>As <c>FindAsync</c>: the event this unit of work already tracks, otherwise read (and tracked).</summary>
    public async Task<Event?> Event(long id, CancellationToken ct) =>
        db.Events.Local.FindEntry(id)?.Entity ?? await EventById.For(db)(db, id, ct);

    public async Task AddWithId(Event @event, CancellationToken ct)
    {
        db.Events.Add(@event);
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<Rsvp>> Rsvps(long eventId, CancellationToken ct)
    {
        // Untracked: tracking a thousand answers on every press cost more than the press itself. What this unit of
        // work already changed, added or removed is laid over what is stored.
        var stored = await db.Rsvps.AsNoTracking().Where(r => r.EventId == eventId).ToListAsync(ct);
        var tracked = db.ChangeTracker.Entries<Rsvp>().Where(e => e.Entity.EventId == eventId).ToList();
        if (tracked.Count == 0)
        {
            return stored;
        }

        var known = tracked.Where(e => e.State != EntityState.Added).ToDictionary(e => e.Entity.Id);
        return [.. stored.Where(r => !known.ContainsKey(r.Id)),
            .. known.Values.Where(e => e.State != EntityState.Deleted).Select(e => e.Entity),
            .. tracked.Where(e => e.State == EntityState.Added).Select(e => e.Entity)];
    }

    public async Task<AnswerTally> TallyOfOthers(long eventId, long userId, bool listYes, CancellationToken ct)
    {
        if (db.ChangeTracker.Entries<Rsvp>().Any(e => e.Entity.EventId == eventId && e.Entity.UserId != userId && e.State != EntityState.Unchanged))
        {
            // Others' answers changed in this unit of work and not saved yet: the database cannot count them.
            return AnswerTally.Of((await Rsvps(eventId, ct)).Where(r => r.UserId != userId), listYes);
        }

        var counts = await CountsOfOthers.For(db)(db, eventId, userId).ToListAsync(ct);
        var yes = listYes ? await YesOfOthers.For(db)(db, eventId, userId).ToListAsync(ct) : null;
        int CountOf(Answer answer) => counts.FirstOrDefault(c => c.Answer == answer)?.Count ?? 0;
        return new AnswerTally(CountOf(Answer.Yes), counts.FirstOrDefault(c => c.Answer == Answer.Yes)?.Guests ?? 0, CountOf(Answer.Maybe), CountOf(Answer.No), yes);
    }

    public async Task<Rsvp?> AnswerOf(long eventId, long userId, CancellationToken ct) =>
        db.ChangeTracker.Entries<Rsvp>().FirstOrDefault(e => e.Entity.EventId == eventId && e.Entity.UserId == userId && e.State != EntityState.Deleted)?.Entity
        ?? await AnswerByMember.For(db)(db, eventId, userId, ct);

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

    private sealed class AnswerCount
    {
        public Answer Answer { get; init; }
        public int Count { get; init; }
        public int Guests { get; init; }
    }
}
