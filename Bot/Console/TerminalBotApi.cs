using Bot.Telegram.Api;

namespace Bot.Console;

/// <summary>The Bot API as the local chat mode plays it: what the bot sends is printed to the terminal, and
/// every call succeeds the way Telegram's would.</summary>
public sealed class TerminalBotApi(ChatTerminal terminal) : IBotApi
{
    public static readonly User Me = new(42, true, "Chapter Bot") { Username = "chapter_bot" };

    public Task<BotApiResult<User>> GetMe(CancellationToken ct) => Ok(Me);

    public Task<BotApiResult<Update[]>> GetUpdates(long offset, int timeoutSeconds, IReadOnlyList<string> allowedUpdates, CancellationToken ct) =>
        Ok(Array.Empty<Update>());

    public Task<BotApiResult<Message>> SendMessage(SendMessageRequest request, CancellationToken ct) =>
        Ok(terminal.Show(request.ChatId, request.Text, request.ReplyMarkup));

    public Task<BotApiResult<Message>> SendDocument(long chatId, string fileName, byte[] content, string? caption, CancellationToken ct)
    {
        var folder = Path.Combine(Path.GetTempPath(), "chapter-bot-files");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, Path.GetFileName(fileName));
        File.WriteAllBytes(path, content);
        return Ok(terminal.Show(chatId, $"{caption}\n📎 {fileName} (saved as {path})", null));
    }

    public Task<BotApiResult<Message>> EditMessageText(EditMessageTextRequest request, CancellationToken ct) =>
        terminal.Edit(request.ChatId, request.MessageId, request.Text, request.ReplyMarkup) ? Ok<Message>(null) : NotFound<Message>();

    public Task<BotApiResult<Message>> EditMessageReplyMarkup(long chatId, long messageId, InlineKeyboardMarkup? replyMarkup, CancellationToken ct) =>
        terminal.Edit(chatId, messageId, null, replyMarkup) ? Ok<Message>(null) : NotFound<Message>();

    public Task<BotApiResult<bool>> AnswerCallbackQuery(string callbackQueryId, string? text, bool showAlert, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(text))
        {
            terminal.Notice(text);
        }

        return Ok(true);
    }

    public Task<BotApiResult<bool>> DeleteMessage(long chatId, long messageId, CancellationToken ct) => Ok(true);

    public Task<BotApiResult<bool>> SetMyCommands(IReadOnlyList<BotCommand> commands, BotCommandScope scope, string? languageCode, CancellationToken ct) => Ok(true);

    public Task<BotApiResult<bool>> SetWebhook(string url, string secretToken, IReadOnlyList<string> allowedUpdates, CancellationToken ct) => Ok(true);

    public Task<BotApiResult<bool>> DeleteWebhook(bool dropPendingUpdates, CancellationToken ct) => Ok(true);

    private static Task<BotApiResult<T>> Ok<T>(T? value) => Task.FromResult(BotApiResult<T>.Ok(value));

    private static Task<BotApiResult<T>> NotFound<T>() =>
        Task.FromResult(BotApiResult<T>.Fail(new BotApiError(BotApiErrorKind.BadRequest, 400, "Bad Request: message to edit not found")));
}
