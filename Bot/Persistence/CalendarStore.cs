using Bot.Domain.Calendar;
using Bot.Domain.Events;
using Bot.Domain.Subscriptions;
using Bot.Telegram.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Bot.Persistence;

/// <summary>The calendar store on EF Core: series, their occurrences, and the events of a span.</summary>
public sealed class CalendarStore(BotDbContext db, OutboxSignal signal) : ICalendarStore
{
    public async Task<Series?> Series(long id, CancellationToken ct) => await db.Series.FindAsync([id], ct);

    public async Task AddWithId(Series series, CancellationToken ct)
    {
        db.Series.Add(series);
        await db.SaveChangesAsync(ct);
    }

    public void Add(Occurrence occurrence) => db.Occurrences.Add(occurrence);

    public async Task AddOccurrence(Event @event, Occurrence occurrence, CancellationToken ct)
    {
        await using var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        db.Events.Add(@event);
        await db.SaveChangesAsync(ct);
        occurrence.EventId = @event.Id;
        db.Occurrences.Add(occurrence);
        await db.SaveChangesAsync(ct);
        if (own is not null)
        {
            await own.CommitAsync(ct);
        }
    }

    public async Task<IReadOnlyList<Series>> Active(IReadOnlyCollection<long>? chapterIds, CancellationToken ct) =>
        await db.Series.Where(s => s.CancelledAt == null && (chapterIds == null || chapterIds.Contains(s.ChapterId))).OrderBy(s => s.Id).ToListAsync(ct);

    public async Task<IReadOnlyList<Occurrence>> Occurrences(IReadOnlyCollection<long> seriesIds, CancellationToken ct)
    {
        var stored = await db.Occurrences.Where(o => seriesIds.Contains(o.SeriesId)).ToListAsync(ct);
        var added = db.ChangeTracker.Entries<Occurrence>().Where(e => e.State == EntityState.Added && seriesIds.Contains(e.Entity.SeriesId)).Select(e => e.Entity);
        return stored.Union(added).ToList();
    }

    public async Task<Occurrence?> OccurrenceOf(long eventId, CancellationToken ct) =>
        await db.Occurrences.FirstOrDefaultAsync(o => o.EventId == eventId, ct);

    public async Task<IReadOnlyList<(Occurrence Occurrence, Event Event)>> DueAnnouncements(DateTime untilUtc, CancellationToken ct) =>
        (await db.Occurrences.Where(o => o.AnnounceDue)
            .Join(db.Events, o => o.EventId, e => e.Id, (o, e) => new { o, e })
            .Where(x => x.e.StartsAt < untilUtc)
            .OrderBy(x => x.e.StartsAt).ThenBy(x => x.e.Id)
            .ToListAsync(ct)).Select(x => (x.o, x.e)).ToList();

    public async Task<IReadOnlyList<(Occurrence Occurrence, Event Event)>> Future(long seriesId, DateTime nowUtc, CancellationToken ct) =>
        (await db.Occurrences.Where(o => o.SeriesId == seriesId)
            .Join(db.Events, o => o.EventId, e => e.Id, (o, e) => new { o, e })
            .Where(x => x.e.StartsAt > nowUtc)
            .OrderBy(x => x.e.StartsAt).ThenBy(x => x.e.Id)
            .ToListAsync(ct)).Select(x => (x.o, x.e)).ToList();

    public async Task Save(CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        signal.Notify();
    }

    public async Task<IReadOnlyList<Event>> Events(IReadOnlyCollection<long> chapterIds, DateTime fromUtc, DateTime toUtc, CancellationToken ct) =>
        await db.Events
            .Where(e => chapterIds.Contains(e.ChapterId) && e.StartsAt >= fromUtc && e.StartsAt < toUtc && e.CancelledAt == null)
            .OrderBy(e => e.StartsAt).ThenBy(e => e.Id)
            .ToListAsync(ct);

    public async Task<IReadOnlyList<Domain.Canvassing.Shift>> Shifts(IReadOnlyCollection<long> chapterIds, DateTime fromUtc, DateTime toUtc, CancellationToken ct) =>
        await db.Shifts.AsNoTracking()
            .Where(s => chapterIds.Contains(s.ChapterId) && s.StartsAt >= fromUtc && s.StartsAt < toUtc && s.CancelledAt == null)
            .OrderBy(s => s.StartsAt).ThenBy(s => s.Id)
            .ToListAsync(ct);
}

/// <summary>Calendar changes and who was told, on EF Core; a batch is one SaveChanges with the outbox rows queued
/// before it.</summary>
public sealed class CalendarChangeStore(BotDbContext db, OutboxSignal signal) : ICalendarChangeStore
{
    public void Add(CalendarChange change) => db.CalendarChanges.Add(change);

    public async Task<IReadOnlyList<CalendarChange>> Open(CancellationToken ct) =>
        await db.CalendarChanges.Where(c => c.DoneAt == null).OrderBy(c => c.Id).ToListAsync(ct);

    public async Task<IReadOnlySet<long>> Told(long changeId, CancellationToken ct) =>
        (await db.CalendarChangesSent.Where(s => s.ChangeId == changeId).Select(s => s.UserId).ToListAsync(ct)).ToHashSet();

    public async Task<IReadOnlyList<(Occurrence Occurrence, Event Event)>> Drifted(DateTime nowUtc, CancellationToken ct) =>
        (await db.Occurrences
            .Join(db.Events, o => o.EventId, e => e.Id, (o, e) => new { o, e })
            .Where(x => x.e.StartsAt > nowUtc
                && (x.o.KnownStartsAt == null || (x.e.CancelledAt == null && x.e.StartsAt != x.o.KnownStartsAt) || (x.e.CancelledAt != null) != x.o.KnownCancelled))
            .OrderBy(x => x.e.StartsAt).ThenBy(x => x.e.Id)
            .ToListAsync(ct)).Select(x => (x.o, x.e)).ToList();

    public async Task Record(IReadOnlyList<CalendarChangeSent> told, CancellationToken ct)
    {
        db.CalendarChangesSent.AddRange(told);
        await db.SaveChangesAsync(ct);
        signal.Notify();
    }
}

/// <summary>Topic choices on EF Core.</summary>
public sealed class SubscriptionStore(BotDbContext db) : ISubscriptionStore
{
    public async Task<IReadOnlyList<TopicChoice>> ChoicesOf(long userId, CancellationToken ct) =>
        await db.TopicChoices.Where(c => c.UserId == userId).ToListAsync(ct);

    public void Add(TopicChoice choice) => db.TopicChoices.Add(choice);

    public async Task<IReadOnlyList<long>> Subscribers(IReadOnlyCollection<long> chapterIds, Topic topic, bool onByDefault, CancellationToken ct)
    {
        // Bots cannot write first: only members who started a private chat and have not blocked the bot since.
        var members = db.Memberships.Where(m => chapterIds.Contains(m.ChapterId)).Select(m => m.UserId).Distinct()
            .Where(u => db.Chats.Any(c => c.ChatId == u && c.HeardFromAt != null && !c.Unreachable));
        var subscribed = onByDefault
            ? members.Where(u => !db.TopicChoices.Any(c => c.UserId == u && c.Topic == topic && !c.Subscribed))
            : members.Where(u => db.TopicChoices.Any(c => c.UserId == u && c.Topic == topic && c.Subscribed));
        return await subscribed.OrderBy(u => u).ToListAsync(ct);
    }
}

/// <summary>Feed tokens (their hashes) on EF Core.</summary>
public sealed class FeedStore(BotDbContext db) : IFeedStore
{
    public async Task<CalendarFeed?> OfUser(long userId, CancellationToken ct) => await db.CalendarFeeds.FindAsync([userId], ct);

    public async Task<CalendarFeed?> ByHash(string tokenHash, CancellationToken ct) =>
        await db.CalendarFeeds.AsNoTracking().FirstOrDefaultAsync(f => f.TokenHash == tokenHash, ct);

    public void Add(CalendarFeed feed) => db.CalendarFeeds.Add(feed);
}
