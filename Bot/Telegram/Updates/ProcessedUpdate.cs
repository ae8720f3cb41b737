namespace Bot.Telegram.Updates;

/// <summary>An update whose effects are committed. Recorded in the same transaction as those effects, so a
/// redelivered update (after a crash, a restart or a webhook retry) changes nothing.</summary>
public sealed class ProcessedUpdate
{
    public long UpdateId { get; set; }
    public DateTime ProcessedAt { get; set; }
}
