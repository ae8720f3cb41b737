using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Persistence;

/// <summary>An event whose posted cards wait to be brought up to date outside the press that changed it. One row
/// per event, however many presses asked for it: that is the coalescing.</summary>
public sealed class CardRefreshRequest
{
    public long EventId { get; set; }
    public DateTime RequestedAt { get; set; }
}

/// <summary>The events whose cards are to be refreshed later. Requests join the caller's unit of work.</summary>
public interface ICardRefreshes
{
    /// <summary>Asks for the event's cards to be refreshed; a request already waiting covers this one too.</summary>
    Task Request(long eventId, DateTime at, CancellationToken ct);

    /// <summary>The events waiting for a refresh, oldest request first.</summary>
    Task<IReadOnlyList<long>> Waiting(int max, CancellationToken ct);

    /// <summary>Takes the event's request and runs <paramref name="refresh"/> in one transaction, returning what it
    /// returned; 0 when the request is gone (another refresher took it).</summary>
    Task<int> Refresh(long eventId, Func<CancellationToken, Task<int>> refresh, CancellationToken ct);
}

public sealed class CardRefreshes(BotDbContext db) : ICardRefreshes
{
    // On PostgreSQL DO UPDATE, though it changes nothing: it locks the waiting request until the press commits, so a
    // refresher taking the request meanwhile waits and then reads the press's answer; with DO NOTHING it could read
    // the answers before the press committed and leave no request behind. SQLite's one writer serializes the two anyway.
    public Task Request(long eventId, DateTime at, CancellationToken ct) =>
        db.Database.IsNpgsql()
            ? db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO card_refreshes (event_id, requested_at) VALUES ({eventId}, {at}) ON CONFLICT (event_id) DO UPDATE SET requested_at = card_refreshes.requested_at", ct)
            : db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO card_refreshes (event_id, requested_at) VALUES ({eventId}, {at}) ON CONFLICT (event_id) DO NOTHING", ct);

    public async Task<IReadOnlyList<long>> Waiting(int max, CancellationToken ct) =>
        await db.CardRefreshes.AsNoTracking().OrderBy(r => r.RequestedAt).Select(r => r.EventId).Take(max).ToListAsync(ct);

    public async Task<int> Refresh(long eventId, Func<CancellationToken, Task<int>> refresh, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The request is taken first: on SQLite that takes the writer, so no press commits between the reading of
        // the answers below and the commit; on PostgreSQL it waits for a press that asked for this request to
        // commit, and locks the row against the next one. A press after it finds no request and makes a new one.
        if (await db.CardRefreshes.Where(r => r.EventId == eventId).ExecuteDeleteAsync(ct) == 0)
        {
            return 0;
        }

        var done = await refresh(ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return done;
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
    }
}
