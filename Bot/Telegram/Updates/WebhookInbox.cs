using System.Text.Json;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Bot.Telegram.Updates;

/// <summary>The inbox: updates kept before Telegram is told they arrived (the webhook's answer, polling's next
/// offset), until the one instance holding the inbox lease applies them.</summary>
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
        (await StoreMany([new Received(updateId, payload)], ct)).Count == 1;

    /// <summary>Keeps, in one transaction, those of the updates that are neither kept already nor processed (the
    /// first copy of an id given twice); returns their ids.</summary>
    public async Task<IReadOnlyCollection<long>> StoreMany(IReadOnlyList<Received> updates, CancellationToken ct)
    {
        var ids = updates.Select(u => u.UpdateId).Distinct().ToList();
        var known = (await db.ProcessedUpdates.Where(p => ids.Contains(p.UpdateId)).Select(p => p.UpdateId).ToListAsync(ct))
            .Concat(await db.WebhookInbox.Where(u => ids.Contains(u.UpdateId)).Select(u => u.UpdateId).ToListAsync(ct))
            .ToHashSet();
        var now = clock.GetUtcNow().UtcDateTime;
        var fresh = updates.Where(u => !known.Contains(u.UpdateId)).DistinctBy(u => u.UpdateId)
            .Select(u => new InboxUpdate { UpdateId = u.UpdateId, Payload = u.Payload, ReceivedAt = now, CallbackQueryId = u.CallbackQueryId })
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
                if ((await StoreMany([new Received(update.UpdateId, update.Payload, update.CallbackQueryId)], ct)).Count == 1)
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

    /// <summary>The ids of the oldest stored updates, in update_id order: cheap to read for a long window.</summary>
    public async Task<IReadOnlyList<long>> OldestIds(int count, CancellationToken ct) =>
        await db.WebhookInbox.AsNoTracking().OrderBy(u => u.UpdateId).Take(count).Select(u => u.UpdateId).ToListAsync(ct);

    /// <summary>Which of these stored presses were acknowledged already.</summary>
    public async Task<IReadOnlyList<long>> AcknowledgedAmong(IReadOnlyCollection<long> ids, CancellationToken ct) =>
        await db.WebhookInbox.Where(u => ids.Contains(u.UpdateId) && u.AcknowledgedAt != null).Select(u => u.UpdateId).ToListAsync(ct);

    /// <summary>The stored updates with these ids, in update_id order.</summary>
    public async Task<IReadOnlyList<InboxUpdate>> Rows(IReadOnlyCollection<long> ids, CancellationToken ct) =>
        await db.WebhookInbox.AsNoTracking().Where(u => ids.Contains(u.UpdateId)).OrderBy(u => u.UpdateId).ToListAsync(ct);

    /// <summary>Button presses kept since <paramref name="cutoff"/> or longer, not yet acknowledged and not among
    /// <paramref name="except"/>, oldest first.</summary>
    public async Task<IReadOnlyList<InboxUpdate>> PressesWaitingSince(DateTime cutoff, IReadOnlyCollection<long> except, int count, CancellationToken ct) =>
        await db.WebhookInbox.AsNoTracking()
            .Where(u => u.CallbackQueryId != null && u.AcknowledgedAt == null && u.ReceivedAt <= cutoff && !except.Contains(u.UpdateId))
            .OrderBy(u => u.UpdateId).Take(count).ToListAsync(ct);

    /// <summary>When the press that has waited longest without an acknowledgement was kept, leaving out
    /// <paramref name="except"/>; null when none waits.</summary>
    public async Task<DateTime?> OldestUnacknowledgedPress(IReadOnlyCollection<long> except, CancellationToken ct) =>
        await db.WebhookInbox.Where(u => u.CallbackQueryId != null && u.AcknowledgedAt == null && !except.Contains(u.UpdateId))
            .OrderBy(u => u.ReceivedAt).Select(u => (DateTime?)u.ReceivedAt).FirstOrDefaultAsync(ct);

    /// <summary>Marks the presses acknowledged and returns those still kept (a press applied meanwhile is gone). Run
    /// it in the transaction that writes the answers: on PostgreSQL its row locks make an application that would
    /// remove one of the rows wait for that commit.</summary>
    public async Task<IReadOnlyList<long>> Acknowledged(IReadOnlyCollection<long> updateIds, DateTime at, CancellationToken ct)
    {
        await db.WebhookInbox.Where(u => updateIds.Contains(u.UpdateId) && u.AcknowledgedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.AcknowledgedAt, at), ct);
        return await db.WebhookInbox.Where(u => updateIds.Contains(u.UpdateId) && u.AcknowledgedAt != null)
            .Select(u => u.UpdateId).ToListAsync(ct);
    }

    /// <summary>Takes back the acknowledgement of presses whose answer did not reach Telegram.</summary>
    public async Task Unacknowledged(IReadOnlyCollection<long> updateIds, CancellationToken ct) =>
        await db.WebhookInbox.Where(u => updateIds.Contains(u.UpdateId))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.AcknowledgedAt, (DateTime?)null), ct);

    public async Task<bool> IsEmpty(CancellationToken ct) => !await db.WebhookInbox.AnyAsync(ct);

    /// <summary>Drops a stored update that can no longer be read (a format this version does not understand).</summary>
    public async Task Discard(long updateId, CancellationToken ct) =>
        await db.WebhookInbox.Where(u => u.UpdateId == updateId).ExecuteDeleteAsync(ct);

    private async Task<bool> Known(long updateId, CancellationToken ct) =>
        await db.ProcessedUpdates.AnyAsync(p => p.UpdateId == updateId, ct)
        || await db.WebhookInbox.AnyAsync(u => u.UpdateId == updateId, ct);
}

/// <summary>An update as received: its id, its JSON, and the press's id when it is a button press.</summary>
public sealed record Received(long UpdateId, string Payload, string? CallbackQueryId = null);
