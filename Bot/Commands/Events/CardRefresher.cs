using System.Threading.Channels;
using Bot.Persistence;
using Bot.Telegram.Outbox;

namespace Bot.Commands.Events;

/// <summary>Brings the posted copies of event cards up to date outside the presses that changed them: woken after
/// every commit, it refreshes each event that asked for it, once for all the presses since its last pass (the
/// request is one row per event). Requests are stored, so a crash leaves none behind: they are taken at start.</summary>
public sealed partial class CardRefresher(IServiceScopeFactory scopes, OutboxSignal signal, ILogger<CardRefresher> log) : BackgroundService
{
    private const int EventsPerPass = 50;

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
        do
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                waiting = await scope.ServiceProvider.GetRequiredService<ICardRefreshes>().Waiting(EventsPerPass, ct);
            }

            foreach (var eventId in waiting)
            {
                await using var scope = scopes.CreateAsyncScope();
                var cards = scope.ServiceProvider.GetRequiredService<EventCards>();
                await scope.ServiceProvider.GetRequiredService<ICardRefreshes>().Refresh(eventId, c => cards.RefreshEverywhere(eventId, c), ct);
            }

            if (waiting.Count > 0)
            {
                signal.Notify(); // the edits are committed: the dispatcher sends them
            }
        }
        while (waiting.Count == EventsPerPass);
    }

    [LoggerMessage(LogLevel.Error, "Refreshing event cards failed; trying again at the next change")]
    private partial void LogFailed(Exception ex);
}
