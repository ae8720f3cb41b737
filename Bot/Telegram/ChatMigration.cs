namespace Bot.Telegram;

/// <summary>Told when a group became a supergroup with a new chat id, inside the unit of work that records it,
/// so whatever points at the old id (a chapter's linked group) moves along.</summary>
public interface IChatMigrationListener
{
    Task ChatMigrated(long fromChatId, long toChatId, CancellationToken ct);
}
