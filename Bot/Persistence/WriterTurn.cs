namespace Bot.Persistence;

/// <summary>Who writes next in this process, first come first served: keeping received updates, applying them,
/// acknowledging waiting presses and recording what the outbox sent. On SQLite they all need the one writer, and
/// SQLite's busy handler is no queue: a waiting writer sleeps and retries, and the update applier, beginning its next
/// transaction the instant it committed the last, would win nearly every time, so polling could not keep a batch
/// and the dispatcher could not record the answers it sent while a burst was being applied. The applier also gives
/// its turn up between two updates as soon as another writer waits (<see cref="Wanted"/>), so nobody waits longer
/// than one update's application. PostgreSQL has no single writer and queues lock waiters itself; there the turn
/// lets everyone through (<see cref="Free"/>): a transaction waiting there for a row lock while holding the turn
/// would stall every other writer of the process behind it.</summary>
public sealed class WriterTurn
{
    private readonly SemaphoreSlim? turn;
    private int waiting;

    private WriterTurn(bool ordered) => turn = ordered ? new SemaphoreSlim(1, 1) : null;

    /// <summary>For SQLite: one writer at a time, first come first served.</summary>
    public static WriterTurn Ordered() => new(ordered: true);

    /// <summary>For PostgreSQL: no turns.</summary>
    public static WriterTurn Free() => new(ordered: false);

    /// <summary>Whether another writer waits for the turn now.</summary>
    public bool Wanted => Volatile.Read(ref waiting) > 0;

    public async Task<Held> Take(CancellationToken ct)
    {
        if (turn is null)
        {
            return default;
        }

        Interlocked.Increment(ref waiting);
        try
        {
            await turn.WaitAsync(ct);
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }

        return new Held(turn);
    }

    public readonly struct Held(SemaphoreSlim? turn) : IDisposable
    {
        public void Dispose() => turn?.Release();
    }
}
