using Bot.Domain.Calendar;
using Bot.Telegram.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Bot.Persistence;

/// <summary>Digest records on EF Core; a batch is one SaveChanges with the outbox rows queued before it.</summary>
public sealed class DigestStore(BotDbContext db, OutboxSignal signal, WriterTurn turn) : IDigestStore
{
    public async Task<IReadOnlySet<long>> Sent(DigestKind kind, DateOnly period, CancellationToken ct) =>
        (await db.DigestsSent.Where(d => d.Kind == kind && d.Period == period).Select(d => d.UserId).ToListAsync(ct)).ToHashSet();

    public async Task Record(IReadOnlyList<DigestRecord> records, CancellationToken ct)
    {
        db.DigestsSent.AddRange(records);
        // In the writer's turn, as the reminder batches (ReminderStore.Send): the dispatcher waiting to record its
        // answers is woken when the batch commits instead of sleeping in SQLite's busy handler.
        using (await turn.Take(ct))
        {
            await db.SaveChangesAsync(ct);
        }

        db.ChangeTracker.Clear();
        signal.Notify();
    }
}
