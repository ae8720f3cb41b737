using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Telegram.Api;

/// <summary>Speaks the Bot API over HTTP to Telegram or any server at Telegram:ApiBaseUrl. Register it with
/// <see cref="BotApiServiceCollectionExtensions.AddBotApiClient"/>, which also silences the HTTP stack's own
/// request logging (it would print the URL, and with it the token).</summary>
public sealed partial class BotApiClient : IBotApi
{
    // The server holds a long poll open for its timeout; the margin covers the way there and back.
    private static readonly TimeSpan LongPollMargin = TimeSpan.FromSeconds(15);

    private readonly HttpClient http;
    private readonly ILogger<BotApiClient> logger;
    private readonly Uri apiBase;
    private readonly string token;
    private readonly TokenRedactor redactor;

    public BotApiClient(HttpClient http, IOptions<TelegramOptions> options, ILogger<BotApiClient> logger)
    {
        var telegram = options.Value;
        this.http = http;
        this.logger = logger;
        token = telegram.BotToken;
        redactor = new TokenRedactor(token);
        // The token stays out of this Uri so that a malformed base address cannot quote it in an exception.
        apiBase = new Uri(telegram.ApiBaseUrl.TrimEnd('/') + "/", UriKind.Absolute);
    }

    /// <summary>How long an ordinary call may take. Network timeouts run on real time, not on an injected clock:
    /// they are about sockets, and a test that moves a fake clock must not cut calls in flight.</summary>
    internal TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public Task<BotApiResult<User>> GetMe(CancellationToken ct) =>
        Call("getMe", new { }, ReadObject<User>, CallTimeout, ct);

    public Task<BotApiResult<Update[]>> GetUpdates(long offset, int timeoutSeconds, IReadOnlyList<string> allowedUpdates, CancellationToken ct) =>
        Call(
            "getUpdates",
            new GetUpdatesBody(offset, timeoutSeconds, allowedUpdates),
            ReadArray<Update>,
            TimeSpan.FromSeconds(Math.Max(timeoutSeconds, 0)) + LongPollMargin,
            ct);

    public Task<BotApiResult<Message>> SendMessage(SendMessageRequest request, CancellationToken ct) =>
        Call(
            "sendMessage",
            new SendMessageBody(request.ChatId, request.Text, ParseModeOrNull(request.ParseMode), request.ReplyMarkup)
            {
                // reply_parameters and link_preview_options replaced reply_to_message_id and
                // disable_web_page_preview in Bot API 7.0. Without allow_sending_without_reply a reply to a
                // message deleted meanwhile would fail the whole send.
                ReplyParameters = request.ReplyToMessageId is long replyTo ? new ReplyParameters(replyTo, true) : null,
                LinkPreviewOptions = request.DisableWebPagePreview ? LinkPreviewOptions.Disabled : null,
                AllowPaidBroadcast = request.AllowPaidBroadcast ? true : null,
            },
            ReadMessage,
            CallTimeout,
            ct);

    public Task<BotApiResult<Message>> SendDocument(long chatId, string fileName, byte[] content, string? caption, CancellationToken ct) =>
        Call(
            "sendDocument",
            () =>
            {
                // Files go as multipart/form-data; every other field travels as a form field beside them.
                var form = new MultipartFormDataContent
                {
                    { new StringContent(chatId.ToString(System.Globalization.CultureInfo.InvariantCulture)), "chat_id" },
                    { new ByteArrayContent(content), "document", fileName },
                };
                if (caption is not null)
                {
                    form.Add(new StringContent(caption), "caption");
                    form.Add(new StringContent("HTML"), "parse_mode");
                }

                return form;
            },
            ReadMessage,
            CallTimeout,
            ct);

    public Task<BotApiResult<Message>> EditMessageText(EditMessageTextRequest request, CancellationToken ct) =>
        Call(
            "editMessageText",
            new EditMessageTextBody(request.ChatId, request.MessageId, request.Text, ParseModeOrNull(request.ParseMode), request.ReplyMarkup)
            {
                LinkPreviewOptions = request.DisableWebPagePreview ? LinkPreviewOptions.Disabled : null,
            },
            ReadMessage,
            CallTimeout,
            ct);

    public Task<BotApiResult<Message>> EditMessageReplyMarkup(long chatId, long messageId, InlineKeyboardMarkup? replyMarkup, CancellationToken ct) =>
        Call("editMessageReplyMarkup", new EditMessageReplyMarkupBody(chatId, messageId, replyMarkup), ReadMessage, CallTimeout, ct);

    public Task<BotApiResult<bool>> AnswerCallbackQuery(string callbackQueryId, string? text, bool showAlert, CancellationToken ct) =>
        Call("answerCallbackQuery", new AnswerCallbackQueryBody(callbackQueryId, text, showAlert), ReadBool, CallTimeout, ct);

    public Task<BotApiResult<bool>> DeleteMessage(long chatId, long messageId, CancellationToken ct) =>
        Call("deleteMessage", new DeleteMessageBody(chatId, messageId), ReadBool, CallTimeout, ct);

    public Task<BotApiResult<bool>> SetMyCommands(IReadOnlyList<BotCommand> commands, BotCommandScope scope, string? languageCode, CancellationToken ct) =>
        Call("setMyCommands", new SetMyCommandsBody(commands, scope, languageCode), ReadBool, CallTimeout, ct);

    public Task<BotApiResult<bool>> SetWebhook(string url, string secretToken, IReadOnlyList<string> allowedUpdates, CancellationToken ct) =>
        Call("setWebhook", new SetWebhookBody(url, secretToken, allowedUpdates), ReadBool, CallTimeout, ct);

    public Task<BotApiResult<bool>> DeleteWebhook(bool dropPendingUpdates, CancellationToken ct) =>
        Call("deleteWebhook", new DeleteWebhookBody(dropPendingUpdates), ReadBool, CallTimeout, ct);

    /// <summary>Maps a failed answer to an error kind: status code and parameters decide, the description only
    /// refines a 400, because Telegram does not promise its wording.</summary>
    private static BotApiError ErrorFor(int code, string description, ResponseParameters? parameters)
    {
        var kind = parameters?.MigrateToChatId is not null ? BotApiErrorKind.ChatMigrated
            : code == 429 || parameters?.RetryAfter is not null ? BotApiErrorKind.TooManyRequests
            : code switch
            {
                401 or 404 => BotApiErrorKind.Unauthorized,
                403 => BotApiErrorKind.Forbidden,
                409 => BotApiErrorKind.Conflict,
                >= 500 => BotApiErrorKind.ServerError,
                400 when description.Contains("chat not found", StringComparison.OrdinalIgnoreCase) => BotApiErrorKind.ChatNotFound,
                _ => BotApiErrorKind.BadRequest,
            };
        return new BotApiError(kind, code, description)
        {
            RetryAfter = parameters?.RetryAfter is int seconds ? TimeSpan.FromSeconds(seconds) : null,
            MigrateToChatId = parameters?.MigrateToChatId,
        };
    }

    private Task<BotApiResult<T>> Call<TBody, T>(
        string method, TBody body, Func<JsonElement, BotApiResult<T>> readResult, TimeSpan timeout, CancellationToken ct) =>
        Call(method, () => JsonContent.Create(body, options: BotApiJson.Options), readResult, timeout, ct);

    private async Task<BotApiResult<T>> Call<T>(
        string method, Func<HttpContent> body, Func<JsonElement, BotApiResult<T>> readResult, TimeSpan timeout, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await Send(method, body, readResult, timeout, ct);
            LogCall(method, result.IsOk ? "ok" : result.Error!.ToString(), ElapsedMs(started));
            return result;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            LogCall(method, "cancelled by the caller", ElapsedMs(started));
            throw;
        }
    }

    private async Task<BotApiResult<T>> Send<T>(
        string method, Func<HttpContent> body, Func<JsonElement, BotApiResult<T>> readResult, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            using var content = body();
            using var response = await http.PostAsync(Endpoint(method), content, deadline.Token);
            var payload = await response.Content.ReadAsByteArrayAsync(deadline.Token);
            return Interpret((int)response.StatusCode, payload, readResult);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Network<T>($"no answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            return Network<T>(Describe(e));
        }
        catch (IOException e)
        {
            return Network<T>(Describe(e));
        }
    }

    // Concatenated, not resolved against the base: "bot123:ABC" on its own would read as a URI scheme.
    private Uri Endpoint(string method) => new(apiBase.AbsoluteUri + "bot" + token + "/" + method, UriKind.Absolute);

    private BotApiResult<T> Interpret<T>(int status, byte[] payload, Func<JsonElement, BotApiResult<T>> readResult)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("ok", out var ok)
                || ok.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return NotBotApi<T>(status);
            }

            if (ok.ValueKind == JsonValueKind.True)
            {
                return readResult(root.TryGetProperty("result", out var result) ? result : default);
            }

            var code = root.TryGetProperty("error_code", out var errorCode) && errorCode.TryGetInt32(out var c) ? c : status;
            var description = root.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String
                ? redactor.Redact(d.GetString())
                : $"HTTP {status}";
            var parameters = root.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Object
                ? p.Deserialize<ResponseParameters>(BotApiJson.Options)
                : null;
            return BotApiResult<T>.Fail(ErrorFor(code, description, parameters));
        }
        catch (JsonException)
        {
            return NotBotApi<T>(status);
        }
    }

    // A proxy in front of Telegram answers outages with an HTML page: 5xx is Telegram's side whatever the body.
    private static BotApiResult<T> NotBotApi<T>(int status) => status >= 500
        ? BotApiResult<T>.Fail(new BotApiError(BotApiErrorKind.ServerError, status, $"HTTP {status} without a Bot API answer"))
        : BotApiResult<T>.Fail(new BotApiError(BotApiErrorKind.Network, status, $"HTTP {status} without a Bot API answer"));

    private static BotApiResult<T> Network<T>(string description) =>
        BotApiResult<T>.Fail(new BotApiError(BotApiErrorKind.Network, 0, description));

    private static BotApiResult<T> UnexpectedResult<T>() =>
        BotApiResult<T>.Fail(new BotApiError(BotApiErrorKind.Network, 200, "the result does not have the expected shape"));

    private static BotApiResult<T> ReadObject<T>(JsonElement result) where T : class =>
        result.ValueKind == JsonValueKind.Object
            ? BotApiResult<T>.Ok(result.Deserialize<T>(BotApiJson.Options))
            : UnexpectedResult<T>();

    private static BotApiResult<T[]> ReadArray<T>(JsonElement result) =>
        result.ValueKind == JsonValueKind.Array
            ? BotApiResult<T[]>.Ok(result.Deserialize<T[]>(BotApiJson.Options))
            : UnexpectedResult<T[]>();

    // Self-hosted servers and emulators answer edits with true or null instead of the Message.
    private static BotApiResult<Message> ReadMessage(JsonElement result) =>
        result.ValueKind == JsonValueKind.Object
            ? BotApiResult<Message>.Ok(result.Deserialize<Message>(BotApiJson.Options))
            : BotApiResult<Message>.Ok(null);

    // ok:true already says the call worked; only an explicit false is a false.
    private static BotApiResult<bool> ReadBool(JsonElement result) =>
        BotApiResult<bool>.Ok(result.ValueKind != JsonValueKind.False);

    private static string? ParseModeOrNull(string parseMode) => string.IsNullOrEmpty(parseMode) ? null : parseMode;

    private static long ElapsedMs(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    // Messages of the HTTP stack may quote the request URL, and with it the token.
    private string Describe(Exception e) =>
        redactor.Redact(e.InnerException is null ? $"{e.GetType().Name}: {e.Message}" : $"{e.GetType().Name}: {e.Message} ({e.InnerException.Message})");

    [LoggerMessage(Level = LogLevel.Debug, Message = "Bot API {Method}: {Outcome} after {ElapsedMs} ms")]
    private partial void LogCall(string method, string outcome, long elapsedMs);

    private sealed record GetUpdatesBody(long Offset, int Timeout, IReadOnlyList<string> AllowedUpdates);

    private sealed record SendMessageBody(long ChatId, string Text, string? ParseMode, InlineKeyboardMarkup? ReplyMarkup)
    {
        public ReplyParameters? ReplyParameters { get; init; }
        public LinkPreviewOptions? LinkPreviewOptions { get; init; }
        public bool? AllowPaidBroadcast { get; init; }
    }

    private sealed record EditMessageTextBody(long ChatId, long MessageId, string Text, string? ParseMode, InlineKeyboardMarkup? ReplyMarkup)
    {
        public LinkPreviewOptions? LinkPreviewOptions { get; init; }
    }

    private sealed record EditMessageReplyMarkupBody(long ChatId, long MessageId, InlineKeyboardMarkup? ReplyMarkup);

    private sealed record AnswerCallbackQueryBody(string CallbackQueryId, string? Text, bool ShowAlert);

    private sealed record DeleteMessageBody(long ChatId, long MessageId);

    private sealed record SetMyCommandsBody(IReadOnlyList<BotCommand> Commands, BotCommandScope Scope, string? LanguageCode);

    private sealed record SetWebhookBody(string Url, string SecretToken, IReadOnlyList<string> AllowedUpdates);

    private sealed record DeleteWebhookBody(bool DropPendingUpdates);

    private sealed record ReplyParameters(long MessageId, bool AllowSendingWithoutReply);

    private sealed record LinkPreviewOptions(bool IsDisabled)
    {
        public static LinkPreviewOptions Disabled { get; } = new(true);
    }
}
