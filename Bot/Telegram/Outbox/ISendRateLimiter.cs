namespace Bot.Telegram.Outbox;

/// <summary>Why a message may not go yet.</summary>
public enum RateVerdict
{
    /// <summary>It may go now, and it counts against the limits from now on.</summary>
    Granted,
    /// <summary>Its chat had its share (about 1/s for a private chat, 20/min for a group); other chats may go.</summary>
    ChatPaced,
    /// <summary>The bot as a whole had its share this moment; nothing goes before <see cref="RateDecision.RetryAt"/>.</summary>
    GloballyPaced,
    /// <summary>Telegram answered 429: no send of the bot goes before <see cref="RateDecision.RetryAt"/>.</summary>
    Paused,
}

public readonly record struct RateDecision(RateVerdict Verdict, DateTimeOffset RetryAt)
{
    public bool Granted => Verdict == RateVerdict.Granted;

    public static RateDecision Grant(DateTimeOffset now) => new(RateVerdict.Granted, now);
}

/// <summary>Telegram's message limits for the whole bot, the one place the dispatcher asks before it sends a message
/// (callback answers and command menus are not messages and do not ask). An implementation may hold the limits in
/// this process (one dispatching instance) or in a store every instance shares; so every member is asynchronous and
/// takes the time from the caller.</summary>
public interface ISendRateLimiter
{
    /// <summary>May one message go into <paramref name="chatId"/> at <paramref name="now"/>? When granted, the message
    /// counts against the overall and the chat's limits at once (asking is taking); otherwise nothing is taken and
    /// the decision says until when it waits and why.</summary>
    ValueTask<RateDecision> TryAcquire(long chatId, DateTimeOffset now, CancellationToken ct);

    /// <summary>The request of a granted message came back, answered or not: it counts against the overall rate for
    /// a second from <paramref name="now"/>, so the rate holds wherever within the request Telegram counted it.</summary>
    ValueTask Answered(DateTimeOffset now, CancellationToken ct);

    /// <summary>Telegram answered 429: every send of the bot waits until <paramref name="until"/> (a later pause
    /// wins; an earlier one changes nothing).</summary>
    ValueTask Pause(DateTimeOffset until, CancellationToken ct);

    /// <summary>Until when every send waits because of a 429, as far as this instance knows.</summary>
    DateTimeOffset PausedUntil { get; }
}
