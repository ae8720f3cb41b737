using System.Diagnostics.CodeAnalysis;
using Bot.Telegram.Api;
using Bot.Texts;

namespace Bot.Telegram.Outbox;

/// <summary>What became of one request: Telegram's error (null when it took it), the id of the message it created,
/// when the request left (<paramref name="Started"/>) and when its answer came (<paramref name="At"/>).</summary>
public sealed record SendOutcome(BotApiError? Error, long? MessageId, DateTimeOffset Started, DateTimeOffset At);

/// <summary>What a row's fate asks of the rest of the bot, beyond the row itself.</summary>
public enum FateKind
{
    /// <summary>Telegram took it (or it was already in place): done.</summary>
    Sent,
    /// <summary>Telegram's side or the network failed: tried again at <see cref="RowFate.NotBefore"/>.</summary>
    Retry,
    /// <summary>429: the message is fine; it waits with every other send (<see cref="OutboxPolicy.PauseAfter"/>).</summary>
    Paused,
    /// <summary>The group became a supergroup: the row, and the chat's other rows, go to the new id.</summary>
    Moved,
    /// <summary>The chat cannot be written to: it is marked unreachable and its other pending rows are dropped.</summary>
    ChatRefused,
    /// <summary>The message to edit or delete is gone: nothing to do, nothing worth a warning.</summary>
    Gone,
    /// <summary>Telegram refused the request itself (bad HTML, too long...): given up without retry.</summary>
    Refused,
    /// <summary>Network or server errors on every try up to the limit: given up.</summary>
    GaveUp,
    /// <summary>An edit that failed after a later edit of the same message was written: that one is sent instead.</summary>
    Superseded,
}

/// <summary>The next state of a row after a send: what the row's columns become, and what the rest of the bot must
/// do about it (<see cref="Kind"/>).</summary>
public sealed record RowFate(FateKind Kind, OutboxStatus Status, int Attempts, DateTime NotBefore, long? ChatId)
{
    public DateTime? SentAt { get; init; }
    public long? SentMessageId { get; init; }
    public string? LastError { get; init; }

    /// <summary>The row as it is then; the chat's other rows are the caller's business (see <see cref="Kind"/>).</summary>
    public void ApplyTo(OutboxMessage row)
    {
        row.Status = Status;
        row.Attempts = Attempts;
        row.NotBefore = NotBefore;
        row.ChatId = ChatId;
        row.SentAt = SentAt ?? row.SentAt;
        row.SentMessageId = SentMessageId ?? row.SentMessageId;
        row.LastError = LastError;
    }
}

/// <summary>The dispatcher's decisions that need neither the database nor the clock: which rows are messages in a
/// chat's queue, and what a row becomes after Telegram answered.</summary>
public static class OutboxPolicy
{
    public const int MaxErrorLength = 512;
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    /// <summary>The kinds that are messages: they queue per chat in order and count against Telegram's rate.
    /// Command menus and callback answers are not messages: they neither wait for a chat's messages nor hold them.</summary>
    public static readonly OutboxKind[] Messages =
        [OutboxKind.SendMessage, OutboxKind.EditMessageText, OutboxKind.EditReplyMarkup, OutboxKind.DeleteMessage, OutboxKind.SendDocument, OutboxKind.SendVenue];

    public static bool IsMessage(OutboxKind kind) => kind is OutboxKind.SendMessage or OutboxKind.EditMessageText or OutboxKind.EditReplyMarkup
        or OutboxKind.DeleteMessage or OutboxKind.SendDocument or OutboxKind.SendVenue;

    /// <summary>The chat whose queue (and rate) a row belongs to, or null for a call that is not a message.</summary>
    public static long? QueueOf(OutboxMessage row) => IsMessage(row.Kind) ? row.ChatId : null;

    /// <summary>Until when every send of the bot waits after this answer: a 429's retry_after (a second when it
    /// names none), from when the answer came; null for any other answer.</summary>
    public static DateTimeOffset? PauseAfter(SendOutcome outcome) =>
        outcome.Error is { Kind: BotApiErrorKind.TooManyRequests } limited ? outcome.At + (limited.RetryAfter ?? TimeSpan.FromSeconds(1)) : null;

    /// <summary>The wait before try number <paramref name="attempts"/> + 1: 1 s, 2 s, 4 s... up to five minutes.</summary>
    public static TimeSpan Backoff(int attempts)
    {
        var backoff = TimeSpan.FromSeconds(Math.Pow(2, Math.Min(attempts - 1, 20)));
        return backoff < MaxBackoff ? backoff : MaxBackoff;
    }

    /// <summary>Whether Telegram took the request (or found it already done), answering with <paramref name="error"/>:
    /// then the row is sent whatever it held, with one attempt more, the answer's time and message id (the one it had
    /// when the answer names none), and no error, so its new state can be written without reading the row.</summary>
    public static bool IsSent([NotNullWhen(false)] BotApiError? error) => error is null || error.IsMessageNotModified;

    /// <summary>What <paramref name="row"/> becomes after <paramref name="outcome"/>; the row is not changed.</summary>
    public static RowFate After(OutboxMessage row, SendOutcome outcome, int maxAttempts)
    {
        var at = outcome.At.UtcDateTime;
        var attempts = row.Attempts + 1;
        var error = outcome.Error;
        if (IsSent(error))
        {
            return new RowFate(FateKind.Sent, OutboxStatus.Sent, attempts, row.NotBefore, row.ChatId) { SentAt = at, SentMessageId = outcome.MessageId };
        }

        var described = error.ToString();
        var lastError = TextCut.Fit(described, MaxErrorLength);
        if (row.Status == OutboxStatus.Superseded && error.Kind is not (BotApiErrorKind.Forbidden or BotApiErrorKind.ChatNotFound))
        {
            // A later edit of the same message was written while this one was on its way: that one carries the
            // message's latest state, so this one is not tried again.
            return new RowFate(FateKind.Superseded, OutboxStatus.Superseded, attempts, row.NotBefore, row.ChatId) { LastError = lastError };
        }

        RowFate Becomes(FateKind kind, OutboxStatus status, int tries, DateTime notBefore, long? chatId) =>
            new(kind, status, tries, notBefore, chatId) { LastError = lastError };

        return error.Kind switch
        {
            // Telegram asked the whole bot to wait; the message itself is fine, so the try does not count.
            BotApiErrorKind.TooManyRequests => Becomes(FateKind.Paused, OutboxStatus.Pending, row.Attempts, row.NotBefore, row.ChatId),
            // A message that must not outlive its sending marks nothing about the chat: it is only refused.
            BotApiErrorKind.Forbidden or BotApiErrorKind.ChatNotFound when row.ChatId is not null && row.Tag != OutboxWriter.EphemeralTag =>
                Becomes(FateKind.ChatRefused, OutboxStatus.Undeliverable, attempts, row.NotBefore, row.ChatId),
            BotApiErrorKind.ChatMigrated when row.ChatId is not null && error.MigrateToChatId is { } to =>
                Becomes(FateKind.Moved, OutboxStatus.Pending, row.Attempts, row.NotBefore, to),
            BotApiErrorKind.BadRequest when error.IsMessageGone => Becomes(FateKind.Gone, OutboxStatus.Failed, attempts, row.NotBefore, row.ChatId),
            BotApiErrorKind.BadRequest or BotApiErrorKind.Forbidden or BotApiErrorKind.ChatNotFound or BotApiErrorKind.ChatMigrated =>
                Becomes(FateKind.Refused, OutboxStatus.Failed, attempts, row.NotBefore, row.ChatId),
            _ when attempts >= maxAttempts => Becomes(FateKind.GaveUp, OutboxStatus.Failed, attempts, row.NotBefore, row.ChatId),
            _ => Becomes(FateKind.Retry, OutboxStatus.Pending, attempts, at + Backoff(attempts), row.ChatId),
        };
    }
}
