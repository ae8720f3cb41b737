using Bot.Persistence;
using Telegram.Bot.Types;

namespace Bot.Telegram.Updates;

/// <summary>Applies the updates the webhook or polling kept, after Telegram was told they arrived: the oldest first, in
/// batches through the <see cref="IUpdateHandler"/>, which removes each kept row in the transaction that records the
/// update as processed. Only the instance holding the inbox lease applies updates, so with several instances on
/// one database every update is applied once and each chat's updates in order, whichever instance received them.
/// Woken by <see cref="InboxSignal"/>; the idle look only finds rows another instance received.</summary>
public sealed partial class InboxWorker(
    IServiceScopeFactory scopes,
    IUpdateHandler handler,
    InboxSignal signal,
    PressAnswers answers,
    CallbackAcknowledger acknowledger,
    TimeProvider clock,
    ILogger<InboxWorker> log) : BackgroundService
{
    public const int BatchSize = UpdateProcessor.MaxUpdatesPerTransaction;

    /// <summary>How many of the oldest waiting updates a batch is chosen from (<see cref="InboxOrder"/>): an update of a
    /// quiet chat behind a flood in another goes with the next batch once it is among these. Only their ids are read
    /// for every batch; each update's JSON once.</summary>
    public const int Window = 20 * BatchSize;

    /// <summary>How long the lease lasts without renewal: a holder that died is replaced after this.</summary>
    public static readonly TimeSpan LeaseLength = TimeSpan.FromSeconds(30);

    /// <summary>How often an idle worker looks for rows it was not told about (another instance received them while
    /// this one held the lease, or while another held it and died).</summary>
    public static readonly TimeSpan IdleLook = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <summary>This process among the bot's instances; unique per start, so a restarted instance does not mistake
    /// the lease of its former self for its own.</summary>
    private readonly string holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private int failures;

    /// <summary>The updates of the window not applied yet, as read from their JSON (the loop's own).</summary>
    private Dictionary<long, Update> read = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var pause = await DrainOnce(stoppingToken);
                if (failures > 0)
                {
                    // A back-off is waited out whatever arrives: more updates do not make a failing database work.
                    await Task.Delay(pause, clock, stoppingToken);
                }
                else if (pause > TimeSpan.Zero)
                {
                    await signal.Wait(pause, clock, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            acknowledger.HoldsInbox(null);
            await scope.ServiceProvider.GetRequiredService<Leases>().Release(InboxLease.Inbox, holder, cancellationToken);
        }
        catch (Exception ex)
        {
            // Not fatal, even when stopping took too long: another instance takes over when the lease runs out.
            LogReleaseFailed(ex);
        }
    }

    /// <summary>One batch, if this instance may and there is one. Returns how long to wait before the next look:
    /// zero right after a batch, the idle look when there was nothing, a back-off after a failure.</summary>
    internal async Task<TimeSpan> DrainOnce(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var inbox = scope.ServiceProvider.GetRequiredService<WebhookInbox>();
            var leases = scope.ServiceProvider.GetRequiredService<Leases>();
            // A read first: an idle instance does not write to the database every few seconds.
            if (await inbox.IsEmpty(stoppingToken))
            {
                failures = 0;
                return IdleLook;
            }

            var asked = clock.GetUtcNow();
            var holds = await leases.Take(InboxLease.Inbox, holder, LeaseLength, stoppingToken);
            acknowledger.HoldsInbox(holds ? asked + LeaseLength : null);
            if (!holds)
            {
                return IdleLook;
            }

            var ids = await inbox.OldestIds(Window, stoppingToken);
            if (ids.Count == 0)
            {
                await leases.Release(InboxLease.Inbox, holder, stoppingToken);
                acknowledger.HoldsInbox(null);
                // A row stored while this instance held the lease went unannounced to it if another instance received
                // it and found the lease taken; looking once more after letting go leaves nothing stranded.
                failures = 0;
                return await inbox.IsEmpty(stoppingToken) ? IdleLook : TimeSpan.Zero;
            }

            // Each update is read from its JSON once, however many batches it waits in the window.
            foreach (var row in await inbox.Rows(ids.Where(id => !read.ContainsKey(id)).ToList(), stoppingToken))
            {
                if (WebhookInbox.Read(System.Text.Encoding.UTF8.GetBytes(row.Payload)) is { } update)
                {
                    read[row.UpdateId] = update;
                }
                else
                {
                    LogUnreadable(row.UpdateId);
                    await inbox.Discard(row.UpdateId, stoppingToken);
                }
            }

            var updates = InboxOrder.Fair(ids.Select(id => read.GetValueOrDefault(id)).OfType<Update>().ToList(), BatchSize);
            var chosen = updates.Select(u => (long)u.Id).ToHashSet();
            read = ids.Where(id => !chosen.Contains(id) && read.ContainsKey(id)).ToDictionary(id => id, id => read[id]);
            answers.AcknowledgedBefore(await inbox.AcknowledgedAmong(chosen, stoppingToken));
            var committed = await handler.Handle(updates, stoppingToken);
            if (committed < updates.Count && !stoppingToken.IsCancellationRequested)
            {
                return Backoff();
            }

            failures = 0;
            return TimeSpan.Zero;
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LogFailed(ex);
            return Backoff();
        }
    }

    private TimeSpan Backoff()
    {
        failures++;
        return TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(failures - 1, 10))));
    }

    [LoggerMessage(LogLevel.Error, "Stored webhook updates could not be applied; trying again")]
    private partial void LogFailed(Exception ex);

    [LoggerMessage(LogLevel.Error, "Stored webhook update {UpdateId} cannot be read by this version; it is dropped")]
    private partial void LogUnreadable(long updateId);

    [LoggerMessage(LogLevel.Warning, "Could not release the webhook inbox lease; another instance takes over when it runs out")]
    private partial void LogReleaseFailed(Exception ex);
}
