using Bot.Persistence;
using System.Threading.Channels;

namespace Bot.Telegram.Updates;

/// <summary>Stores what the webhook receives, many requests to one transaction: each request waits until its
/// update is committed (only then may Telegram be told 200), while one writer commits everything that arrived
/// meanwhile. Forty connections each committing alone would queue for SQLite's single writer one by one.</summary>
public sealed partial class WebhookIntake(IServiceScopeFactory scopes, InboxSignal signal, CallbackAcknowledger acknowledger, WriterTurn turn, ILogger<WebhookIntake> log) : BackgroundService
{
    public const int MaxPerTransaction = 200;

    /// <summary>Requests waiting for the writer beyond this are refused (Telegram retries them): the bot does not
    /// buffer without bound.</summary>
    public const int MaxWaiting = 10_000;

    private readonly Channel<Arrival> queue = Channel.CreateBounded<Arrival>(new BoundedChannelOptions(MaxWaiting)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    /// <summary>Returns once the update is stored (or known: stored before, or processed). Throws when it could not
    /// be stored, or the queue is full, or the bot is stopping; then Telegram must be told to try again.</summary>
    public async Task Keep(Received update, CancellationToken ct)
    {
        var arrival = new Arrival(update);
        if (!queue.Writer.TryWrite(arrival))
        {
            throw new InvalidOperationException("The webhook intake is full or stopping.");
        }

        await arrival.Kept.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Arrival>(MaxPerTransaction);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < MaxPerTransaction && queue.Reader.TryRead(out var arrival))
                {
                    batch.Add(arrival);
                }

                await Commit(batch);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            queue.Writer.TryComplete();
            while (queue.Reader.TryRead(out var left))
            {
                left.Kept.TrySetCanceled(stoppingToken);
            }
        }
    }

    private async Task Commit(List<Arrival> batch)
    {
        try
        {
            using var held = await turn.Take(CancellationToken.None);
            await using var scope = scopes.CreateAsyncScope();
            var inbox = scope.ServiceProvider.GetRequiredService<WebhookInbox>();
            // Not cancelled by stopping: requests already taken are finished, so their answer tells the truth.
            var stored = await inbox.StoreMany(batch.Select(a => a.Update).ToList(), CancellationToken.None);
            if (stored.Count > 0)
            {
                signal.Notify();
                // Only presses wait for an acknowledgement: a batch without one would wake it to read the inbox for nothing.
                if (batch.Any(a => a.Update.CallbackQueryId is not null))
                {
                    acknowledger.Notify();
                }
            }

            foreach (var arrival in batch)
            {
                arrival.Kept.TrySetResult();
            }
        }
        catch (Exception ex)
        {
            LogNotStored(ex, batch.Count);
            foreach (var arrival in batch)
            {
                arrival.Kept.TrySetException(ex);
            }
        }
    }

    private sealed record Arrival(Received Update)
    {
        public TaskCompletionSource Kept { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(LogLevel.Error, "{Count} webhook updates could not be stored; Telegram is told to send them again")]
    private partial void LogNotStored(Exception ex, int count);
}
