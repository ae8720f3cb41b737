using Bot.Domain.Chapters;
using Bot.Domain.Notices;
using Bot.Telegram.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Bot.Persistence;

/// <summary>The notice store on EF Core.</summary>
public sealed class NoticeStore(BotDbContext db, OutboxSignal signal) : INoticeStore
{
    public async Task<MeetingNotice?> Notice(long id, CancellationToken ct) => await db.Notices.FindAsync([id], ct);

    public async Task AddWithId(MeetingNotice notice, CancellationToken ct)
    {
        db.Notices.Add(notice);
        await db.SaveChangesAsync(ct);
    }

    public async Task AddWithId(NoticeIssue issue, CancellationToken ct)
    {
        db.NoticeIssues.Add(issue);
        await db.SaveChangesAsync(ct);
    }

    public void Add(IEnumerable<NoticeDelivery> deliveries) => db.NoticeDeliveries.AddRange(deliveries);

    public async Task<IReadOnlyList<NoticeIssue>> Issues(long noticeId, CancellationToken ct) =>
        await db.NoticeIssues.Where(i => i.NoticeId == noticeId).OrderBy(i => i.Number).ToListAsync(ct);

    public async Task<IReadOnlyList<(long UserId, bool Reachable)>> Recipients(IReadOnlyCollection<long> chapterIds, CancellationToken ct) =>
        (await db.Members.AsNoTracking()
            .Where(m => db.Memberships.Any(s => s.UserId == m.UserId && chapterIds.Contains(s.ChapterId)))
            .OrderBy(m => m.UserId)
            .Select(m => new { m.UserId, m.Reachable })
            .ToListAsync(ct))
            .Select(m => (m.UserId, m.Reachable))
            .ToList();

    public async Task<NoticeIssue?> Issue(long issueId, CancellationToken ct) => await db.NoticeIssues.FindAsync([issueId], ct);

    public async Task<NoticeDelivery?> Delivery(long issueId, long userId, CancellationToken ct) =>
        await db.NoticeDeliveries.FirstOrDefaultAsync(d => d.IssueId == issueId && d.UserId == userId, ct);

    public async Task<IReadOnlyList<(NoticeDelivery Delivery, Member? Member)>> Deliveries(long issueId, CancellationToken ct) =>
        (await db.NoticeDeliveries.Where(d => d.IssueId == issueId)
            .GroupJoin(db.Members, d => d.UserId, m => (long?)m.UserId, (d, m) => new { d, m })
            .SelectMany(x => x.m.DefaultIfEmpty(), (x, m) => new { x.d, m })
            .OrderBy(x => x.d.Id)
            .ToListAsync(ct))
            .Select(x => (x.d, x.m))
            .ToList();

    public async Task<IReadOnlyDictionary<long, NotReached>> Unreachable(IReadOnlyCollection<long> userIds, CancellationToken ct)
    {
        if (userIds.Count == 0)
        {
            return new Dictionary<long, NotReached>();
        }

        var chats = await db.Chats.AsNoTracking().Where(c => userIds.Contains(c.ChatId) && c.Unreachable).Select(c => new { c.ChatId, c.UnreachableReason }).ToListAsync(ct);
        var known = chats.ToDictionary(c => c.ChatId, c => NoticeOutcomes.Classify(c.UnreachableReason));
        // A member marked unreachable whose chat record is gone still did not get the notice.
        var members = await db.Members.AsNoTracking().Where(m => userIds.Contains(m.UserId) && !m.Reachable).Select(m => m.UserId).ToListAsync(ct);
        foreach (var id in members)
        {
            known.TryAdd(id, NotReached.Failed);
        }

        return known;
    }

    public async Task<IReadOnlyList<MeetingNotice>> NoticesOf(IReadOnlyCollection<long> chapterIds, int take, CancellationToken ct) =>
        await db.Notices.Where(n => chapterIds.Contains(n.ChapterId)).OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(take).ToListAsync(ct);

    public async Task<IReadOnlyList<NoticeIssue>> RemindersDue(DateTime at, CancellationToken ct) =>
        await db.NoticeIssues
            .Where(i => i.RemindedAt == null && i.RemindAt <= at && db.Notices.Any(n => n.Id == i.NoticeId && n.StartsAt > at))
            .OrderBy(i => i.Id)
            .ToListAsync(ct);

    public async Task Save(CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        signal.Notify(); // the reminders just committed go out now, not at the dispatcher's next idle look
    }
}
