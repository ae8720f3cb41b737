using System.Collections.Concurrent;
using System.Text.Json;
using Bot.Domain.Messaging;
using Bot.Persistence;
using Bot.Telegram.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;
using Telegram.Bot;

namespace Bot.Telegram.Outbox;

/// <summary>Sends what the outbox holds, within Telegram's limits: a steady overall rate, one queue per chat
/// and urgency (paced per chat and slower for groups), interactive rows ahead of bulk ones, a 429's
/// retry_after honoured by every send at once, retries with backoff for network and server errors,
/// unreachable chats marked and skipped, migrated groups followed. A row is marked sent only after Telegram
/// accepted it, so a crash can at worst repeat the sends in flight.
/// <para>Order against liveness. A chat's messages (sends, edits, deletions, documents) go out in the order they
/// were written: each waits for the pending messages before it in its chat queue. Two exceptions keep a chat
/// answering when one request keeps failing:</para>
/// <list type="bullet">
/// <item>Calls that are not messages (command menus, callback answers) belong to no chat queue: they neither wait
/// for a chat's messages nor hold them, and they do not count against the message rate.</item>
/// <item>A message that failed with a network or server error and waits for its retry holds the messages behind it
/// only until it is <see cref="OutboxOptions.FailingMessageHold"/> old (a minute by default). After that the later
/// messages go first, and the failing one is still retried, with backoff, until <see cref="OutboxOptions.MaxAttempts"/>:
/// a reply a minute late matters more than the order of two messages.</item>
/// </list></summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IBotApi api,
    OutboxSignal signal,
    TimeProvider clock,
    IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher> log) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    /// <summary>Calls that are not messages read in one pass; they are not rate limited, only by the free slots.</summary>
    private const int CallsPerPass = 500;

    /// <summary>The kinds that are messages in a chat's queue, kept in order (see the class comment).</summary>
    private static readonly OutboxKind[] Queued =
        [OutboxKind.SendMessage, OutboxKind.EditMessageText, OutboxKind.EditReplyMarkup, OutboxKind.DeleteMessage, OutboxKind.SendDocument, OutboxKind.SendVenue];

    private readonly OutboxOptions limits = options.Value;
    private readonly Pacer global = Global(options.Value.PaidBroadcast ? options.Value.PaidBroadcastPerSecond : options.Value.GlobalPerSecond, options.Value.DeliveryJitter);
    private readonly Dictionary<long, Pacer> chatPacers = [];
    private readonly Dictionary<long, Task> inFlight = [];
    private readonly HashSet<long> busyChats = [];
    private readonly ConcurrentQueue<Outcome> done = new();
    private readonly SemaphoreSlim slots = new(options.Value.MaxConcurrency, options.Value.MaxConcurrency);
    private TaskCompletionSource completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // UTC ticks, written by the requests that get a 429 and read by the loop.
    private long pausedUntilTicks = DateTimeOffset.MinValue.UtcTicks;

    private int sending;

    /// <summary>Until when every send waits because Telegram answered 429 (for tests and health).</summary>
    public DateTimeOffset PausedUntil => new(Interlocked.Read(ref pausedUntilTicks), TimeSpan.Zero);

    /// <summary>Requests started and not yet answered (for tests and health). Counted when the dispatcher decides
    /// to send, before the request leaves on the thread pool, so zero means nothing decided is still on its way.</summary>
    public int Sending => Volatile.Read(ref sending);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var sending = new CancellationTokenSource();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await Pass(sending.Token, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex)
                {
                    LogPassFailed(ex);
                    await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
            }
        }
        finally
        {
            // Requests already on the wire get a moment to finish and be recorded; one cut off here stays
            // pending and is sent again after the restart (the one duplicate at-least-once allows).
            sending.CancelAfter(StopGrace);
            await Task.WhenAll(inFlight.Values).WaitAsync(StopGrace + StopGrace, CancellationToken.None)
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await ((Task)Flush(CancellationToken.None)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task Pass(CancellationToken sendToken, CancellationToken stop)
    {
        // Taken before Flush: a request that finishes after this point completes it and so ends the idle wait below;
        // one that finished before is flushed now. Read at the wait instead, a request finishing during the pass
        // would complete an older task and lie unrecorded, its chat blocked, until the next idle poll.
        var finished = Volatile.Read(ref completion).Task;
        await Flush(stop);
        var now = clock.GetUtcNow();
        var paused = PausedUntil;
        if (paused > now)
        {
            await Task.Delay(paused - now, clock, stop);
            return;
        }

        signal.Consume();
        var batch = await Fetch(now, stop);
        TimeSpan? soonest = null;
        var started = 0;
        var answered = new HashSet<long>();
        foreach (var row in batch)
        {
            if (!done.IsEmpty)
            {
                // "Sent" is recorded as sends succeed, so a crash repeats only the sends in flight. A chat whose request
                // just came back is read afresh next pass: the answer may have settled its queue (blocked, migrated).
                answered.UnionWith(await Flush(stop));
            }

            if (row.ChatId is { } rowChat && answered.Contains(rowChat))
            {
                continue;
            }

            now = clock.GetUtcNow();
            if (PausedUntil > now)
            {
                break;
            }

            Pacer? chatPacer = null;
            if (QueueOf(row) is { } chatId)
            {
                if (busyChats.Contains(chatId))
                {
                    continue;
                }

                chatPacer = CountsAgainstRate(row) ? PacerFor(chatId) : null;
                var chatWait = chatPacer?.Wait(now) ?? TimeSpan.Zero;
                if (chatWait > TimeSpan.Zero)
                {
                    soonest = soonest is null || chatWait < soonest ? chatWait : soonest;
                    continue;
                }
            }

            if (CountsAgainstRate(row))
            {
                // Timers count whole milliseconds and may wake a hair early: ask again until the pacer agrees.
                var interrupted = false;
                for (var wait = global.Wait(now); wait > TimeSpan.Zero; wait = global.Wait(now))
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), clock, stop);
                    now = clock.GetUtcNow();
                    if (PausedUntil > now || signal.HasNews)
                    {
                        // Something new was committed while this row waited for the pace: read again, so callback
                        // answers and replies go first. The wait shrinks as time passes, so this row still goes.
                        interrupted = true;
                        break;
                    }
                }

                if (interrupted)
                {
                    break;
                }

                global.Take(now);
            }

            chatPacer?.Take(now);
            await slots.WaitAsync(stop);
            if (PausedUntil > clock.GetUtcNow())
            {
                slots.Release(); // a 429 came back while this row waited for a free slot
                break;
            }

            Start(row, sendToken);
            started++;
        }

        if (started == 0)
        {
            var idle = soonest is { } s && s < limits.IdlePoll ? s : limits.IdlePoll;
            await Task.WhenAny(signal.Wait(idle, clock, stop), finished);
            stop.ThrowIfCancellationRequested();
        }

        ForgetIdlePacers(now);
    }

    /// <summary>Callback answers and command menus are not messages: Telegram's message limits do not count them.</summary>
    private static bool CountsAgainstRate(OutboxMessage row) => Queued.Contains(row.Kind);

    /// <summary>The chat whose queue the row is in, or null for a call that is not a message.</summary>
    private static long? QueueOf(OutboxMessage row) => Queued.Contains(row.Kind) ? row.ChatId : null;

    /// <summary>The overall pace: evenly spaced, a burst of a tenth of the rate to absorb a late wake-up, and never
    /// more than the rate in any second plus the delivery jitter, so a request that reaches Telegram late does not
    /// make one of its seconds hold more than the rate.</summary>
    private static Pacer Global(int perSecond, TimeSpan jitter)
    {
        var window = TimeSpan.FromSeconds(1) + jitter;
        return new(window / perSecond, Math.Max(1, perSecond / 10), perSecond, window);
    }

    private Pacer PacerFor(long chatId)
    {
        if (!chatPacers.TryGetValue(chatId, out var pacer))
        {
            // Group and channel ids are negative; private chats have the user's (positive) id.
            pacer = chatId < 0
                ? new Pacer(TimeSpan.FromMinutes(1.0 / limits.PerGroupPerMinute), 1)
                : new Pacer(TimeSpan.FromSeconds(1.0 / limits.PerChatPerSecond), limits.PerChatBurst);
            chatPacers[chatId] = pacer;
        }

        return pacer;
    }

    private void ForgetIdlePacers(DateTimeOffset now)
    {
        if (chatPacers.Count < 10_000)
        {
            return;
        }

        foreach (var (chatId, pacer) in chatPacers.ToList())
        {
            if (pacer.IsIdle(now) && !busyChats.Contains(chatId))
            {
                chatPacers.Remove(chatId);
            }
        }
    }

    /// <summary>The next row of every chat queue (per urgency) and every due call that is not a message, interactive
    /// first, oldest first (see the class comment for what holds a queue). Rows of
    /// unreachable chats are settled here without a request; rows of migrated groups move to the new id; an
    /// edit overtaken by a later edit of the same message is dropped.</summary>
    private async Task<List<OutboxMessage>> Fetch(DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var chats = scope.ServiceProvider.GetRequiredService<ChatDirectory>();
        List<OutboxMessage> heads;
        while (await SettleHeads(db, chats, heads = await ReadHeads(db, now.UtcDateTime, ct), ct))
        {
            // Settling changed which row heads a queue: read again.
        }

        return heads;
    }

    /// <summary>Due calls that are not messages (callback answers first: Telegram shows a spinning button until
    /// they come), then the heads of the chat queues: interactive before bulk, new messages before edits (a reply
    /// to a person before the refresh of a card), oldest first.</summary>
    private async Task<List<OutboxMessage>> ReadHeads(BotDbContext db, DateTime now, CancellationToken ct)
    {
        // Untracked: SettleHeads changes rows behind the context's back (ExecuteUpdate), and a tracking query would
        // hand back the instances read before, e.g. a moved row still at its migrated group's old id, for ever.
        var calls = await db.Outbox.AsNoTracking()
            .Where(o => o.Status == OutboxStatus.Pending && o.NotBefore <= now && !Queued.Contains(o.Kind))
            .OrderBy(o => o.Kind == OutboxKind.AnswerCallbackQuery ? 0 : 1).ThenBy(o => o.Id)
            .Take(CallsPerPass)
            .ToListAsync(ct);
        var take = (limits.PaidBroadcast ? limits.PaidBroadcastPerSecond : limits.GlobalPerSecond) + inFlight.Count + 8;
        var heldSince = now - limits.FailingMessageHold;
        var heads = await db.Outbox.AsNoTracking()
            .Where(o => o.Status == OutboxStatus.Pending && o.NotBefore <= now && Queued.Contains(o.Kind))
            .Where(o => o.ChatId == null || !db.Outbox.Any(p =>
                p.ChatId == o.ChatId && p.Urgency == o.Urgency && p.Status == OutboxStatus.Pending && p.Id < o.Id
                && Queued.Contains(p.Kind)
                && !(p.Attempts > 0 && p.NotBefore > now && p.CreatedAt <= heldSince)))
            .OrderBy(o => o.Urgency)
            .ThenBy(o => o.Kind == OutboxKind.SendMessage || o.Kind == OutboxKind.SendDocument ? 0 : 1)
            .ThenBy(o => o.Id)
            .Take(take)
            .ToListAsync(ct);
        calls.AddRange(heads);
        calls.RemoveAll(o => inFlight.ContainsKey(o.Id));
        return calls;
    }

    /// <summary>Settles, without a request, the heads that must not be sent as they are; true if any was.</summary>
    private async Task<bool> SettleHeads(BotDbContext db, ChatDirectory chats, List<OutboxMessage> heads, CancellationToken ct)
    {
        if (heads.Count == 0)
        {
            return false;
        }

        var chatIds = heads.Where(o => o.ChatId != null).Select(o => o.ChatId!.Value).Distinct().ToList();
        var special = await db.Chats
            .Where(c => chatIds.Contains(c.ChatId) && (c.Unreachable || c.MigratedToChatId != null))
            .ToDictionaryAsync(c => c.ChatId, ct);

        var settled = false;
        foreach (var row in heads)
        {
            if (row.ChatId is not { } chatId || !special.TryGetValue(chatId, out var chat))
            {
                continue;
            }

            if (chat.MigratedToChatId is { } to)
            {
                await db.Outbox.Where(o => o.ChatId == chatId && o.Status == OutboxStatus.Pending)
                    .ExecuteUpdateAsync(s => s.SetProperty(o => o.ChatId, to), ct);
            }
            else
            {
                await chats.DropPending(chatId, chat.UnreachableReason ?? "unreachable", ct);
            }

            settled = true;
        }

        if (settled)
        {
            await db.SaveChangesAsync(ct);
        }

        if (!heads.Any(o => o.Kind is OutboxKind.EditMessageText or OutboxKind.EditReplyMarkup))
        {
            return settled;
        }

        // An edit already on its way to Telegram is neither overtaken nor lends its urgency: it arrives anyway.
        var sending = inFlight.Keys.ToList();

        // The edit that stays takes the urgency of the most urgent one it overtakes: a member's card edited by their
        // own press must not wait behind a broadcast because a bulk refresh of the same card happened to come later.
        await db.Outbox
            .Where(o => o.Status == OutboxStatus.Pending && (o.Kind == OutboxKind.EditMessageText || o.Kind == OutboxKind.EditReplyMarkup))
            .Where(o => db.Outbox.Any(p => p.Status == OutboxStatus.Pending && p.ChatId == o.ChatId && !sending.Contains(p.Id)
                && p.MessageId == o.MessageId && p.Kind == o.Kind && p.Id < o.Id && p.Urgency < o.Urgency))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Urgency, o => db.Outbox
                .Where(p => p.Status == OutboxStatus.Pending && p.ChatId == o.ChatId && !sending.Contains(p.Id)
                    && p.MessageId == o.MessageId && p.Kind == o.Kind && p.Id < o.Id)
                .Min(p => p.Urgency)), ct);

        // An edit overtaken by a later edit of the same message is dropped; one statement for all of them, so a
        // thousand presses on one card cost one update here, not a thousand passes.
        var overtaken = await db.Outbox
            .Where(o => o.Status == OutboxStatus.Pending && !sending.Contains(o.Id) && (o.Kind == OutboxKind.EditMessageText || o.Kind == OutboxKind.EditReplyMarkup))
            .Where(o => db.Outbox.Any(p => p.Status == OutboxStatus.Pending && p.ChatId == o.ChatId
                && p.MessageId == o.MessageId && p.Kind == o.Kind && p.Id > o.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatus.Superseded), ct);
        settled |= overtaken > 0;

        return settled;
    }

    private void Start(OutboxMessage row, CancellationToken ct)
    {
        if (QueueOf(row) is { } chatId)
        {
            busyChats.Add(chatId);
        }

        Interlocked.Increment(ref sending);
        inFlight[row.Id] = Task.Run(async () =>
        {
            Outcome outcome;
            var started = clock.GetUtcNow();
            try
            {
                outcome = new Outcome(row, await Send(row, ct), clock.GetUtcNow(), started);
                if (outcome.Result.Error is { Kind: BotApiErrorKind.TooManyRequests } limited)
                {
                    // At once, not when the outcome is recorded: the loop may be sending the rest of a batch meanwhile.
                    PauseUntil(outcome.At + (limited.RetryAfter ?? TimeSpan.FromSeconds(1)), outcome.At);
                }
            }
            catch (Exception ex)
            {
                // A bug or cancellation: the row stays pending and is tried again later.
                outcome = new Outcome(row, new SendResult(new BotApiError(BotApiErrorKind.Network, 0, ex.GetType().Name), null), clock.GetUtcNow(), started);
            }
            finally
            {
                slots.Release();
            }

            done.Enqueue(outcome);
            Interlocked.Exchange(ref completion, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            Interlocked.Decrement(ref sending);
        }, CancellationToken.None);
    }

    private async Task<SendResult> Send(OutboxMessage row, CancellationToken ct)
    {
        var markup = row.ReplyMarkup is null ? null : JsonSerializer.Deserialize<InlineKeyboardMarkup>(row.ReplyMarkup, JsonBotAPI.Options);
        switch (row.Kind)
        {
            case OutboxKind.SendMessage:
                var sent = await api.SendMessage(new OutgoingMessage(row.ChatId!.Value, row.Text!)
                {
                    ReplyMarkup = markup,
                    ReplyToMessageId = row.ReplyToMessageId,
                    AllowPaidBroadcast = limits.PaidBroadcast && row.Urgency != Urgency.Interactive,
                }, ct);
                return new SendResult(sent.Error, sent.Value?.MessageId);
            case OutboxKind.EditMessageText:
                var edited = await api.EditMessageText(new MessageEdit(row.ChatId!.Value, row.MessageId!.Value, row.Text!) { ReplyMarkup = markup }, ct);
                return new SendResult(edited.Error, row.MessageId);
            case OutboxKind.EditReplyMarkup:
                var marked = await api.EditMessageReplyMarkup(row.ChatId!.Value, row.MessageId!.Value, markup, ct);
                return new SendResult(marked.Error, row.MessageId);
            case OutboxKind.AnswerCallbackQuery:
                var answered = await api.AnswerCallbackQuery(row.CallbackQueryId!, row.Text, row.ShowAlert, ct);
                return new SendResult(answered.Error, null);
            case OutboxKind.SendDocument:
                var document = await api.SendDocument(row.ChatId!.Value, row.DocumentName ?? "file.txt", System.Text.Encoding.UTF8.GetBytes(row.Text ?? ""), row.Caption, ct);
                return new SendResult(document.Error, document.Value?.MessageId);
            case OutboxKind.SendVenue:
                var venue = JsonSerializer.Deserialize<VenuePayload>(row.Text!)!;
                var pinned = await api.SendVenue(row.ChatId!.Value, venue.Latitude, venue.Longitude, venue.Title, venue.Address, ct);
                return new SendResult(pinned.Error, pinned.Value?.MessageId);
            case OutboxKind.SetCommands:
                var menu = JsonSerializer.Deserialize<CommandMenuPayload>(row.Text!, JsonBotAPI.Options)!;
                BotCommandScope scope = menu.UserId is { } member ? BotCommandScope.ChatMember(row.ChatId!.Value, member) : BotCommandScope.Chat(row.ChatId!.Value);
                var set = await api.SetMyCommands(menu.Commands, scope, menu.LanguageCode, ct);
                return new SendResult(set.Error, null);
            case OutboxKind.DeleteMessage:
                var deleted = await api.DeleteMessage(row.ChatId!.Value, row.MessageId!.Value, ct);
                return new SendResult(deleted.Error, null);
            default:
                return new SendResult(new BotApiError(BotApiErrorKind.BadRequest, 0, $"unknown outbox kind {row.Kind}"), null);
        }
    }

    /// <summary>Records what the finished requests came to, and returns the chats they were for. A row leaves the
    /// in-flight set only once its new state is committed, so it cannot be read as pending and sent twice.</summary>
    private async Task<IReadOnlyCollection<long>> Flush(CancellationToken ct)
    {
        if (done.IsEmpty)
        {
            return [];
        }

        var outcomes = new List<Outcome>();
        while (done.TryDequeue(out var outcome))
        {
            outcomes.Add(outcome);
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            var chats = scope.ServiceProvider.GetRequiredService<ChatDirectory>();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var ids = outcomes.Select(o => o.Row.Id).ToList();
            var rows = await db.Outbox.Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
            foreach (var outcome in outcomes)
            {
                if (rows.TryGetValue(outcome.Row.Id, out var row))
                {
                    await Apply(chats, row, outcome, ct);
                }
            }

            foreach (var listener in scope.ServiceProvider.GetServices<IOutboxOutcomeListener>())
            {
                await listener.Settled(rows.Values.Where(r => r.Status != OutboxStatus.Pending).ToList(), ct);
            }

            await db.SaveChangesAsync(ct);
            // Rows that must not outlive their sending go once settled, however they were settled.
            await db.Outbox.Where(o => o.Tag == OutboxWriter.EphemeralTag && o.Status != OutboxStatus.Pending).ExecuteDeleteAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch
        {
            foreach (var outcome in outcomes)
            {
                done.Enqueue(outcome);
            }

            throw;
        }

        foreach (var outcome in outcomes)
        {
            inFlight.Remove(outcome.Row.Id);
            if (QueueOf(outcome.Row) is { } chatId)
            {
                busyChats.Remove(chatId);
            }
        }

        return outcomes.Where(o => o.Row.ChatId is not null).Select(o => o.Row.ChatId!.Value).ToHashSet();
    }

    private async Task Apply(ChatDirectory chats, OutboxMessage row, Outcome outcome, CancellationToken ct)
    {
        var at = outcome.At.UtcDateTime;
        var error = outcome.Result.Error;
        row.Attempts++;
        if (error is null || error.IsMessageNotModified)
        {
            row.Status = OutboxStatus.Sent;
            row.SentAt = at;
            row.SentMessageId = outcome.Result.MessageId;
            row.LastError = null;
            return;
        }

        row.LastError = Truncate(error.ToString(), 512);
        switch (error.Kind)
        {
            case BotApiErrorKind.TooManyRequests:
                row.Attempts--; // Telegram asked us to wait (see PauseUntil), the message itself is fine
                break;
            case BotApiErrorKind.Forbidden or BotApiErrorKind.ChatNotFound when row.ChatId is { } chatId && row.Tag != OutboxWriter.EphemeralTag:
                row.Status = OutboxStatus.Undeliverable;
                await chats.Refused(chatId, error.Description, outcome.Started, ct);
                break;
            case BotApiErrorKind.ChatMigrated when row.ChatId is { } from && error.MigrateToChatId is { } to:
                row.Attempts--;
                row.ChatId = to;
                await chats.RecordMigration(from, to, ct);
                break;
            case BotApiErrorKind.BadRequest when error.IsMessageGone:
                row.Status = OutboxStatus.Failed;
                break;
            case BotApiErrorKind.BadRequest or BotApiErrorKind.Forbidden or BotApiErrorKind.ChatNotFound or BotApiErrorKind.ChatMigrated:
                row.Status = OutboxStatus.Failed;
                LogRefused(row.Id, row.Kind, error.Description);
                break;
            default:
                if (row.Attempts >= limits.MaxAttempts)
                {
                    row.Status = OutboxStatus.Failed;
                    LogGaveUp(row.Id, row.Kind, row.Attempts, error.ToString());
                }
                else
                {
                    var backoff = TimeSpan.FromSeconds(Math.Pow(2, row.Attempts - 1));
                    row.NotBefore = at + (backoff < MaxBackoff ? backoff : MaxBackoff);
                }

                break;
        }
    }

    private void PauseUntil(DateTimeOffset until, DateTimeOffset now)
    {
        var current = Interlocked.Read(ref pausedUntilTicks);
        while (until.UtcTicks > current)
        {
            var seen = Interlocked.CompareExchange(ref pausedUntilTicks, until.UtcTicks, current);
            if (seen == current)
            {
                LogRateLimited((int)(until - now).TotalSeconds);
                return;
            }

            current = seen;
        }
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    private sealed record SendResult(BotApiError? Error, long? MessageId);

    /// <summary>How a request ended (<paramref name="At"/>) and when it was sent (<paramref name="Started"/>).</summary>
    private sealed record Outcome(OutboxMessage Row, SendResult Result, DateTimeOffset At, DateTimeOffset Started);

    [LoggerMessage(LogLevel.Error, "Outbox pass failed; trying again shortly")]
    private partial void LogPassFailed(Exception ex);

    [LoggerMessage(LogLevel.Warning, "Telegram asked to slow down: all sends wait {Seconds} s")]
    private partial void LogRateLimited(int seconds);

    [LoggerMessage(LogLevel.Warning, "Telegram refused outbox row {Id} ({Kind}): {Description}")]
    private partial void LogRefused(long id, OutboxKind kind, string description);

    [LoggerMessage(LogLevel.Warning, "Gave up outbox row {Id} ({Kind}) after {Attempts} attempts: {Error}")]
    private partial void LogGaveUp(long id, OutboxKind kind, int attempts, string error);
}
