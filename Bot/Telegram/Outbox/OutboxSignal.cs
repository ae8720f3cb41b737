namespace Bot.Telegram.Outbox;

/// <summary>Wakes the dispatcher when something new was committed to the outbox, so replies go out at once
/// instead of at the next idle poll.</summary>
public sealed class OutboxSignal
{
    private TaskCompletionSource wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int news;

    /// <summary>Set when something was committed since the dispatcher last read the queue; it then re-reads
    /// before sending further bulk rows, so an interactive reply overtakes a running broadcast.</summary>
    public bool HasNews => Volatile.Read(ref news) == 1;

    /// <summary>Raised on every <see cref="Notify"/>: for the workers that follow up on what was committed (the card
    /// refresher), besides the dispatcher.</summary>
    public event Action? Committed;

    public void Notify()
    {
        Volatile.Write(ref news, 1);
        Volatile.Read(ref wake).TrySetResult();
        Committed?.Invoke();
    }

    /// <summary>Called just before the dispatcher reads the queue: what was committed before now is seen by it.</summary>
    internal void Consume()
    {
        Volatile.Write(ref news, 0);
        if (Volatile.Read(ref wake).Task.IsCompleted)
        {
            Volatile.Write(ref wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }
    }

    /// <summary>Waits until notified or until <paramref name="timeout"/> passes on <paramref name="clock"/>.</summary>
    internal async Task Wait(TimeSpan timeout, TimeProvider clock, CancellationToken ct)
    {
        var current = Volatile.Read(ref wake).Task;
        if (HasNews || current.IsCompleted)
        {
            return;
        }

        try
        {
            await current.WaitAsync(timeout, clock, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Nothing new; the caller looks for due retries anyway.
        }
    }
}
