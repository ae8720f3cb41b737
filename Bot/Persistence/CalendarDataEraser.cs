using Bot.Domain.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Bot.Persistence;

/// <summary>What the calendar keeps about a person: their topic choices, that their feed exists (never its token,
/// only its hash, which is not exported either: it opens nothing without the token), and which digests and calendar
/// changes they were sent. Erasure removes all of it, so the feed link stops working at once.</summary>
public sealed class CalendarDataEraser(BotDbContext db) : IPersonalDataHolder
{
    public string Section => "calendar";

    public async Task<object?> Export(long userId, CancellationToken ct)
    {
        var topics = await db.TopicChoices.AsNoTracking().Where(c => c.UserId == userId).OrderBy(c => c.Topic)
            .Select(c => new { topic = c.Topic.ToString(), c.Subscribed, c.ChangedAt }).ToListAsync(ct);
        var feed = await db.CalendarFeeds.AsNoTracking().Where(f => f.UserId == userId).Select(f => new { f.CreatedAt }).FirstOrDefaultAsync(ct);
        var digests = await db.DigestsSent.AsNoTracking().Where(d => d.UserId == userId).OrderBy(d => d.SentAt)
            .Select(d => new { kind = d.Kind.ToString(), d.Period, d.SentAt }).ToListAsync(ct);
        var changesTold = await db.CalendarChangesSent.AsNoTracking().Where(s => s.UserId == userId).OrderBy(s => s.SentAt)
            .Join(db.CalendarChanges, s => s.ChangeId, c => c.Id, (s, c) => new { kind = c.Kind.ToString(), c.Title, c.StartsAt, s.SentAt }).ToListAsync(ct);
        return topics.Count == 0 && feed is null && digests.Count == 0 && changesTold.Count == 0 ? null : new { topics, feedCreatedAt = feed?.CreatedAt, digests, changesTold };
    }

    public async Task Erase(long userId, CancellationToken ct)
    {
        await db.TopicChoices.Where(c => c.UserId == userId).ExecuteDeleteAsync(ct);
        await db.CalendarFeeds.Where(f => f.UserId == userId).ExecuteDeleteAsync(ct);
        await db.DigestsSent.Where(d => d.UserId == userId).ExecuteDeleteAsync(ct);
        await db.CalendarChangesSent.Where(s => s.UserId == userId).ExecuteDeleteAsync(ct);
        await db.CalendarChanges.Where(c => c.ActorId == userId).ExecuteUpdateAsync(s => s.SetProperty(c => c.ActorId, (long?)null), ct);
    }
}
