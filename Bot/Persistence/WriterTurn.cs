namespace Bot.Persistence;

/// <summary>Who writes next in this process, first come first served: keeping received updates, applying them,
/// acknowledging waiting presses and recording what the outbox sent. On SQLite they all need the one writer, and
/// SQLite's busy handler is no queue: a waiting writer sleeps and retries, and the update applier, beginning its next
/// transaction the instant it committed the last, would win nearly every time, so polling could not keep a batch
/// and the dispatcher could not record the answers it sent while a burst was being applied. The applier also gives
/// its turn up between two updates as soon as another writer waits (<see cref="Wanted"/>), so nobody waits longer
/// than one update's application. On PostgreSQL the order costs little and keeps one behaviour for both.</summary>
public sealed class WriterTurn
{
    private readonly SemaphoreSlim turn = new(1, 1);
    private int waiting;

    /// <summary>Whether another writer waits for the turn now.</summary>
    public bool Wanted => Volatile.Read(ref waiting) > 0;

    public async Task<Held> Take(CancellationToken ct)
    {
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

    public readonly struct Held(SemaphoreSlim turn) : IDisposable
    {
        public void Dispose() => turn.Release();
    }
}
