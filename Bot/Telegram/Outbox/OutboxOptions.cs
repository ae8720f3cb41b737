using System.ComponentModel.DataAnnotations;

namespace Bot.Telegram.Outbox;

/// <summary>How fast the dispatcher may send (section <c>Telegram:Limits</c>). Telegram does not promise these
/// numbers; a 429 with retry_after slows the whole bot down on top of them.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Telegram:Limits";

    /// <summary>Messages per second over all chats (Telegram: about 30). No second holds more, however late a request
    /// reaches Telegram: a message counts until a second after its request came back, so over a network that takes
    /// a tenth of a second the bot sends about 27 per second.</summary>
    [Range(1, 1000)] public int GlobalPerSecond { get; set; } = 30;

    /// <summary>Paid broadcasts (<c>allow_paid_broadcast</c>, billed in Stars) lift the overall limit for bulk
    /// sends to this rate.</summary>
    public bool PaidBroadcast { get; set; }

    [Range(1, 1000)] public int PaidBroadcastPerSecond { get; set; } = 1000;

    /// <summary>Messages per second into one private chat (Telegram: about 1, short bursts tolerated).</summary>
    [Range(0.01, 1000)] public double PerChatPerSecond { get; set; } = 1;

    [Range(1, 100)] public int PerChatBurst { get; set; } = 3;

    /// <summary>Messages (edits included) per minute into one group (Telegram: 20).</summary>
    [Range(1, 60000)] public int PerGroupPerMinute { get; set; } = 20;

    /// <summary>Requests in flight at once; enough to fill the rate over a slow network.</summary>
    [Range(1, 256)] public int MaxConcurrency { get; set; } = 16;

    /// <summary>Tries for a request that fails with a network or server error before it is given up.</summary>
    [Range(1, 100)] public int MaxAttempts { get; set; } = 8;

    /// <summary>How long a message that keeps failing with network or server errors holds the later messages of its
    /// chat; after that they go first and it is retried behind them.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")] public TimeSpan FailingMessageHold { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often an idle dispatcher looks for due retries when nothing wakes it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")] public TimeSpan IdlePoll { get; set; } = TimeSpan.FromSeconds(1);
}
