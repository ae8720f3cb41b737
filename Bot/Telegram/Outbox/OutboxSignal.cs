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

    /// <summary>Completes at the next <see cref="Notify"/>, or is complete already when news came since the last
    /// <see cref="Consume"/>.</summary>
    internal Task Woken => HasNews ? Task.CompletedTask : Volatile.Read(ref wake).Task;
}
