namespace Bot.Telegram;

/// <summary>What the bot knows about a chat's deliverability: whether Telegram lets it write there and where a
/// group moved when it became a supergroup.</summary>
public sealed class KnownChat
{
    public long ChatId { get; set; }
    public bool Unreachable { get; set; }
    public DateTime? UnreachableSince { get; set; }
    public string? UnreachableReason { get; set; }
    public long? MigratedToChatId { get; set; }

    /// <summary>When the user last wrote to the bot here (or let it back in): a refusal answering a request sent
    /// before then is old news and does not make the chat unreachable.</summary>
    public DateTime? HeardFromAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
