using Bot.Domain.Messaging;

namespace Bot.Telegram.Outbox;

public enum OutboxKind
{
    SendMessage = 1,
    EditMessageText = 2,
    EditReplyMarkup = 3,
    AnswerCallbackQuery = 4,
    DeleteMessage = 5,
    /// <summary>A text file (<see cref="OutboxMessage.Text"/> is its content, DocumentName its name).</summary>
    SendDocument = 6,
    /// <summary>A command menu: Text holds the commands as JSON, ChatId the chat scope.</summary>
    SetCommands = 7,
    /// <summary>A map pin with a title and address: Text holds the <see cref="VenuePayload"/> as JSON.</summary>
    SendVenue = 8,
}

public enum OutboxStatus
{
    Pending = 0,
    Sent = 1,
    /// <summary>Given up: Telegram refused the request itself, or retries ran out.</summary>
    Failed = 2,
    /// <summary>The chat cannot be written to (blocked, deleted, never started).</summary>
    Undeliverable = 3,
    /// <summary>Overtaken before it went out: an edit by a later edit of the same message, a reminder by the
    /// cancellation of its event.</summary>
    Superseded = 4,
}

/// <summary>One Bot API call the bot intends to make, written in the same transaction as the change that caused
/// it and sent by <see cref="OutboxDispatcher"/>.</summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public OutboxKind Kind { get; set; }
    public Urgency Urgency { get; set; }
    public OutboxStatus Status { get; set; }

    /// <summary>Null only for callback answers, which belong to no chat queue.</summary>
    public long? ChatId { get; set; }
    public long? MessageId { get; set; }
    public long? ReplyToMessageId { get; set; }
    public string? Text { get; set; }
    /// <summary>The inline keyboard as Bot API JSON.</summary>
    public string? ReplyMarkup { get; set; }
    public string? CallbackQueryId { get; set; }
    public bool ShowAlert { get; set; }

    /// <summary>What the message belongs to (e.g. <c>notice:12</c>), so features can find where it went.</summary>
    public string? Tag { get; set; }

    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NotBefore { get; set; }
    public DateTime? SentAt { get; set; }
    public long? SentMessageId { get; set; }
    public string? LastError { get; set; }

    /// <summary>The file name of a document.</summary>
    public string? DocumentName { get; set; }

    /// <summary>The HTML caption of a document.</summary>
    public string? Caption { get; set; }
}
