using Bot.Persistence;
using Bot.Telegram.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Bot.Telegram;

/// <summary>Keeps <see cref="KnownChat"/> right: a chat that refuses messages is unreachable until its user
/// writes again; a group that became a supergroup moves, and everything pointing at it moves along. Used by
/// the dispatcher (from Telegram's errors) and the update intake (from service messages), inside their unit
/// of work.</summary>
public sealed partial class ChatDirectory(BotDbContext db, IEnumerable<IChatMigrationListener> listeners, TimeProvider clock, ILogger<ChatDirectory> log)
{
    /// <summary>Stops sending to a chat: it and its pending messages are marked, nothing is retried.</summary>
    public async Task MarkUnreachable(long chatId, string reason, CancellationToken ct)
    {
        var chat = await Get(chatId, ct);
        if (!chat.Unreachable)
        {
            LogUnreachable(chatId, reason);
        }

        chat.Unreachable = true;
        chat.UnreachableSince ??= clock.GetUtcNow().UtcDateTime;
        if (await db.Members.FindAsync([chatId], ct) is { } member)
        {
            member.Reachable = false;
        }

        chat.UnreachableReason = reason.Length <= 256 ? reason : reason[..256];
        await DropPending(chatId, ct);
    }

    /// <summary>Settles the pending messages of a chat already known to be unreachable.</summary>
    public Task DropPending(long chatId, CancellationToken ct) =>
        db.Outbox.Where(o => o.ChatId == chatId && o.Status == OutboxStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatus.Undeliverable), ct);

    /// <summary>The user wrote to the bot: their private chat can be written to again.</summary>
    public async Task MarkReachable(long chatId, CancellationToken ct)
    {
        if (await db.Members.FindAsync([chatId], ct) is { Reachable: false } member)
        {
            member.Reachable = true;
        }

        var chat = await db.Chats.FindAsync([chatId], ct);
        if (chat is { Unreachable: true })
        {
            chat.Unreachable = false;
            chat.UnreachableSince = null;
            chat.UnreachableReason = null;
            chat.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        }
    }

    public async Task<bool> IsUnreachable(long chatId, CancellationToken ct) =>
        await db.Chats.AnyAsync(c => c.ChatId == chatId && c.Unreachable, ct);

    /// <summary>A group became a supergroup: pending messages and links follow it to its new id.</summary>
    public async Task RecordMigration(long fromChatId, long toChatId, CancellationToken ct)
    {
        var chat = await Get(fromChatId, ct);
        if (chat.MigratedToChatId == toChatId)
        {
            return;
        }

        chat.MigratedToChatId = toChatId;
        await db.Outbox.Where(o => o.ChatId == fromChatId && o.Status == OutboxStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.ChatId, toChatId), ct);
        foreach (var listener in listeners)
        {
            await listener.ChatMigrated(db, fromChatId, toChatId, ct);
        }

        LogMigrated(fromChatId, toChatId);
    }

    private async Task<KnownChat> Get(long chatId, CancellationToken ct)
    {
        var chat = await db.Chats.FindAsync([chatId], ct);
        if (chat is null)
        {
            chat = new KnownChat { ChatId = chatId };
            db.Chats.Add(chat);
        }

        chat.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        return chat;
    }

    [LoggerMessage(LogLevel.Information, "Chat {ChatId} is unreachable ({Reason}); its pending messages are dropped")]
    private partial void LogUnreachable(long chatId, string reason);

    [LoggerMessage(LogLevel.Information, "Group {FromChatId} became supergroup {ToChatId}; its messages and links follow")]
    private partial void LogMigrated(long fromChatId, long toChatId);
}
