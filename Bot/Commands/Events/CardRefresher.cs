using System.Threading.Channels;
using Bot.Persistence;
using Bot.Telegram.Outbox;
using Microsoft.Extensions.Options;

namespace Bot.Commands.Events;

/// <summary>Brings the posted copies of event cards up to date outside the presses that changed them: woken after
/// every commit, it refreshes each event that asked for it, once for all the presses since its last pass (the
/// request is one row per event). One event's cards are refreshed again only when the edits of the last refresh
/// could have gone out at the overall rate (and not within <see cref="Interval"/>), so a flood of presses queues
/// about as many edits as Telegram lets the bot send, whatever the size of the chapter. Requests are stored, so a
/// crash leaves none behind: they are taken at start.</summary>
public sealed partial class CardRefresher(
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    TimeProvider clock,
    IOptions<OutboxOptions> limits,
    ILogger<CardRefresher> log) : BackgroundService
{
    /// <summary>The shortest time between two refreshes of one event's cards: the pressed copy is edited at once
    /// anyway.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private const int EventsPerPass = 50;

    /// <summary>When each recently refreshed event may be refreshed again.</summary>
    private readonly Dictionary<long, DateTimeOffset> nextRefresh = [];

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
                if (nextRefresh.TryGetValue(eventId, out var next) && next > now)
                {
                    var wait = next - now;
                    soonest = soonest is null || wait < soonest ? wait : soonest;
                    continue;
                }

                await using var scope = scopes.CreateAsyncScope();
                var cards = scope.ServiceProvider.GetRequiredService<EventCards>();
                var copies = await scope.ServiceProvider.GetRequiredService<ICardRefreshes>().Refresh(eventId, c => cards.RefreshEverywhere(eventId, c), ct);
                var sending = TimeSpan.FromSeconds((double)copies / limits.Value.GlobalPerSecond);
                nextRefresh[eventId] = now + (sending > Interval ? sending : Interval);
                refreshed++;
            }

            foreach (var eventId in nextRefresh.Where(e => e.Value <= now).Select(e => e.Key).ToList())
            {
                nextRefresh.Remove(eventId);
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
