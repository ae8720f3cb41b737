using Bot.Persistence;
using Bot.Telegram.Updates;
using Microsoft.EntityFrameworkCore;

namespace Bot.Telegram.Outbox;

/// <summary>Whether this instance is the one that sends. Telegram's limits are the bot's, not an instance's: with
/// one sender they hold exactly (pacing to the millisecond, a 429 pause that stops every send), and a row is never
/// sent by two instances at once. Several instances on one database take turns through a lease; the others receive
/// updates, run their share of the jobs and wait to take over.</summary>
public interface ISendingTurn
{
    /// <summary>Whether this instance may send now; cheap to ask on every pass (a database round trip only when the
    /// lease is due for renewal or another instance's may have run out).</summary>
    Task<bool> Mine(CancellationToken ct);

    /// <summary>Whether this instance sent under its turn when it last asked, and that turn has not run out since: for
    /// the parts of the bot that send beside the dispatcher (overdue callback answers), which must do so only where the
    /// dispatcher does. Never a database round trip.</summary>
    bool Held { get; }

    /// <summary>Lets another instance take over at once, on an orderly stop.</summary>
    Task Release(CancellationToken ct);
}

/// <summary>SQLite: one process owns the file, so it always sends.</summary>
public sealed class SoleSender : ISendingTurn
{
    public Task<bool> Mine(CancellationToken ct) => Task.FromResult(true);

    public bool Held => true;

    public Task Release(CancellationToken ct) => Task.CompletedTask;
}

/// <summary>PostgreSQL: the instance holding the outbox lease sends. It renews the lease a third of its length
/// before it runs out; an instance that dies stops renewing, and another takes the lease when it has run out. An
/// instance that stalls past its lease (a long pause) may finish the sends it had in flight while the next one
/// starts: those few can go twice, the same bound as a crash.</summary>
public sealed class LeasedSender(IServiceScopeFactory scopes, TimeProvider clock) : ISendingTurn
{
    /// <summary>How long a lease lasts without renewal: how long the bot is silent after the sender dies.</summary>
    public static readonly TimeSpan LeaseLength = TimeSpan.FromSeconds(15);

    /// <summary>How often an instance without the lease looks whether it is free.</summary>
    public static readonly TimeSpan Look = TimeSpan.FromSeconds(2);

    // Unique per start, so a restarted instance does not mistake the lease of its former self for its own.
    private readonly string holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private bool held;
    private DateTimeOffset askAgain = DateTimeOffset.MinValue;

    // UTC ticks until which the lease taken last is this instance's; read from other threads.
    private long heldUntilTicks = DateTimeOffset.MinValue.UtcTicks;

    public bool Held => clock.GetUtcNow().UtcTicks < Interlocked.Read(ref heldUntilTicks);

    public async Task<bool> Mine(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (now < askAgain)
        {
            return held;
        }

        await using var scope = scopes.CreateAsyncScope();
        held = await scope.ServiceProvider.GetRequiredService<Leases>().Take(InboxLease.Outbox, holder, LeaseLength, ct);
        Interlocked.Exchange(ref heldUntilTicks, held ? (now + LeaseLength).UtcTicks : DateTimeOffset.MinValue.UtcTicks);
        askAgain = now + (held ? LeaseLength / 3 : Look);
        return held;
    }

    public async Task Release(CancellationToken ct)
    {
        if (!held)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        Interlocked.Exchange(ref heldUntilTicks, DateTimeOffset.MinValue.UtcTicks);
        await scope.ServiceProvider.GetRequiredService<Leases>().Release(InboxLease.Outbox, holder, ct);
        held = false;
    }
}
