namespace Bot.Telegram.Updates;

/// <summary>Wakes the inbox worker when the webhook stored an update, so it is applied at once instead of at the
/// next idle look.</summary>
public sealed class InboxSignal
{
    private readonly Lock gate = new();
    private TaskCompletionSource wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Notify()
    {
        lock (gate)
        {
            wake.TrySetResult();
        }
    }

    /// <summary>Returns when notified since the last wait, or when <paramref name="timeout"/> passes on
    /// <paramref name="clock"/>. A notification that comes while the worker reads the inbox is not lost: the next
    /// wait returns at once.</summary>
    internal async Task Wait(TimeSpan timeout, TimeProvider clock, CancellationToken ct)
    {
        Task current;
        lock (gate)
        {
            current = wake.Task;
        }

        try
        {
            await current.WaitAsync(timeout, clock, ct);
        }
        catch (TimeoutException)
        {
            // Nothing arrived here; the worker looks anyway, for rows another instance received.
        }

        lock (gate)
        {
            if (wake.Task.IsCompleted)
            {
                wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }
}
