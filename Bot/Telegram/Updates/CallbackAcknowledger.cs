using System.Collections.Concurrent;
using System.Text;
using Bot.Persistence;
using Bot.Telegram.Api;
using Bot.Telegram.Outbox;
using Bot.Texts;
using Bot.Domain.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Telegram.Updates;

/// <summary>Answers a button press that has waited in the inbox for <see cref="TelegramOptions.CallbackPatience"/>
/// (a second) without being applied, with a short "received": when a thousand members press at once, the updates are
/// kept in the inbox at once but applied one after another, and a member should not watch a spinning button (Telegram
/// gives up on it after about 15 s) while the presses before theirs are applied. Their press is applied all the same
/// and the card then shows it; only the confirmation's wording is lost, or, for an alert in a private chat, comes as a
/// message (<see cref="OutboxWriter.AcknowledgedBefore"/>). Acknowledges only while this instance holds the inbox
/// lease, beside the application it coordinates with (<see cref="PressAnswers"/>), and sends overdue answers from the
/// outbox only while it is the instance that sends (<see cref="ISendingTurn.Held"/>), beside its dispatcher.
/// <para>The one call that does not go through the outbox: an acknowledgement is worth something only within
/// Telegram's few seconds, is not a message (no rate limit), and comes exactly when the bot is busiest, when a row
/// per answer would queue behind the burst for SQLite's writer. So it is marked in the inbox (one statement for
/// hundreds), then sent straight away, as many at once as the outbox sends; one Telegram did not take goes back to
/// its application, which answers it itself. A crash between the mark and the send leaves those presses unanswered
/// (their spinner stops by itself); the mark first, because the reverse would answer them twice.</para></summary>
public sealed partial class CallbackAcknowledger(
    IServiceScopeFactory scopes,
    PressAnswers answers,
    WriterTurn turn,
    IBotApi api,
    OutboxDispatcher dispatcher,
    ISendingTurn sending,
    TimeProvider clock,
    IOptions<TelegramOptions> options,
    IOptions<OutboxOptions> outbox,
    ILogger<CallbackAcknowledger> log) : BackgroundService
{
    /// <summary>How often an idle acknowledger looks for presses another instance received.</summary>
    public static readonly TimeSpan IdleLook = TimeSpan.FromSeconds(2);

    private const int PerTransaction = 500;

    private readonly InboxSignal arrivals = new();
    // UTC ticks until which this instance holds the inbox lease, as the inbox worker last took or renewed it.
    private long inboxHeldUntilTicks = DateTimeOffset.MinValue.UtcTicks;

    /// <summary>Presses were kept in the inbox.</summary>
    public void Notify() => arrivals.Notify();

    /// <summary>Until when this instance holds the inbox lease (and so applies the updates), or null when it does not;
    /// told by the inbox worker whenever it takes, renews or lets go of the lease. A lease not renewed runs out here
    /// as it does in the database, so an instance that stalled never acknowledges beside the one that took over.</summary>
    public void HoldsInbox(DateTimeOffset? until)
    {
        var before = HoldsInboxNow;
        Interlocked.Exchange(ref inboxHeldUntilTicks, (until ?? DateTimeOffset.MinValue).UtcTicks);
        if (HoldsInboxNow && !before)
        {
            arrivals.Notify();
        }
    }

    private bool HoldsInboxNow => clock.GetUtcNow().UtcTicks < Interlocked.Read(ref inboxHeldUntilTicks);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan pause;
            try
            {
                pause = await AcknowledgeOverdue(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(ex);
                pause = IdleLook;
            }

            try
            {
                if (pause > TimeSpan.Zero)
                {
                    await arrivals.Wait(pause, clock, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    /// <summary>Acknowledges the presses that have waited their patience out, and sends the answers of applied presses
    /// that have waited as long in the outbox. Returns how long until the next one has waited its patience out: zero
    /// when more are overdue, the idle look when none waits.</summary>
    internal async Task<TimeSpan> AcknowledgeOverdue(CancellationToken ct)
    {
        var (holdsInbox, sends) = (HoldsInboxNow, sending.Held);
        if (!holdsInbox && !sends)
        {
            return IdleLook;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var patience = options.Value.CallbackPatience;
        await using var scope = scopes.CreateAsyncScope();
        var inbox = scope.ServiceProvider.GetRequiredService<WebhookInbox>();
        var overdue = holdsInbox ? await inbox.PressesWaitingSince(now - patience, answers.BeingApplied(), PerTransaction, ct) : [];
        if (overdue.Count > 0)
        {
            await Acknowledge(scope.ServiceProvider, overdue, now, ct);
        }

        var more = sends && await SendLateAnswers(scope.ServiceProvider, now - patience, ct);
        if (overdue.Count == PerTransaction || more)
        {
            return TimeSpan.Zero;
        }

        var applying = holdsInbox ? answers.BeingApplied() : [];
        var oldest = new[]
        {
            holdsInbox ? await inbox.OldestUnacknowledgedPress(applying, ct) : null,
            // Leaving out what the dispatcher has on its way: it records those itself.
            sends
                ? (await PendingAnswers(scope.ServiceProvider.GetRequiredService<BotDbContext>(), DateTime.MaxValue)
                    .Take(outbox.Value.MaxConcurrency + 1).Select(o => new { o.Id, o.CreatedAt }).ToListAsync(ct))
                    .Where(o => !dispatcher.IsInFlight(o.Id)).Select(o => (DateTime?)o.CreatedAt).FirstOrDefault()
                : null,
            // Presses being applied put their answers in the outbox soon: look again by then.
            applying.Count > 0 ? now : null,
        }.Where(t => t is not null).Select(t => t!.Value).DefaultIfEmpty().Min();
        return oldest == default ? IdleLook : TimeSpan.FromTicks(Math.Clamp((oldest + patience - now).Ticks, 0, IdleLook.Ticks));
    }

    /// <summary>The answers of applied presses still in the outbox after the patience (the dispatcher is as busy as the
    /// rest of the bot in a burst): taken out of the outbox as sent and sent straight away with their own text. Rows this
    /// instance's dispatcher has on their way are left to it, and it sends none of the others (<see
    /// cref="OutboxDispatcher.TryTakeOver"/>); one that another instance's dispatcher sends at this very moment goes
    /// twice, and Telegram refuses the second. Returns whether there may be more than it took.</summary>
    private async Task<bool> SendLateAnswers(IServiceProvider services, DateTime cutoff, CancellationToken ct)
    {
        var db = services.GetRequiredService<BotDbContext>();
        // A read first: on a quiet day nothing is overdue, and an idle bot must not take the writer every few seconds.
        if (!await PendingAnswers(db, cutoff).AnyAsync(ct))
        {
            return false;
        }

        List<OutboxMessage> late;
        bool full;
        using (await turn.Take(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var read = await PendingAnswers(db, cutoff).Take(PerTransaction).ToListAsync(ct);
            full = read.Count == PerTransaction;
            late = read.Where(o => dispatcher.TryTakeOver(o.Id)).ToList();
            var ids = late.Select(o => o.Id).ToList();
            var sentAt = clock.GetUtcNow().UtcDateTime;
            await db.Outbox.Where(o => ids.Contains(o.Id) && o.Status == OutboxStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatus.Sent).SetProperty(o => o.SentAt, sentAt).SetProperty(o => o.Attempts, o => o.Attempts + 1), ct);
            await tx.CommitAsync(ct);
        }

        if (late.Count == 0)
        {
            return full;
        }

        var failed = new ConcurrentBag<long>();
        await Parallel.ForEachAsync(
            late,
            new ParallelOptions { MaxDegreeOfParallelism = outbox.Value.MaxConcurrency, CancellationToken = ct },
            async (row, token) =>
            {
                // Only a failure worth another try goes back: Telegram refusing the answer (a query too old) would refuse it again.
                if ((await api.AnswerCallbackQuery(row.CallbackQueryId!, row.Text, row.ShowAlert, token)).Error is { Kind: BotApiErrorKind.Network or BotApiErrorKind.TooManyRequests })
                {
                    failed.Add(row.Id);
                }
            });

        LogLateAnswers(late.Count - failed.Count);
        if (!failed.IsEmpty)
        {
            // Back to the outbox, which tries again and records what Telegram said.
            var ids = failed.ToList();
            using (await turn.Take(ct))
            {
                await db.Outbox.Where(o => ids.Contains(o.Id) && o.Status == OutboxStatus.Sent)
                    .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatus.Pending).SetProperty(o => o.SentAt, (DateTime?)null), ct);
            }

            dispatcher.GiveBack(ids);
        }

        return full;
    }

    /// <summary>Answers to presses waiting in the outbox since <paramref name="cutoff"/> or longer, oldest first.</summary>
    private static IQueryable<OutboxMessage> PendingAnswers(BotDbContext db, DateTime cutoff) =>
        db.Outbox.AsNoTracking()
            .Where(o => o.Status == OutboxStatus.Pending && o.Urgency == Urgency.Interactive && o.Kind == OutboxKind.AnswerCallbackQuery && o.CreatedAt <= cutoff)
            .OrderBy(o => o.Id);

    private async Task Acknowledge(IServiceProvider services, IReadOnlyList<InboxUpdate> overdue, DateTime now, CancellationToken ct)
    {
        var claimed = answers.BeginAcknowledging(overdue.Select(u => u.UpdateId));
        if (claimed.Count == 0)
        {
            return;
        }

        var inbox = services.GetRequiredService<WebhookInbox>();
        HashSet<long> decided;
        try
        {
            var db = services.GetRequiredService<BotDbContext>();
            // In turn with keeping and applying updates: SQLite's writer would otherwise go to the applier every time.
            using (await turn.Take(ct))
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                // Only rows still in the inbox: a press applied since it was read is gone and was answered by its application.
                var present = await inbox.Acknowledged(claimed, now, ct);
                decided = answers.DecideAcknowledging(present).ToHashSet();
                await tx.CommitAsync(ct);
            }
        }
        catch
        {
            answers.AbandonAcknowledging(claimed);
            throw;
        }

        answers.AbandonAcknowledging(claimed.Except(decided));
        var failed = new ConcurrentBag<long>();
        var texts = services.GetRequiredService<TextCatalog>();
        await Parallel.ForEachAsync(
            overdue.Where(u => decided.Contains(u.UpdateId)),
            new ParallelOptions { MaxDegreeOfParallelism = outbox.Value.MaxConcurrency, CancellationToken = ct },
            async (press, token) =>
            {
                var culture = texts.CultureFor(WebhookInbox.Read(Encoding.UTF8.GetBytes(press.Payload))?.CallbackQuery?.From.LanguageCode);
                var sent = await api.AnswerCallbackQuery(press.CallbackQueryId!, texts.Plain("Callback.Received", culture), showAlert: false, token);
                if (!sent.IsOk)
                {
                    failed.Add(press.UpdateId);
                }
            });

        LogAcknowledged(decided.Count - failed.Count);
        if (!failed.IsEmpty)
        {
            // Back to their application, which answers them itself when their turn comes (unless it began already).
            LogNotAcknowledged(failed.Count);
            using (await turn.Take(ct))
            {
                await inbox.Unacknowledged(failed.ToList(), ct);
            }

            answers.AbandonAcknowledging(failed);
        }
    }

    [LoggerMessage(LogLevel.Information, "Acknowledged {Count} button presses that waited for their turn")]
    private partial void LogAcknowledged(int count);

    [LoggerMessage(LogLevel.Information, "Sent {Count} answers to button presses that waited in the outbox")]
    private partial void LogLateAnswers(int count);

    [LoggerMessage(LogLevel.Warning, "{Count} button presses could not be acknowledged; their application answers them")]
    private partial void LogNotAcknowledged(int count);

    [LoggerMessage(LogLevel.Error, "Could not acknowledge waiting button presses; trying again")]
    private partial void LogFailed(Exception ex);
}
