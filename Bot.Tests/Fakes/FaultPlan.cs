using Telegram.Bot.Types;

namespace Bot.Tests.Fakes;

/// <summary>Why the fake answered a request with an error it was not asked for by the request itself.</summary>
public enum FaultOrigin
{
    /// <summary>A 5xx drawn by the plan's seeded dice.</summary>
    ServerError,
    /// <summary>A 429 of the storm the plan was told to raise.</summary>
    Storm,
    /// <summary>A 429 because the bot sent faster than Telegram allows: the bot's fault, never injected.</summary>
    Pace,
}

/// <summary>Faults the fake Bot API injects while <see cref="FakeBotApi.Faults"/> is set, and the limits it holds the
/// bot to. Decisions come from a seed, not from timing: whether the n-th call of a method into a chat fails is the
/// same in every run, whichever order the calls arrive in. Storm and pace go by the fake's clock (real time unless
/// the fake was started on a fake one). Thread-safe.</summary>
/// <param name="seed">Chooses which calls fail.</param>
public sealed class FaultPlan(int seed)
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private readonly Lock gate = new();
    private readonly Dictionary<(string Method, long Chat), int> calls = [];
    private readonly Queue<DateTimeOffset> lastSecond = new();
    private readonly Dictionary<long, Queue<DateTimeOffset>> lastSecondPerChat = [];
    private int messageCalls;
    private int? stormAfterCall;
    private TimeSpan stormLength;
    private DateTimeOffset? stormStart;
    private int delivered;
    private int? holdAfter;
    private int held;
    private TaskCompletionSource holding = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Seed => seed;

    /// <summary>The share of calls answered 500, by method (case-insensitive), e.g. 0.1 for sendMessage.</summary>
    public IReadOnlyDictionary<string, double> ServerErrors { get; init; } = new Dictionary<string, double>();

    /// <summary>Messages per second Telegram takes from the bot over all chats (30, or up to 1000 as paid broadcast);
    /// null holds no pace. More than that received within one second is answered 429, however the bot's requests
    /// were held up on the way: Telegram counts what arrives.</summary>
    public int? PerSecond { get; init; }

    /// <summary>Messages one chat may receive within a second (Telegram: about one, short bursts tolerated).</summary>
    public int PerChatInSecond { get; init; } = 4;

    /// <summary>Message calls answered so far, whatever the answer.</summary>
    public int MessageCalls
    {
        get { lock (gate) { return messageCalls; } }
    }

    /// <summary>Answers held back (see <see cref="HoldAfter"/>), the message delivered but the bot not told.</summary>
    public int Held
    {
        get { lock (gate) { return held; } }
    }

    /// <summary>When the storm began, or null while it has not.</summary>
    public DateTimeOffset? StormStart
    {
        get { lock (gate) { return stormStart; } }
    }

    /// <summary>A 429 storm: from the <paramref name="calls"/>-th message call after this one on, for
    /// <paramref name="length"/>, every message call is answered 429 with retry_after the seconds left of it.</summary>
    public void StormAfter(int calls, TimeSpan length)
    {
        lock (gate)
        {
            stormAfterCall = messageCalls + calls;
            stormLength = length;
            stormStart = null;
        }
    }

    /// <summary>After <paramref name="deliveries"/> messages delivered, every further message is delivered but its
    /// answer held until <see cref="Release"/>: the bot's requests in flight are all in Telegram's hands and none
    /// known to the bot, the worst moment for it to die.</summary>
    public void HoldAfter(int deliveries)
    {
        lock (gate)
        {
            holdAfter = deliveries;
        }
    }

    /// <summary>Ends the hold for good: held answers go out (to whoever still listens).</summary>
    public void Release()
    {
        TaskCompletionSource released;
        lock (gate)
        {
            holdAfter = null;
            released = holding;
            holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        released.TrySetResult();
    }

    /// <summary>The answer to a call before the method runs (storm, pace, dice), or null to run it.</summary>
    internal ApiAnswer? Before(string method, long? chatId, DateTimeOffset now)
    {
        lock (gate)
        {
            var message = IsMessage(method);
            if (message)
            {
                messageCalls++;
                if (Storm(now) is { } storm)
                {
                    return storm;
                }

                if (Paced(chatId, now) is { } paced)
                {
                    return paced;
                }
            }

            var share = ServerErrors.FirstOrDefault(e => e.Key.Equals(method, StringComparison.OrdinalIgnoreCase)).Value;
            if (share <= 0)
            {
                return null;
            }

            var key = (method.ToUpperInvariant(), chatId ?? 0);
            var n = calls[key] = calls.GetValueOrDefault(key) + 1;
            return Dice(chatId ?? 0, n) < share ? ApiAnswer.Error(500, "Internal Server Error") with { Fault = FaultOrigin.ServerError } : null;
        }
    }

    /// <summary>Completes when the answer to this call may go: at once, unless it delivered a message while holding.</summary>
    internal Task After(string method, ApiAnswer answer)
    {
        lock (gate)
        {
            if (!IsMessage(method) || answer.StatusCode != 200 || ++delivered <= holdAfter || holdAfter is null)
            {
                return Task.CompletedTask;
            }

            held++;
            return holding.Task;
        }
    }

    private ApiAnswer? Storm(DateTimeOffset now)
    {
        if (stormStart is null && stormAfterCall is { } after && messageCalls > after)
        {
            stormStart = now;
        }

        if (stormStart is not { } start || now >= start + stormLength)
        {
            return null;
        }

        var retryAfter = (int)Math.Ceiling((start + stormLength - now).TotalSeconds);
        var answer = ApiAnswer.Error(429, $"Too Many Requests: retry after {retryAfter}", new ResponseParameters { RetryAfter = retryAfter });
        return answer with { Fault = FaultOrigin.Storm };
    }

    private ApiAnswer? Paced(long? chatId, DateTimeOffset now)
    {
        var tooFast = PerSecond is { } rate && Count(lastSecond, now) > rate;
        if (chatId is { } chat)
        {
            if (!lastSecondPerChat.TryGetValue(chat, out var chatSecond))
            {
                lastSecondPerChat[chat] = chatSecond = new Queue<DateTimeOffset>();
            }

            tooFast |= Count(chatSecond, now) > PerChatInSecond;
        }

        return tooFast
            ? ApiAnswer.Error(429, "Too Many Requests: retry after 1", new ResponseParameters { RetryAfter = 1 }) with { Fault = FaultOrigin.Pace }
            : null;
    }

    /// <summary>Counts this call into the window and returns how many it holds now.</summary>
    private static int Count(Queue<DateTimeOffset> window, DateTimeOffset now)
    {
        while (window.Count > 0 && window.Peek() <= now - Second)
        {
            window.Dequeue();
        }

        window.Enqueue(now);
        return window.Count;
    }

    /// <summary>A number in [0, 1) fixed by the seed, the chat and the call's number (SplitMix64).</summary>
    private double Dice(long chatId, int n)
    {
        var x = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL ^ (ulong)chatId * 0xBF58476D1CE4E5B9UL ^ (ulong)n * 0x94D049BB133111EBUL);
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        x ^= x >> 31;
        return (x >> 11) * (1.0 / (1UL << 53));
    }

    private static bool IsMessage(string method) => method is "sendMessage" or "sendDocument" or "sendVenue" or "editMessageText"
        or "editMessageReplyMarkup" or "deleteMessage";
}
