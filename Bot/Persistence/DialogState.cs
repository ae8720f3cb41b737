namespace Bot.Persistence;

/// <summary>Where a user stands in a multi-step dialog in one chat; stored so a restart loses nothing.</summary>
public sealed class DialogState
{
    public long ChatId { get; set; }
    public long UserId { get; set; }
    public required string Name { get; set; }
    public required string Step { get; set; }
    /// <summary>The answers collected so far, as a JSON object of strings.</summary>
    public string Data { get; set; } = "{}";
    public DateTime UpdatedAt { get; set; }
}
