using System.Text.Json;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Bot.Telegram.Updates;

/// <summary>The webhook's store: updates kept before the answer, and the lease that lets one instance at a time
/// apply them.</summary>
public sealed class WebhookInbox(BotDbContext db, TimeProvider clock)
{
    /// <summary>Reads a webhook body as an update; null when it is not one (not JSON, not an object, no positive id).</summary>
    public static Update? Read(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize<Update>(json, JsonBotAPI.Options) is { Id: > 0 } update ? update : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Keeps the update unless it is kept already or was processed: a redelivery changes nothing. Returns
    /// whether it was new.</summary>
    public async Task<bool> Store(long updateId, string payload, CancellationToken ct) =>
        (await StoreMany([(updateId, payload)], ct)).Count == 1;

    /// <summary>Keeps, in one transaction, those of the updates that are neither kept already nor processed (the
    /// first copy of an id given twice); returns their ids.</summary>
    public async Task<IReadOnlyCollection<long>> StoreMany(IReadOnlyList<(long UpdateId, string Payload)> updates, CancellationToken ct)
    {
        var ids = updates.Select(u => u.UpdateId).Distinct().ToList();
        var known = (await db.ProcessedUpdates.Where(p => ids.Contains(p.UpdateId)).Select(p => p.UpdateId).ToListAsync(ct))
            .Concat(await db.WebhookInbox.Where(u => ids.Contains(u.UpdateId)).Select(u => u.UpdateId).ToListAsync(ct))
            .ToHashSet();
        var now = clock.GetUtcNow().UtcDateTime;
        var fresh = updates.Where(u => !known.Contains(u.UpdateId)).DistinctBy(u => u.UpdateId)
            .Select(u => new InboxUpdate { UpdateId = u.UpdateId, Payload = u.Payload, ReceivedAt = now })
            .ToList();
        if (fresh.Count == 0)
        {
            return [];
        }

        db.WebhookInbox.AddRange(fresh);
        try
        {
            await db.SaveChangesAsync(ct);
            return fresh.Select(u => u.UpdateId).ToList();
        }
        catch (DbUpdateException) when (fresh.Count > 1)
        {
            // Another instance kept one of them in the meantime (Telegram retried a slow answer elsewhere): one by one.
            db.ChangeTracker.Clear();
            var stored = new List<long>();
            foreach (var update in fresh)
            {
                if (await Store(update.UpdateId, update.Payload, ct))
                {
                    stored.Add(update.UpdateId);
                }
            }

            return stored;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await Known(fresh[0].UpdateId, ct))
            {
                return [];
            }

            throw;
        }
    }

    /// <summary>The oldest stored updates, in update_id order, which keeps each chat's order.</summary>
    public async Task<IReadOnlyList<InboxUpdate>> Oldest(int count, CancellationToken ct) =>
        await db.WebhookInbox.AsNoTracking().OrderBy(u => u.UpdateId).Take(count).ToListAsync(ct);

    public async Task<bool> IsEmpty(CancellationToken ct) => !await db.WebhookInbox.AnyAsync(ct);

    /// <summary>Drops a stored update that can no longer be read (a format this version does not understand).</summary>
    public async Task Discard(long updateId, CancellationToken ct) =>
        await db.WebhookInbox.Where(u => u.UpdateId == updateId).ExecuteDeleteAsync(ct);

    private async Task<bool> Known(long updateId, CancellationToken ct) =>
        await db.ProcessedUpdates.AnyAsync(p => p.UpdateId == updateId, ct)
        || await db.WebhookInbox.AnyAsync(u => u.UpdateId == updateId, ct);
}
