namespace Bot.Telegram.Api;

/// <summary>The Bot API methods the bot uses. <see cref="BotApiClient"/> speaks HTTP to Telegram (or any server
/// at Telegram:ApiBaseUrl); the local chat mode has its own. Replacing this folder with Telegram.Bot means one
/// more implementation of this interface, nothing outside it.</summary>
public interface IBotApi
{
    Task<BotApiResult<User>> GetMe(CancellationToken ct);

    Task<BotApiResult<Update[]>> GetUpdates(long offset, int timeoutSeconds, IReadOnlyList<string> allowedUpdates, CancellationToken ct);

    /// <summary>Sends HTML text. The result's message is null when a tolerant server answered true or null.</summary>
    Task<BotApiResult<Message>> SendMessage(SendMessageRequest request, CancellationToken ct);

    /// <summary>Sends a file; the caption is HTML, at most 1024 characters.</summary>
    Task<BotApiResult<Message>> SendDocument(long chatId, string fileName, byte[] content, string? caption, CancellationToken ct);

    Task<BotApiResult<Message>> EditMessageText(EditMessageTextRequest request, CancellationToken ct);

    Task<BotApiResult<Message>> EditMessageReplyMarkup(long chatId, long messageId, InlineKeyboardMarkup? replyMarkup, CancellationToken ct);

    Task<BotApiResult<bool>> AnswerCallbackQuery(string callbackQueryId, string? text, bool showAlert, CancellationToken ct);

    Task<BotApiResult<bool>> DeleteMessage(long chatId, long messageId, CancellationToken ct);

    Task<BotApiResult<bool>> SetMyCommands(IReadOnlyList<BotCommand> commands, BotCommandScope scope, string? languageCode, CancellationToken ct);

    Task<BotApiResult<bool>> SetWebhook(string url, string secretToken, IReadOnlyList<string> allowedUpdates, CancellationToken ct);

    Task<BotApiResult<bool>> DeleteWebhook(bool dropPendingUpdates, CancellationToken ct);
}

public sealed record SendMessageRequest(long ChatId, string Text)
{
    public string ParseMode { get; init; } = "HTML";
    public InlineKeyboardMarkup? ReplyMarkup { get; init; }
    public long? ReplyToMessageId { get; init; }
    public bool DisableWebPagePreview { get; init; } = true;
    public bool AllowPaidBroadcast { get; init; }
}

public sealed record EditMessageTextRequest(long ChatId, long MessageId, string Text)
{
    public string ParseMode { get; init; } = "HTML";
    public InlineKeyboardMarkup? ReplyMarkup { get; init; }
    public bool DisableWebPagePreview { get; init; } = true;
}
