using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Telegram.Api;

/// <summary>The Bot API methods the bot uses, each ending in a typed outcome instead of an exception.
/// <see cref="BotApi"/> implements it over Telegram.Bot's <c>ITelegramBotClient</c>, whether that client speaks
/// HTTP to Telegram or is the local chat mode's terminal.</summary>
public interface IBotApi
{
    Task<BotApiResult<User>> GetMe(CancellationToken ct);

    Task<BotApiResult<Update[]>> GetUpdates(long offset, int timeoutSeconds, IReadOnlyList<UpdateType> allowedUpdates, CancellationToken ct);

    /// <summary>Sends HTML text. The result's message is null when a tolerant server answered true or null.</summary>
    Task<BotApiResult<Message>> SendMessage(OutgoingMessage request, CancellationToken ct);

    /// <summary>Sends a file; the caption is HTML, at most 1024 characters.</summary>
    Task<BotApiResult<Message>> SendDocument(long chatId, string fileName, byte[] content, string? caption, CancellationToken ct);

    /// <summary>The result's message is null when a tolerant server answered true or null.</summary>
    /// <summary>A map pin with a title and an address.</summary>
    Task<BotApiResult<Message>> SendVenue(long chatId, double latitude, double longitude, string title, string address, CancellationToken ct);

    Task<BotApiResult<Message>> EditMessageText(MessageEdit request, CancellationToken ct);

    /// <summary>The result's message is null when a tolerant server answered true or null.</summary>
    Task<BotApiResult<Message>> EditMessageReplyMarkup(long chatId, long messageId, InlineKeyboardMarkup? replyMarkup, CancellationToken ct);

    Task<BotApiResult<bool>> AnswerCallbackQuery(string callbackQueryId, string? text, bool showAlert, CancellationToken ct);

    Task<BotApiResult<bool>> DeleteMessage(long chatId, long messageId, CancellationToken ct);

    Task<BotApiResult<bool>> SetMyCommands(IReadOnlyList<BotCommand> commands, BotCommandScope scope, string? languageCode, CancellationToken ct);

    Task<BotApiResult<bool>> SetWebhook(string url, string secretToken, IReadOnlyList<UpdateType> allowedUpdates, int maxConnections, CancellationToken ct);

    Task<BotApiResult<bool>> DeleteWebhook(bool dropPendingUpdates, CancellationToken ct);
}

/// <summary>A text message as the outbox sends it: HTML, without link previews.</summary>
public sealed record OutgoingMessage(long ChatId, string Text)
{
    public InlineKeyboardMarkup? ReplyMarkup { get; init; }
    public long? ReplyToMessageId { get; init; }
    public bool AllowPaidBroadcast { get; init; }
}

/// <summary>New HTML text (and keyboard) for a message the bot sent.</summary>
public sealed record MessageEdit(long ChatId, long MessageId, string Text)
{
    public InlineKeyboardMarkup? ReplyMarkup { get; init; }
}
