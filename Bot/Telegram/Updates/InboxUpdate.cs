namespace Bot.Telegram.Updates;

/// <summary>An update received (posted to the webhook, or fetched by polling), stored as it came before Telegram is told
/// it arrived, and removed in the same transaction that records it as processed. Its id is the key, so a redelivery
/// finds it there and adds nothing.</summary>
public sealed class InboxUpdate
{
    public long UpdateId { get; set; }

    /// <summary>The update's JSON as Telegram sent it (already checked to be a readable update).</summary>
    public string Payload { get; set; } = "";

    public DateTime ReceivedAt { get; set; }

    /// <summary>The button press's id when the update is one; <see cref="CallbackAcknowledger"/> answers a press
    /// that waits here too long.</summary>
    public string? CallbackQueryId { get; set; }

    /// <summary>When the press was answered with an acknowledgement before it was applied; its own answer is then
    /// not sent (Telegram takes one answer per press).</summary>
    public DateTime? AcknowledgedAt { get; set; }
}

/// <summary>Which instance does a job that only one may do at a time, and until when: draining the inbox (so updates
/// of one chat are never applied by two instances at once or out of order) and sending the outbox (so Telegram's
/// limits hold for the bot as a whole). A holder that dies loses it when <see cref="Until"/> passes.</summary>
public sealed class InboxLease
{
    /// <summary>The inbox's row.</summary>
    public const string Inbox = "inbox";

    /// <summary>The outbox's row (<see cref="Outbox.LeasedSender"/>).</summary>
    public const string Outbox = "outbox";

    public string Name { get; set; } = Inbox;

    /// <summary>The instance holding the lease; empty when none does.</summary>
    public string Holder { get; set; } = "";

    public DateTime Until { get; set; }
}
