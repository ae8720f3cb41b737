namespace Bot.Telegram.Outbox;

/// <summary>Told, inside the dispatcher's transaction that records them, how outbox rows were settled (sent with
/// their message id, refused, given up, or dropped unsent because their chat became unreachable), so a feature can
/// keep its own record of delivery in the same commit. It changes only its own entities through the scope's context;
/// the caller saves them.</summary>
public interface IOutboxOutcomeListener
{
    Task Settled(IReadOnlyList<OutboxMessage> rows, CancellationToken ct);
}
