using System.Threading.Channels;
using Bot.Persistence;
using Bot.Telegram.Outbox;

namespace Bot.Commands.Events;

/// <summary>Brings the posted copies of event cards up to date outside the presses that changed them: woken after
/// every commit, it refreshes each event that asked for it, once for all the presses since its last pass (the
/// request is one row per event), and at most once per <see cref="Interval"/> for one event, so a flood of presses
/// costs a refresh every few seconds, not one per press. Requests are stored, so a crash leaves none behind: they
/// are taken at start.</summary>
public sealed partial class CardRefresher(IServiceScopeFactory scopes, OutboxSignal signal, TimeProvider clock, ILogger<CardRefresher> log)
    : BackgroundService
{
    /// <summary>The shortest time between two refreshes of one event's cards: the pressed copy is edited at once
    /// anyway, and the others cannot be edited faster than Telegram's rate allows.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private const int EventsPerPass = 50;

    private readonly Dictionary<long, DateTimeOffset> refreshedAt = [];

    private readonly Channel<bool> wakes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        signal.Committed += Wake;
        try
        {
            Wake(); // requests a crash left behind
            while (await wakes.Reader.WaitToReadAsync(stoppingToken))
            {
                wakes.Reader.TryRead(out _);
                try
                {
                    await RefreshWaiting(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogFailed(ex); // the requests stay and are taken at the next commit
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still requested is refreshed after the next start.
        }
        finally
        {
            signal.Committed -= Wake;
        }
    }

    private void Wake() => wakes.Writer.TryWrite(true);

    private async Task RefreshWaiting(CancellationToken ct)
    {
        IReadOnlyList<long> waiting;
        TimeSpan? soonest;
        do
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                waiting = await scope.ServiceProvider.GetRequiredService<ICardRefreshes>().Waiting(EventsPerPass, ct);
            }

            var now = clock.GetUtcNow();
            soonest = null;
            var refreshed = 0;
            foreach (var eventId in waiting)
            {
                if (refreshedAt.TryGetValue(eventId, out var last) && last + Interval > now)
                {
                    var wait = last + Interval - now;
                    soonest = soonest is null || wait < soonest ? wait : soonest;
                    continue;
                }

                await using var scope = scopes.CreateAsyncScope();
                var cards = scope.ServiceProvider.GetRequiredService<EventCards>();
                await scope.ServiceProvider.GetRequiredService<ICardRefreshes>().Refresh(eventId, c => cards.RefreshEverywhere(eventId, c), ct);
                refreshedAt[eventId] = now;
                refreshed++;
            }

            foreach (var eventId in refreshedAt.Where(e => e.Value + Interval <= now).Select(e => e.Key).ToList())
            {
                refreshedAt.Remove(eventId);
            }

            if (soonest is { } delay)
            {
                _ = Task.Delay(delay, clock, ct).ContinueWith(_ => Wake(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            }

            if (refreshed > 0)
            {
                signal.Notify(); // the edits are committed: the dispatcher sends them
            }
        }
        while (waiting.Count == EventsPerPass && soonest is null);
    }

    [LoggerMessage(LogLevel.Error, "Refreshing event cards failed; trying again at the next change")]
    private partial void LogFailed(Exception ex);
}
