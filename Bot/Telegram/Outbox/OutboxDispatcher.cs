using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Bot.Telegram.Outbox;

/// <summary>Sends what the outbox holds, in a plain loop: read the due rows in urgency order
/// (<see cref="OutboxQueue"/>), ask the limiter before each message (<see cref="ISendRateLimiter"/>), send on the
/// thread pool up to <see cref="OutboxOptions.MaxConcurrency"/> at once (<see cref="OutboxSender"/>), and record each
/// answer as it comes (<see cref="OutboxPolicy"/> decides what the row becomes). A row is marked sent only after
/// Telegram accepted it, so a crash can at worst repeat the sends in flight. A chat's messages go one at a time, in
/// order; a 429 pauses every send at once, from the request that got it.</summary>
public sealed partial class OutboxDispatcher(
    OutboxQueue queue,
    OutboxSender sender,
    ISendRateLimiter limiter,
    OutboxSignal signal,
    ISendingTurn turn,
    TimeProvider clock,
    IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher> log) : BackgroundService
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan AfterFailure = TimeSpan.FromSeconds(1);
    private static readonly Task Never = new TaskCompletionSource().Task;

    private static readonly TimeSpan OneMillisecond = TimeSpan.FromMilliseconds(1);

    private readonly OutboxOptions limits = options.Value;

    /// <summary>How many answers wait before the loop, going through the rows it may send at once, stops to record
    /// them; otherwise they are recorded at its next wait (for the pace, for a free place, or at the end of the pass),
    /// which at 30/s comes before every send. A few together keep the crash bound (a row stays in flight until its
    /// answer is committed).</summary>
    private readonly int recordTogether = Math.Max(1, options.Value.MaxConcurrency / 2);
    private readonly Channel<(OutboxMessage Row, SendOutcome Outcome)> answers = Channel.CreateUnbounded<(OutboxMessage, SendOutcome)>();

    // Touched by the loop only: the requests on their way (by row id, until their answer is recorded) and their chats.
    /// <summary>Changed by the loop only; concurrent so that <see cref="IsInFlight"/> may look from elsewhere.</summary>
    private readonly ConcurrentDictionary<long, Task> inFlight = [];

    /// <summary>Rows another part of the bot sent itself (<see cref="TryTakeOver"/>), with when; guarded with the
    /// claiming of rows for <see cref="inFlight"/> by <see cref="claims"/>.</summary>
    private readonly Dictionary<long, long> takenOver = [];
    private readonly Lock claims = new();
    private readonly HashSet<long> busyChats = [];
    private Task? answerWaiting;

    private readonly Lock idleGate = new();
    private DateTimeOffset? idleUntil;
    private TaskCompletionSource idleChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int sending;

    private enum Wake
    {
        Time,
        News,
        Answer,
    }

    /// <summary>Until when every send waits because Telegram answered 429 (for tests and health).</summary>
    public DateTimeOffset PausedUntil => limiter.PausedUntil;

    /// <summary>Requests started and not yet answered (for tests and health). Counted when the dispatcher decides
    /// to send, before the request leaves on the thread pool, so zero means nothing decided is still on its way.</summary>
    public int Sending => Volatile.Read(ref sending);

    /// <summary>Whether this dispatcher has the row on its way to Telegram, or its answer not yet recorded: such a row
    /// still reads as pending, and must not be sent by anyone else.</summary>
    public bool IsInFlight(long id) => inFlight.ContainsKey(id);

    /// <summary>Lets another part of the bot send a pending row itself (an overdue callback answer): true unless this
    /// dispatcher has it in flight already; it then never starts it, though it may have read it as due before. The
    /// claim is forgotten after a minute, long after any pass that read the row as pending has ended.</summary>
    public bool TryTakeOver(long id)
    {
        lock (claims)
        {
            if (inFlight.ContainsKey(id))
            {
                return false;
            }

            var now = Stopwatch.GetTimestamp();
            if (takenOver.Count > 1_000)
            {
                foreach (var old in takenOver.Where(t => Stopwatch.GetElapsedTime(t.Value, now) > TimeSpan.FromMinutes(1)).Select(t => t.Key).ToList())
                {
                    takenOver.Remove(old);
                }
            }

            takenOver[id] = now;
            return true;
        }
    }

    /// <summary>Gives rows taken over back to this dispatcher (their sending failed, and they are pending again).</summary>
    public void GiveBack(IEnumerable<long> ids)
    {
        lock (claims)
        {
            foreach (var id in ids)
            {
                takenOver.Remove(id);
            }
        }
    }

    /// <summary>Completes when the dispatcher waits on its clock with no request in flight, nothing committed that it
    /// has not read, and nothing to do before the time it returns, which is still ahead on the clock: every row due
    /// by now went out, or waits for its pace, its retry or the end of a 429 pause. It never wakes the dispatcher.</summary>
    public async Task<DateTimeOffset> Idle(CancellationToken ct)
    {
        while (true)
        {
            DateTimeOffset? until;
            Task changed;
            lock (idleGate)
            {
                until = idleUntil;
                changed = idleChanged.Task;
            }

            if (until is { } idle && idle > clock.GetUtcNow() && !signal.HasNews)
            {
                return idle;
            }

            await changed.WaitAsync(ct);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var sendCancel = new CancellationTokenSource();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await Pass(sendCancel.Token, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex)
                {
                    LogPassFailed(ex);
                    await ((Task)Rest(clock.GetUtcNow() + AfterFailure, early: false, stoppingToken)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
            }
        }
        finally
        {
            // Requests already on the wire get a moment to finish and be recorded; one cut off here stays
            // pending and is sent again after the restart (the one duplicate at-least-once allows).
            sendCancel.CancelAfter(StopGrace);
            await Task.WhenAll(inFlight.Values).WaitAsync(StopGrace + StopGrace, CancellationToken.None)
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await ((Task)RecordAnswers(CancellationToken.None)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await turn.Release(CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>One look at the queue: sends what may go now, and rests when nothing could.</summary>
    private async Task Pass(CancellationToken sendToken, CancellationToken stop)
    {
        await RecordAnswers(stop);
        // Before the pause too: what is committed during a pause is read when it ends.
        signal.Consume();
        var now = clock.GetUtcNow();
        if (!await turn.Mine(stop))
        {
            // Another instance sends; this one looks again, to take over if that one stops renewing its turn.
            await Rest(now + LeasedSender.Look, early: true, stop);
            return;
        }

        if (limiter.PausedUntil is var paused && paused > now)
        {
            // Waking to renew the sending turn: a pause longer than the lease would hand the sending to another
            // instance that knows nothing of the 429.
            var renew = now + LeasedSender.LeaseLength / 3;
            await Rest(paused < renew ? paused : renew, early: true, stop);
            return;
        }

        var take = (limits.PaidBroadcast ? limits.PaidBroadcastPerSecond : limits.GlobalPerSecond) + inFlight.Count + 8;
        var rows = await queue.ReadDue(now, inFlight.Keys.ToList(), take, stop);
        var next = now + limits.IdlePoll;
        var started = 0;
        var answered = new HashSet<long>();
        foreach (var row in rows)
        {
            if (answers.Reader.Count >= recordTogether)
            {
                // A chat whose request just came back is read afresh next pass: the answer may have settled its queue.
                answered.UnionWith(await RecordAnswers(stop));
            }

            if (limiter.PausedUntil > clock.GetUtcNow())
            {
                break;
            }

            if (row.ChatId is { } rowChat && answered.Contains(rowChat))
            {
                continue;
            }

            var queueOf = OutboxPolicy.QueueOf(row);
            if (queueOf is { } busy && busyChats.Contains(busy))
            {
                continue;
            }

            // A place among the requests in flight first, then the pace: a grant is spent on a request that starts
            // at once, so the pace spaces the requests themselves rather than the moments places came free.
            answered.UnionWith(await PlaceInFlight(stop));
            var granted = false;
            if (queueOf is { } chatId)
            {
                var decision = await Acquire(chatId, answered, stop);
                if (decision.Verdict == RateVerdict.ChatPaced)
                {
                    next = decision.RetryAt < next ? decision.RetryAt : next;
                    continue;
                }

                if (!decision.Granted)
                {
                    break; // paused by a 429, or something new was committed: read again
                }

                granted = true;
            }

            // Waiting out the pace can outlast the sending turn (requests hanging longer than the lease): another
            // instance may have taken over and sent this very row since it was read. A grant not spent on a request
            // (a 429 came back meanwhile, the turn passed on, or asking for it failed) is given back, or the rate
            // would shrink by one for good.
            var sendNow = false;
            try
            {
                sendNow = limiter.PausedUntil <= clock.GetUtcNow() && await turn.Mine(stop);
            }
            finally
            {
                if (granted && !sendNow)
                {
                    await limiter.Answered(clock.GetUtcNow(), CancellationToken.None);
                }
            }

            if (!sendNow)
            {
                break;
            }

            if (Start(row, granted, sendToken))
            {
                started++;
            }
        }

        // Rows skipped because their chat was just answered are due at once: only rest when nothing was.
        if (started == 0 && answered.Count == 0)
        {
            await Rest(next, early: true, stop);
        }
    }

    /// <summary>Waits, recording the answers that come, until fewer than <see cref="OutboxOptions.MaxConcurrency"/>
    /// requests are in flight; returns the chats of the answers it recorded. A request stays in flight until its
    /// answer is committed, not merely received: so a crash repeats at most MaxConcurrency sends, those whose
    /// answers were not yet recorded, however many came back meanwhile.</summary>
    private async Task<IReadOnlyCollection<long>> PlaceInFlight(CancellationToken stop)
    {
        var chats = new HashSet<long>();
        while (inFlight.Count >= limits.MaxConcurrency)
        {
            await AnswerWaiting().WaitAsync(stop);
            chats.UnionWith(await RecordAnswers(stop));
        }

        return chats;
    }

    /// <summary>Asks the limiter for one message into <paramref name="chatId"/>, waiting out the overall pace (and
    /// recording the answers that come meanwhile) until it grants, paces the chat, or pauses; or until something new
    /// is committed, so that callback answers and replies go before the rest of a broadcast.</summary>
    private async Task<RateDecision> Acquire(long chatId, HashSet<long> answered, CancellationToken stop)
    {
        while (true)
        {
            var decision = await limiter.TryAcquire(chatId, clock.GetUtcNow(), stop);
            if (decision.Verdict != RateVerdict.GloballyPaced)
            {
                return decision;
            }

            switch (await Rest(decision.RetryAt, early: true, stop))
            {
                case Wake.News:
                    return decision;
                case Wake.Answer:
                    answered.UnionWith(await RecordAnswers(stop));
                    break;
            }
        }
    }

    /// <summary>Waits until <paramref name="until"/> on the clock or, when <paramref name="early"/>, until something is
    /// committed or a request is answered. While it waits with nothing in flight the dispatcher is idle.</summary>
    private async Task<Wake> Rest(DateTimeOffset until, bool early, CancellationToken stop)
    {
        var delay = until - clock.GetUtcNow();
        if (delay <= TimeSpan.Zero)
        {
            return Wake.Time;
        }

        var woken = early ? signal.Woken : Never;
        var answer = early ? AnswerWaiting() : Never;
        if (woken.IsCompleted)
        {
            return Wake.News;
        }

        if (answer.IsCompleted)
        {
            return Wake.Answer;
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(stop);
        // A timer counts whole milliseconds and drops the rest: a wait of less than one fired at once, and at 1000/s
        // the loop spun through its waits for the pace, half of the bot's CPU during a paid broadcast.
        var elapsed = Task.Delay(delay < OneMillisecond ? OneMillisecond : delay, clock, timer.Token);
        ReportIdle(inFlight.Count == 0 ? until : null);
        try
        {
            var first = await Task.WhenAny(elapsed, woken, answer);
            stop.ThrowIfCancellationRequested();
            // News first whenever it came, even if the time ran out as well before this continuation ran: what was
            // committed meanwhile may be a reply that goes before the rows this pass read.
            return woken.IsCompleted ? Wake.News : first == answer ? Wake.Answer : Wake.Time;
        }
        finally
        {
            ReportIdle(null);
            await timer.CancelAsync();
        }
    }

    private Task AnswerWaiting()
    {
        if (answerWaiting is null || answerWaiting.IsCompleted)
        {
            answerWaiting = answers.Reader.Count > 0 ? Task.CompletedTask : answers.Reader.WaitToReadAsync().AsTask();
        }

        return answerWaiting;
    }

    private void ReportIdle(DateTimeOffset? until)
    {
        TaskCompletionSource changed;
        lock (idleGate)
        {
            idleUntil = until;
            changed = idleChanged;
            idleChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    /// <summary>Starts the request, unless the row was taken over (<see cref="TryTakeOver"/>) since it was read;
    /// returns whether it started.</summary>
    private bool Start(OutboxMessage row, bool granted, CancellationToken ct)
    {
        lock (claims)
        {
            if (takenOver.ContainsKey(row.Id))
            {
                return false;
            }

            // Claimed here, under the lock, so that a take-over either came before or finds it in flight.
            inFlight[row.Id] = Task.CompletedTask;
        }

        if (OutboxPolicy.QueueOf(row) is { } chatId)
        {
            busyChats.Add(chatId);
        }

        Interlocked.Increment(ref sending);
        inFlight[row.Id] = Task.Run(async () =>
        {
            var outcome = await sender.Send(row, ct);
            try
            {
                if (granted)
                {
                    await limiter.Answered(clock.GetUtcNow(), CancellationToken.None);
                }

                if (OutboxPolicy.PauseAfter(outcome) is { } until)
                {
                    // At once, not when the outcome is recorded: the loop may be sending the rest of a batch meanwhile.
                    await limiter.Pause(until, CancellationToken.None);
                }
            }
            catch (Exception ex)
            {
                LogPauseFailed(ex);
            }

            answers.Writer.TryWrite((row, outcome));
            Interlocked.Decrement(ref sending);
        }, CancellationToken.None);
        return true;
    }

    /// <summary>Records what the finished requests came to, and returns the chats they were for. A row leaves the
    /// in-flight set only once its new state is committed, so it cannot be read as pending and sent twice.</summary>
    private async Task<IReadOnlyCollection<long>> RecordAnswers(CancellationToken ct)
    {
        if (answers.Reader.Count == 0)
        {
            return [];
        }

        var finished = new List<(OutboxMessage Row, SendOutcome Outcome)>();
        while (answers.Reader.TryRead(out var answer))
        {
            finished.Add(answer);
        }

        try
        {
            await queue.Record(finished, ct);
        }
        catch
        {
            foreach (var answer in finished)
            {
                answers.Writer.TryWrite(answer);
            }

            throw;
        }

        var chats = new HashSet<long>();
        foreach (var (row, _) in finished)
        {
            inFlight.TryRemove(row.Id, out _);
            if (OutboxPolicy.QueueOf(row) is { } chatId)
            {
                busyChats.Remove(chatId);
            }

            if (row.ChatId is { } rowChat)
            {
                chats.Add(rowChat);
            }
        }

        return chats;
    }

    [LoggerMessage(LogLevel.Error, "Outbox pass failed; trying again shortly")]
    private partial void LogPassFailed(Exception ex);

    [LoggerMessage(LogLevel.Error, "Could not pause the sends after a 429")]
    private partial void LogPauseFailed(Exception ex);
}
