using Bot.Telegram.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Persistence;

/// <summary>An event whose posted cards wait to be brought up to date outside the press that changed it. One row
/// per event, however many presses asked for it: that is the coalescing.</summary>
public sealed class CardRefreshRequest
{
    public long EventId { get; set; }
    public DateTime RequestedAt { get; set; }

    /// <summary>New at every request: a refresh takes the request only if no press renewed it meanwhile.</summary>
    public long Stamp { get; set; }
}

/// <summary>The events whose cards are to be refreshed later. Requests join the caller's unit of work.</summary>
public interface ICardRefreshes
{
    /// <summary>Asks for the event's cards to be refreshed; a request already waiting covers this one too.</summary>
    Task Request(long eventId, DateTime at, CancellationToken ct);

    /// <summary>The events waiting for a refresh, oldest request first.</summary>
    Task<IReadOnlyList<long>> Waiting(int max, CancellationToken ct);

    /// <summary>Runs <paramref name="refresh"/> (which reads the event and queues its edits, without holding the
    /// writer), then saves the edits and takes the request in one short transaction, unless a press renewed the
    /// request meanwhile: then that press's change may be missing from these edits, and the request stays for the next
    /// refresh. Returns what <paramref name="refresh"/> returned; 0 when there was no request.</summary>
    Task<int> Refresh(long eventId, Func<CancellationToken, Task<int>> refresh, CancellationToken ct);
}

public sealed class CardRefreshes(BotDbContext db) : ICardRefreshes
{
    // A press renews the stamp of a waiting request; the requested time stays, so the oldest request goes first.
    public Task Request(long eventId, DateTime at, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO card_refreshes (event_id, requested_at, stamp) VALUES ({eventId}, {at}, {Random.Shared.NextInt64()}) ON CONFLICT (event_id) DO UPDATE SET stamp = excluded.stamp", ct);

    public async Task<IReadOnlyList<long>> Waiting(int max, CancellationToken ct) =>
        await db.CardRefreshes.AsNoTracking().OrderBy(r => r.RequestedAt).Select(r => r.EventId).Take(max).ToListAsync(ct);

    public async Task<int> Refresh(long eventId, Func<CancellationToken, Task<int>> refresh, CancellationToken ct)
    {
        // The stamp is read before the answers: a press committed after this read renewed it, so the request is kept
        // for that press. Reading and rendering a thousand copies happen outside the transaction: they used to hold
        // SQLite's one writer for seconds while every press waited.
        if (await db.CardRefreshes.Where(r => r.EventId == eventId).Select(r => (long?)r.Stamp).FirstOrDefaultAsync(ct) is not { } stamp)
        {
            return 0;
        }

        var before = await db.Outbox.MaxAsync(o => (long?)o.Id, ct) ?? 0;
        var done = await refresh(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await DropOvertaken(before, ct);
        await db.SaveChangesAsync(ct);
        // On PostgreSQL this waits for a press that is renewing the request to commit, then sees its new stamp.
        await db.CardRefreshes.Where(r => r.EventId == eventId && r.Stamp == stamp).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
        return done;
    }

    /// <summary>Edits are coalesced by the order they are written in, the latest wins (<see cref="OutboxCoalescing"/>).
    /// These were rendered before they are written: a copy that someone edited meanwhile (a press, an organizer's
    /// change) already shows a state at least as new, so this refresh's edit of it is dropped instead of written over
    /// that one.</summary>
    private async Task DropOvertaken(long before, CancellationToken ct)
    {
        var rendered = db.ChangeTracker.Entries<OutboxMessage>()
            .Where(e => e.State == EntityState.Added && e.Entity.Kind is OutboxKind.EditMessageText or OutboxKind.EditReplyMarkup)
            .ToList();
        if (rendered.Count == 0)
        {
            return;
        }

        var tags = rendered.Select(e => e.Entity.Tag).Distinct().ToList();
        var newer = (await db.Outbox.AsNoTracking()
                .Where(o => o.Id > before && tags.Contains(o.Tag) && (o.Kind == OutboxKind.EditMessageText || o.Kind == OutboxKind.EditReplyMarkup))
                .Select(o => new { o.ChatId, o.MessageId })
                .ToListAsync(ct))
            .Select(o => (o.ChatId, o.MessageId))
            .ToHashSet();
        foreach (var entry in rendered.Where(e => newer.Contains((e.Entity.ChatId, e.Entity.MessageId))))
        {
            entry.State = EntityState.Detached;
        }
    }
}

internal sealed class CardRefreshRequestConfiguration : IEntityTypeConfiguration<CardRefreshRequest>
{
    public void Configure(EntityTypeBuilder<CardRefreshRequest> b)
    {
        b.ToTable("card_refreshes");
        b.HasKey(x => x.EventId);
        b.Property(x => x.EventId).HasColumnName("event_id").ValueGeneratedNever();
        b.Property(x => x.RequestedAt).HasColumnName("requested_at");
        b.Property(x => x.Stamp).HasColumnName("stamp");
    }
}
