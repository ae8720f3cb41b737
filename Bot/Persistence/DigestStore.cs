using Bot.Domain.Calendar;
using Bot.Telegram.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Bot.Persistence;

/// <summary>Digest records on EF Core; a batch is one SaveChanges with the outbox rows queued before it.</summary>
public sealed class DigestStore(BotDbContext db, OutboxSignal signal) : IDigestStore
{
    public async Task<IReadOnlySet<long>> Sent(DigestKind kind, DateOnly period, CancellationToken ct) =>
        (await db.DigestsSent.Where(d => d.Kind == kind && d.Period == period).Select(d => d.UserId).ToListAsync(ct)).ToHashSet();

    public async Task Record(IReadOnlyList<DigestRecord> records, CancellationToken ct)
    {
        db.DigestsSent.AddRange(records);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        signal.Notify();
    }
}
