using Bot.Telegram.Updates;
using Microsoft.EntityFrameworkCore;

namespace Bot.Persistence;

/// <summary>Named leases, one row each (<see cref="InboxLease"/>): which instance on a shared database does a job
/// that only one may do at a time (applying the webhook inbox, sending the outbox). A lease is taken or renewed by one
/// conditional update, so on PostgreSQL the row lock makes a concurrent taker re-read the row and find it taken, and
/// on SQLite writers take turns anyway.</summary>
public sealed class Leases(BotDbContext db, TimeProvider clock)
{
    /// <summary>Takes or renews lease <paramref name="name"/> for <paramref name="holder"/> when it is free, run out
    /// or already theirs, for <paramref name="length"/> from now. Returns whether the holder has it.</summary>
    public async Task<bool> Take(string name, string holder, TimeSpan length, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + length;
        return await db.WebhookInboxLeases
            .Where(l => l.Name == name && (l.Holder == holder || l.Holder == "" || l.Until < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.Until, until), ct) == 1;
    }

    /// <summary>Lets another instance take lease <paramref name="name"/> at once, if <paramref name="holder"/> has it.</summary>
    public async Task Release(string name, string holder, CancellationToken ct) =>
        await db.WebhookInboxLeases
            .Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, "").SetProperty(l => l.Until, DateTime.UnixEpoch), ct);
}
