using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Requests;
using Telegram.Bot.Requests.Abstractions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Telegram.Api;

/// <summary>The bot's calls over Telegram.Bot's client: Telegram.Bot builds the requests and reads the answers; this
/// class gives each call a deadline and turns what it throws into a <see cref="BotApiResult{T}"/>, so the outbox
/// dispatcher and the polling loop decide on a kind, not on exception types. The client must not retry 429 itself
/// (<c>RetryCount = 0</c>, see <see cref="BotApiServiceCollectionExtensions"/>): the dispatcher pauses the whole bot.</summary>
public sealed partial class BotApi(ITelegramBotClient client, IOptions<TelegramOptions> options, ILogger<BotApi> logger) : IBotApi
{
    // The server holds a long poll open for its timeout; the margin covers the way there and back.
    private static readonly TimeSpan LongPollMargin = TimeSpan.FromSeconds(15);

    private readonly TokenRedactor redactor = new(options.Value.BotToken);

    /// <summary>How long an ordinary call may take. Network timeouts run on real time, not on an injected clock:
    /// they are about sockets, and a test that moves a fake clock must not cut calls in flight.</summary>
    internal TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public Task<BotApiResult<User>> GetMe(CancellationToken ct) => Call(() => new GetMeRequest(), CallTimeout, ct);

    public async Task<BotApiResult<Update[]>> GetUpdates(long offset, int timeoutSeconds, IReadOnlyList<UpdateType> allowedUpdates, CancellationToken ct)
    {
        var answer = await Call(
            () => new ElementwiseRequest<Update>(new GetUpdatesRequest { Offset = checked((int)offset), Timeout = timeoutSeconds, AllowedUpdates = allowedUpdates }),
            TimeSpan.FromSeconds(Math.Max(timeoutSeconds, 0)) + LongPollMargin,
            ct);
        return answer.Error is { } error ? BotApiResult<Update[]>.Fail(error) : BotApiResult<Update[]>.Ok(Readable(answer.Value ?? []));
    }

    public Task<BotApiResult<Message>> SendMessage(OutgoingMessage request, CancellationToken ct) =>
        Call(
            () => new SendMessageRequest
            {
                ChatId = request.ChatId,
                Text = request.Text,
                ParseMode = ParseMode.Html,
                ReplyMarkup = request.ReplyMarkup,
                // Without allow_sending_without_reply a reply to a message deleted meanwhile would fail the whole send.
                ReplyParameters = request.ReplyToMessageId is long replyTo
                    ? new ReplyParameters { MessageId = checked((int)replyTo), AllowSendingWithoutReply = true }
                    : null,
                LinkPreviewOptions = NoPreview,
                AllowPaidBroadcast = request.AllowPaidBroadcast,
            },
            CallTimeout,
            ct);

    public Task<BotApiResult<Message>> SendDocument(long chatId, string fileName, byte[] content, string? caption, CancellationToken ct) =>
        Call(
            () => new SendDocumentRequest
            {
                ChatId = chatId,
                Document = InputFile.FromStream(new MemoryStream(content), fileName),
                Caption = caption,
                ParseMode = caption is null ? ParseMode.None : ParseMode.Html,
            },
            CallTimeout,
            ct);

    public Task<BotApiResult<Message>> SendVenue(long chatId, double latitude, double longitude, string title, string address, CancellationToken ct) =>
        Call(
            () => new SendVenueRequest { ChatId = chatId, Latitude = latitude, Longitude = longitude, Title = title, Address = address },
            CallTimeout,
            ct);

    public Task<BotApiResult<Message>> EditMessageText(MessageEdit request, CancellationToken ct) =>
        Call(
            () => new EditMessageTextRequest
            {
                ChatId = request.ChatId,
                MessageId = checked((int)request.MessageId),
                Text = request.Text,
                ParseMode = ParseMode.Html,
                ReplyMarkup = request.ReplyMarkup,
                LinkPreviewOptions = NoPreview,
            },
            CallTimeout,
            ct);

    public Task<BotApiResult<Message>> EditMessageReplyMarkup(long chatId, long messageId, InlineKeyboardMarkup? replyMarkup, CancellationToken ct) =>
        Call(
            () => new EditMessageReplyMarkupRequest { ChatId = chatId, MessageId = checked((int)messageId), ReplyMarkup = replyMarkup },
            CallTimeout,
            ct);

    public Task<BotApiResult<bool>> AnswerCallbackQuery(string callbackQueryId, string? text, bool showAlert, CancellationToken ct) =>
        Call(() => new AnswerCallbackQueryRequest { CallbackQueryId = callbackQueryId, Text = text, ShowAlert = showAlert }, CallTimeout, ct);

    public Task<BotApiResult<bool>> DeleteMessage(long chatId, long messageId, CancellationToken ct) =>
        Call(() => new DeleteMessageRequest { ChatId = chatId, MessageId = checked((int)messageId) }, CallTimeout, ct);

    public Task<BotApiResult<bool>> SetMyCommands(IReadOnlyList<BotCommand> commands, BotCommandScope scope, string? languageCode, CancellationToken ct) =>
        Call(() => new SetMyCommandsRequest { Commands = commands, Scope = scope, LanguageCode = languageCode }, CallTimeout, ct);

    public Task<BotApiResult<bool>> SetWebhook(string url, string secretToken, IReadOnlyList<UpdateType> allowedUpdates, int maxConnections, CancellationToken ct) =>
        Call(() => new SetWebhookRequest { Url = url, SecretToken = secretToken, AllowedUpdates = allowedUpdates, MaxConnections = maxConnections }, CallTimeout, ct);

    public Task<BotApiResult<bool>> DeleteWebhook(bool dropPendingUpdates, CancellationToken ct) =>
        Call(() => new DeleteWebhookRequest { DropPendingUpdates = dropPendingUpdates }, CallTimeout, ct);

    private static LinkPreviewOptions NoPreview => new() { IsDisabled = true };

    /// <summary>Reads the updates one by one, so one that does not read as an <see cref="Update"/> (a field of an
    /// unexpected type) does not make its batch-mates unreadable. It becomes an update with only its id, which the
    /// bot handles as a kind it does not know: recorded as processed and skipped, so the offset moves past it instead
    /// of the same answer coming back forever. One without a readable id cannot be confirmed and is only logged.</summary>
    private Update[] Readable(JsonElement[] elements)
    {
        var updates = new List<Update>(elements.Length);
        foreach (var element in elements)
        {
            try
            {
                updates.Add(element.Deserialize<Update>(JsonBotAPI.Options) ?? throw new JsonException("null instead of an update"));
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NotSupportedException or ArgumentException)
            {
                var id = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("update_id", out var value) && value.TryGetInt32(out var number)
                    ? number
                    : (int?)null;
                // The message names the field and its type, never the user's content; the token is masked anyway.
                LogUnreadableUpdate(id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "without a readable id", redactor.Redact(e.Message));
                if (id is int known)
                {
                    updates.Add(new Update { Id = known });
                }
            }
        }

        return [.. updates];
    }

    /// <summary>Maps a refusal to an error kind: status code and parameters decide, the description only refines a
    /// 400, because Telegram does not promise its wording.</summary>
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

    private async Task<BotApiResult<T>> Call<T>(Func<IRequest<T>> build, TimeSpan timeout, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        IRequest<T> request;
        try
        {
            request = build();
        }
        catch (OverflowException)
        {
            // Telegram's message and update ids fit an int; a stored id that does not can only be refused.
            return BotApiResult<T>.Fail(new BotApiError(BotApiErrorKind.BadRequest, 0, "id out of Telegram's range"));
        }

        try
        {
            var result = await Send(request, timeout, ct);
            LogCall(request.MethodName, result.IsOk ? "ok" : result.Error!.ToString(), ElapsedMs(started));
            return result;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            LogCall(request.MethodName, "cancelled by the caller", ElapsedMs(started));
            throw;
        }
    }

    private async Task<BotApiResult<T>> Send<T>(IRequest<T> request, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            return BotApiResult<T>.Ok(await client.SendRequest(request, deadline.Token));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Network<T>($"no answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (ApiRequestException e)
        {
            return BotApiResult<T>.Fail(ErrorFor(e.ErrorCode, redactor.Redact(e.Message), e.Parameters));
        }
        catch (RequestException e) when (e.HttpStatusCode == HttpStatusCode.OK && AnswersWithMessage(request) && IsTolerableResult(e))
        {
            // The edit or send happened; only the answer was not a Message. Sending it again would repeat it.
            return BotApiResult<T>.Ok(default);
        }
        catch (RequestException e) when (e.HttpStatusCode is { } status)
        {
            // A proxy in front of Telegram answers outages with an HTML page: 5xx is Telegram's side whatever the body.
            var code = (int)status;
            var description = $"HTTP {code} without a Bot API answer";
            return BotApiResult<T>.Fail(new BotApiError(code >= 500 ? BotApiErrorKind.ServerError : BotApiErrorKind.Network, code, description));
        }
        catch (RequestException e)
        {
            return Network<T>(Describe(e));
        }
    }

    private static bool AnswersWithMessage<T>(IRequest<T> request) =>
        request is SendMessageRequest or EditMessageTextRequest or EditMessageReplyMarkupRequest;

    /// <summary>Self-hosted servers and emulators answer sends and edits with <c>{"ok":true,"result":true}</c> or
    /// <c>null</c>. Telegram.Bot then fails reading a Message from <c>result</c>, or finds it missing; a body that
    /// is no Bot API answer at all fails at its root instead and is not tolerated.</summary>
    private static bool IsTolerableResult(RequestException e) =>
        e.InnerException switch
        {
            JsonException json => json.Path?.StartsWith("$.result", StringComparison.Ordinal) == true,
            null => true,
            _ => false,
        };

    private static BotApiResult<T> Network<T>(string description) =>
        BotApiResult<T>.Fail(new BotApiError(BotApiErrorKind.Network, 0, description));

    private static long ElapsedMs(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    // Messages of the HTTP stack may quote the request URL, and with it the token.
    private string Describe(Exception e) =>
        redactor.Redact(e.InnerException is null ? e.Message : $"{e.Message} ({e.InnerException.GetType().Name}: {e.InnerException.Message})");

    [LoggerMessage(Level = LogLevel.Debug, Message = "Bot API {Method}: {Outcome} after {ElapsedMs} ms")]
    private partial void LogCall(string method, string outcome, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Update {UpdateId} could not be read and is skipped: {Problem}")]
    private partial void LogUnreadableUpdate(string updateId, string problem);

    /// <summary>A request whose array result is handed back unread, element by element, for the caller to read.</summary>
    private sealed class ElementwiseRequest<TElement>(RequestBase<TElement[]> request) : IRequest<JsonElement[]>
    {
        public HttpMethod HttpMethod => request.HttpMethod;

        public string MethodName => request.MethodName;

        public bool IsWebhookResponse
        {
            get => request.IsWebhookResponse;
            set => request.IsWebhookResponse = value;
        }

        public HttpContent? ToHttpContent() => request.ToHttpContent();
    }
}
