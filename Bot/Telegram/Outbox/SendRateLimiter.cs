using Microsoft.Extensions.Options;

namespace Bot.Telegram.Outbox;

/// <summary>Telegram's limits held in this process: right while one instance dispatches for the bot. The overall
/// pace is evenly spaced with a burst of a tenth of the rate (to absorb a late wake-up) and never lets more than the
/// rate into any second as Telegram counts: a message counts from its grant until a second after its request came
/// back (<see cref="Answered"/>), so a request that reaches Telegram late does not make one of its seconds hold
/// more. A private chat gets <see cref="OutboxOptions.PerChatPerSecond"/> with
/// a small burst, a group (negative id) <see cref="OutboxOptions.PerGroupPerMinute"/> evenly spaced.</summary>
public sealed partial class SendRateLimiter(IOptions<OutboxOptions> options, ILogger<SendRateLimiter> log) : ISendRateLimiter
{
    /// <summary>Chats remembered before idle ones are forgotten (an idle pacer and a new one behave alike).</summary>
    private const int ChatsKept = 10_000;

    private readonly OutboxOptions limits = options.Value;
    private readonly Lock gate = new();
    private readonly Pacer global = Global(options.Value.PaidBroadcast ? options.Value.PaidBroadcastPerSecond : options.Value.GlobalPerSecond);
    private readonly Dictionary<long, Pacer> chats = [];
    private DateTimeOffset forgotAt = DateTimeOffset.MinValue;

    // UTC ticks: written by the requests that get a 429, read by the dispatcher without the lock.
    private long pausedUntilTicks = DateTimeOffset.MinValue.UtcTicks;

    public DateTimeOffset PausedUntil => new(Interlocked.Read(ref pausedUntilTicks), TimeSpan.Zero);

    public ValueTask<RateDecision> TryAcquire(long chatId, DateTimeOffset now, CancellationToken ct)
    {
        if (PausedUntil is var paused && paused > now)
        {
            return ValueTask.FromResult(new RateDecision(RateVerdict.Paused, paused));
        }

        lock (gate)
        {
            var chat = PacerFor(chatId);
            if (chat.Wait(now) is var chatWait && chatWait > TimeSpan.Zero)
            {
                return ValueTask.FromResult(new RateDecision(RateVerdict.ChatPaced, now + chatWait));
            }

            if (global.Wait(now) is var globalWait && globalWait > TimeSpan.Zero)
            {
                // Timers count whole milliseconds and may wake a hair early: round up, so the wake finds the pace agreeing.
                return ValueTask.FromResult(new RateDecision(RateVerdict.GloballyPaced, now + TimeSpan.FromMilliseconds(Math.Ceiling(globalWait.TotalMilliseconds))));
            }

            global.Take(now);
            chat.Take(now);
            ForgetIdleChats(now);
            return ValueTask.FromResult(RateDecision.Grant(now));
        }
    }

    public ValueTask Pause(DateTimeOffset until, CancellationToken ct)
    {
        var current = Interlocked.Read(ref pausedUntilTicks);
        while (until.UtcTicks > current)
        {
            var seen = Interlocked.CompareExchange(ref pausedUntilTicks, until.UtcTicks, current);
            if (seen == current)
            {
                LogPaused(until);
                break;
            }

            current = seen;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask Answered(DateTimeOffset now, CancellationToken ct)
    {
        lock (gate)
        {
            global.Answered(now);
        }

        return ValueTask.CompletedTask;
    }

    private static Pacer Global(int perSecond) => new(TimeSpan.FromSeconds(1) / perSecond, Math.Max(1, perSecond / 10), perSecond);

    private Pacer PacerFor(long chatId)
    {
        if (!chats.TryGetValue(chatId, out var pacer))
        {
            // Group and channel ids are negative; private chats have the user's (positive) id.
            pacer = chatId < 0
                ? new Pacer(TimeSpan.FromMinutes(1.0 / limits.PerGroupPerMinute), 1)
                : new Pacer(TimeSpan.FromSeconds(1.0 / limits.PerChatPerSecond), limits.PerChatBurst);
            chats[chatId] = pacer;
        }

        return pacer;
    }

    private void ForgetIdleChats(DateTimeOffset now)
    {
        if (chats.Count < ChatsKept || now - forgotAt < TimeSpan.FromSeconds(1))
        {
            return;
        }

        forgotAt = now;
        foreach (var (chatId, pacer) in chats)
        {
            if (pacer.IsIdle(now))
            {
                chats.Remove(chatId);
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Telegram asked to slow down: all sends wait until {Until:O}")]
    private partial void LogPaused(DateTimeOffset until);
}
