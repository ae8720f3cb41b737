using Bot.Domain.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Bot.Persistence;

/// <summary>The notices' part of a person: the notices they were sent (when handed over, when confirmed) and those
/// they sent. Erasing keeps every line of the delivery record with its times, as proof and as counts, but no longer
/// says whose it was.</summary>
public sealed class NoticeDataEraser(BotDbContext db) : IPersonalDataHolder
{
    public string Section => "notices";

    public async Task<object?> Export(long userId, CancellationToken ct)
    {
        var received = await db.NoticeDeliveries.AsNoTracking()
            .Where(d => d.UserId == userId)
            .Join(db.NoticeIssues, d => d.IssueId, i => i.Id, (d, i) => new { d, i })
            .Join(db.Notices, x => x.i.NoticeId, n => n.Id, (x, n) => new
            {
                n.Title,
                n.StartsAt,
                Notice = x.i.Number,
                x.i.SentAt,
                x.d.HandedAt,
                x.d.ConfirmedAt,
                NotReached = x.d.NotReached,
            })
            .OrderBy(x => x.SentAt)
            .ToListAsync(ct);
        var sent = await db.NoticeIssues.AsNoTracking()
            .Where(i => i.SentBy == userId)
            .Join(db.Notices, i => i.NoticeId, n => n.Id, (i, n) => new { n.Title, n.StartsAt, Notice = i.Number, i.SentAt })
            .OrderBy(x => x.SentAt)
            .ToListAsync(ct);
        return received.Count == 0 && sent.Count == 0
            ? null
            : new
            {
                Received = received.Select(r => new { r.Title, r.StartsAt, r.Notice, r.SentAt, r.HandedAt, r.ConfirmedAt, NotReached = r.NotReached?.ToString() }),
                Sent = sent,
            };
    }

    public async Task Erase(long userId, CancellationToken ct)
    {
        await db.NoticeDeliveries.Where(d => d.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(d => d.UserId, (long?)null), ct);
        await db.NoticeIssues.Where(i => i.SentBy == userId).ExecuteUpdateAsync(s => s.SetProperty(i => i.SentBy, (long?)null), ct);
        await db.Notices.Where(n => n.CreatedBy == userId).ExecuteUpdateAsync(s => s.SetProperty(n => n.CreatedBy, (long?)null), ct);
    }
}
