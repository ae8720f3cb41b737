using Bot.Persistence;
using Bot.Telegram.Outbox;
using Bot.Texts;
using Microsoft.EntityFrameworkCore;

namespace Bot.Telegram;

/// <summary>Keeps <see cref="KnownChat"/> right: a chat that refuses messages is unreachable until its user
/// writes again; a group that became a supergroup moves, and everything pointing at it moves along. Used by
/// the dispatcher (from Telegram's errors) and the update intake (from service messages), inside their unit
/// of work.</summary>
public sealed partial class ChatDirectory(
    BotDbContext db,
    IEnumerable<IChatMigrationListener> listeners,
    IEnumerable<IOutboxOutcomeListener> outcomes,
    TimeProvider clock,
    ILogger<ChatDirectory> log)
{
    /// <summary>Telegram refused a request to this chat (blocked, not found): the chat is unreachable, unless the
    /// user wrote to the bot after the request was sent (<paramref name="requestedAt"/>). Then the refusal is
    /// older than their latest message, and only that one message is lost. Returns whether the chat was
    /// marked.</summary>
    public async Task<bool> Refused(long chatId, string reason, DateTimeOffset requestedAt, CancellationToken ct)
    {
        if ((await Get(chatId, ct)).HeardFromAt is { } heard && heard >= requestedAt.UtcDateTime)
        {
            LogRefusalPredatesMessage(chatId);
            return false;
        }

        await MarkUnreachable(chatId, reason, ct);
        return true;
    }

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

        chat.UnreachableReason = TextCut.Fit(reason, 256);
        await DropPending(chatId, chat.UnreachableReason, ct);
    }

    /// <summary>Settles the pending messages of a chat already known to be unreachable, with the reason, and tells
    /// the outcome listeners like the dispatcher does for a refused send, so a feature's delivery record learns
    /// of these rows too. The caller saves.</summary>
    public async Task DropPending(long chatId, string reason, CancellationToken ct)
    {
        // Filtered again in memory: a row the caller already settled but has not saved is still pending in the database.
        var dropped = (await db.Outbox.Where(o => o.ChatId == chatId && o.Status == OutboxStatus.Pending).ToListAsync(ct))
            .Where(o => o.Status == OutboxStatus.Pending)
            .ToList();
        if (dropped.Count == 0)
        {
            return;
        }

        foreach (var row in dropped)
        {
            row.Status = OutboxStatus.Undeliverable;
            row.LastError = reason;
        }

        foreach (var listener in outcomes)
        {
            await listener.Settled(dropped, ct);
        }
    }

    /// <summary>The user wrote to the bot: their private chat can be written to again.</summary>
    public async Task MarkReachable(long chatId, CancellationToken ct)
    {
        var member = await db.Members.FindAsync([chatId], ct);
        if (member is { Reachable: false })
        {
            member.Reachable = true;
        }

        // When they last wrote is kept for members, and for chats already known; of a stranger nothing is stored.
        var chat = await db.Chats.FindAsync([chatId], ct);
        if (chat is null && member is not null)
        {
            chat = new KnownChat { ChatId = chatId, UpdatedAt = clock.GetUtcNow().UtcDateTime };
            db.Chats.Add(chat);
        }

        if (chat is null)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        chat.HeardFromAt = now;
        if (chat.Unreachable)
        {
            chat.Unreachable = false;
            chat.UnreachableSince = null;
            chat.UnreachableReason = null;
            chat.UpdatedAt = now;
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
            await listener.ChatMigrated(fromChatId, toChatId, ct);
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

    [LoggerMessage(LogLevel.Information, "Chat {ChatId} refused a message sent before its user wrote again; it stays reachable")]
    private partial void LogRefusalPredatesMessage(long chatId);

    [LoggerMessage(LogLevel.Information, "Group {FromChatId} became supergroup {ToChatId}; its messages and links follow")]
    private partial void LogMigrated(long fromChatId, long toChatId);
}
