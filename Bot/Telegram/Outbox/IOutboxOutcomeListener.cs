namespace Bot.Telegram.Outbox;

/// <summary>Told, inside the dispatcher's transaction that records them, how outbox rows were settled (sent with
/// their message id, refused, given up, or dropped unsent because their chat became unreachable), so a feature can
/// keep its own record of delivery in the same commit. It changes only its own entities through the scope's context;
/// the caller saves them.</summary>
public interface IOutboxOutcomeListener
{
    /// <summary>The tag, or the start of the tags, of the rows it looks at. The dispatcher records a sent row with
    /// another tag without reading it and without telling the listeners: most rows concern none of them.</summary>
    string TagPrefix { get; }

    Task Settled(IReadOnlyList<OutboxMessage> rows, CancellationToken ct);
}
