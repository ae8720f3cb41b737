using Bot.Telegram.Api;
using Microsoft.Extensions.Options;
using Telegram.Bot.Types.Enums;

namespace Bot.Telegram.Updates;

/// <summary>Receives updates by long polling and hands each answer to the intake as one batch, which keeps it in the
/// inbox for <see cref="InboxWorker"/> to apply. The offset moves past an update only after it is kept, so a crash
/// or a failed commit means the update comes again, and the inbox's key and the processed-update record make that
/// harmless. Waits instead of spinning when the server answers
/// early, backs off on network errors, 409 and 429, and stops cleanly: the update in hand is finished first.</summary>
public sealed partial class PollingReceiver(
    IBotApi api,
    IUpdateIntake intake,
    TimeProvider clock,
    IOptions<TelegramOptions> options,
    ILogger<PollingReceiver> log) : BackgroundService
{
    public static readonly IReadOnlyList<UpdateType> AllowedUpdates = [UpdateType.Message, UpdateType.CallbackQuery, UpdateType.MyChatMember];

    /// <summary>The shortest time between two polls that brought nothing.</summary>
    public static readonly TimeSpan MinPollInterval = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);
    private int failures;

    /// <summary>The next update id to ask for; everything below it is kept.</summary>
    public long Offset { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A webhook left behind by an earlier deployment would answer every poll with 409.
        var removed = await api.DeleteWebhook(dropPendingUpdates: false, stoppingToken);
        if (!removed.IsOk)
        {
            LogWebhookNotRemoved(removed.Error!.ToString());
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var pause = await PollOnce(stoppingToken);
                if (pause > TimeSpan.Zero)
                {
                    await Task.Delay(pause, clock, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    /// <summary>One getUpdates call and the handling of what it brought; returns how long to wait before the next.</summary>
    internal async Task<TimeSpan> PollOnce(CancellationToken stoppingToken)
    {
        var started = clock.GetTimestamp();
        var result = await api.GetUpdates(Offset, options.Value.PollingTimeoutSeconds, AllowedUpdates, stoppingToken);
        if (result.Error is { } error)
        {
            return OnError(error);
        }

        var offsetBefore = Offset;
        var updates = (result.Value ?? []).Where(u => u.Id >= Offset).OrderBy(u => u.Id).DistinctBy(u => u.Id).ToList();
        if (updates.Count > 0 && !stoppingToken.IsCancellationRequested)
        {
            int committed;
            try
            {
                // On stopping, the update in hand is finished and the rest of the batch stays unconfirmed, to come again.
                committed = await intake.Keep(updates, stoppingToken);
            }
            catch (Exception ex)
            {
                LogNotCommitted(ex, updates[0].Id);
                return Backoff();
            }

            if (committed > 0)
            {
                Offset = updates[committed - 1].Id + 1L;
            }

            if (committed < updates.Count)
            {
                return stoppingToken.IsCancellationRequested ? TimeSpan.Zero : Backoff();
            }
        }

        failures = 0;
        var elapsed = clock.GetElapsedTime(started);
        // An answer that brought nothing new (empty, or only updates already committed) is nothing to hurry for.
        return Offset == offsetBefore && elapsed < MinPollInterval ? MinPollInterval - elapsed : TimeSpan.Zero;
    }

    private TimeSpan OnError(BotApiError error)
    {
        switch (error.Kind)
        {
            case BotApiErrorKind.TooManyRequests:
                var wait = error.RetryAfter ?? TimeSpan.FromSeconds(1);
                LogRateLimited((int)wait.TotalSeconds);
                return wait;
            case BotApiErrorKind.Conflict:
                LogConflict();
                return Backoff(first: TimeSpan.FromSeconds(5));
            case BotApiErrorKind.Unauthorized:
                LogUnauthorized();
                return MaxBackoff;
            default:
                LogPollFailed(error.ToString());
                return Backoff();
        }
    }

    /// <summary>Doubles from <paramref name="first"/> (1 s unless given) with each failure in a row, up to a minute.</summary>
    private TimeSpan Backoff(TimeSpan? first = null)
    {
        failures++;
        var seconds = (first ?? TimeSpan.FromSeconds(1)).TotalSeconds * Math.Pow(2, Math.Min(failures - 1, 10));
        return TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, seconds));
    }

    [LoggerMessage(LogLevel.Warning, "Could not remove a webhook before polling: {Error}")]
    private partial void LogWebhookNotRemoved(string error);

    [LoggerMessage(LogLevel.Error, "Updates from {UpdateId} on could not be committed; they will be received again")]
    private partial void LogNotCommitted(Exception ex, long updateId);

    [LoggerMessage(LogLevel.Warning, "Telegram asked to slow down polling: waiting {Seconds} s")]
    private partial void LogRateLimited(int seconds);

    [LoggerMessage(LogLevel.Warning, "409 Conflict: another instance is polling with this token, or a webhook is set; backing off")]
    private partial void LogConflict();

    [LoggerMessage(LogLevel.Error, "Telegram rejected the bot token; check Telegram:BotToken")]
    private partial void LogUnauthorized();

    [LoggerMessage(LogLevel.Warning, "Polling failed ({Error}); backing off")]
    private partial void LogPollFailed(string error);
}
