using System.Globalization;
using System.Text;
using Bot.Telegram.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Tests.Fakes;

/// <summary>A Bot API server on loopback that answers as Telegram does, over real HTTP, for end-to-end tests.
/// Tests play the users (<see cref="UserSends"/>, <see cref="UserPresses"/>), script failures, and read what each
/// chat was sent and shows now. All of it is thread-safe; waits run on real time.</summary>
public sealed partial class FakeBotApi : IAsyncDisposable
{
    /// <summary>Shaped like a real token (bot id, colon, secret) so code that splits it sees what Telegram gives.</summary>
    public const string DefaultToken = "7000000001:AAFakeTokenForTests-0123456789_abcdefghij";

    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    private readonly Lock gate = new();
    private readonly WebApplication app;
    private readonly TimeProvider clock;
    private readonly CancellationTokenSource stopping = new();

    private readonly List<RecordedRequest> requests = [];
    private readonly List<Script> scriptedDelays = [];
    private readonly List<Script> scriptedAnswers = [];
    private int earlyPollAnswers;
    private EditAnswer editsAnswer = EditAnswer.Message;
    private bool privateChatsNeedStart = true;
    private FaultPlan? faults;

    private FakeBotApi(string token, string botUsername, TimeProvider clock)
    {
        Token = token;
        this.clock = clock;
        var botId = long.TryParse(token.Split(':')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 1;
        Bot = new User { Id = botId, IsBot = true, FirstName = "Chapter Test Bot", Username = botUsername };

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        // Long polls end at once on disposal (see stopping); nothing else should hold the server up.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        app = builder.Build();
        app.Run(Handle);
    }

    public string Token { get; }

    /// <summary>The value for Telegram:ApiBaseUrl, e.g. http://127.0.0.1:41234.</summary>
    public string BaseUrl { get; private set; } = "";

    public User Bot { get; }

    /// <summary>What successful edits answer; <see cref="EditAnswer.Message"/> (Telegram's behaviour) unless a test
    /// checks tolerance of servers that answer true or null.</summary>
    public EditAnswer EditsAnswer
    {
        get { lock (gate) { return editsAnswer; } }
        set { lock (gate) { editsAnswer = value; } }
    }

    /// <summary>Bots cannot write first: sends to a private chat whose user never wrote to the bot (see
    /// <see cref="UserSends"/>, <see cref="OpenPrivateChat"/>) get 403, as on Telegram. On by default.</summary>
    public bool PrivateChatsNeedStart
    {
        get { lock (gate) { return privateChatsNeedStart; } }
        set { lock (gate) { privateChatsNeedStart = value; } }
    }

    /// <summary>Faults injected into every call and the pace held, on top of the scripted answers (which go first);
    /// null (the default) for none.</summary>
    public FaultPlan? Faults
    {
        get { lock (gate) { return faults; } }
        set { lock (gate) { faults = value; } }
    }

    /// <summary>Every request in the order the fake finished answering it (long polls finish late).</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (gate) { return requests.ToArray(); } }
    }

    public static async Task<FakeBotApi> Start(string token = DefaultToken, string botUsername = "chapter_test_bot", TimeProvider? clock = null)
    {
        var fake = new FakeBotApi(token, botUsername, clock ?? TimeProvider.System);
        await fake.app.StartAsync();
        fake.BaseUrl = fake.app.Urls.Single();
        return fake;
    }

    public IReadOnlyList<RecordedRequest> RequestsOf(string method) =>
        Requests.Where(r => r.Method.Equals(method, StringComparison.OrdinalIgnoreCase)).ToArray();

    /// <summary>The next <paramref name="count"/> calls of <paramref name="method"/> (or of any method, getUpdates
    /// included) fail with this answer, before any validation.</summary>
    public void FailNext(int count, int statusCode, string description, string? method = null, ResponseParameters? parameters = null) =>
        AddScript(scriptedAnswers, new Script(method, count) { Answer = ApiAnswer.Error(statusCode, description, parameters) });

    /// <summary>429 with parameters.retry_after, as Telegram's flood control answers.</summary>
    public void TooManyRequests(int retryAfterSeconds, int count = 1, string? method = null) =>
        FailNext(count, 429, $"Too Many Requests: retry after {retryAfterSeconds}", method, new ResponseParameters { RetryAfter = retryAfterSeconds });

    public void ServerError(int count = 1, string? method = null) =>
        FailNext(count, 500, "Internal Server Error", method);

    /// <summary>Answers with any status and body, e.g. a proxy's HTML error page.</summary>
    public void AnswerNextWith(int statusCode, string body, string contentType = "text/html", int count = 1, string? method = null) =>
        AddScript(scriptedAnswers, new Script(method, count) { Answer = new ApiAnswer(statusCode, body, contentType) });

    /// <summary>Holds the next calls this long before answering, to let clients time out.</summary>
    public void DelayNext(TimeSpan delay, int count = 1, string? method = null) =>
        AddScript(scriptedDelays, new Script(method, count) { Delay = delay });

    /// <summary>The next <paramref name="count"/> long polls that find nothing answer [] at once instead of waiting,
    /// as some servers and proxies do; a poller must not spin on them.</summary>
    public void AnswerPollsEarly(int count = 1)
    {
        lock (gate)
        {
            earlyPollAnswers = count;
        }
    }

    /// <summary>Every call about this chat gets 403, "bot was blocked by the user" (or "kicked" for a group), until
    /// <see cref="Unblock"/> or the user writes to the bot again.</summary>
    public void Block(long chatId)
    {
        lock (gate)
        {
            blocked.Add(chatId);
        }
    }

    public void Unblock(long chatId)
    {
        lock (gate)
        {
            blocked.Remove(chatId);
        }
    }

    /// <summary>Every call about this chat gets 400 "chat not found".</summary>
    public void MarkChatNotFound(long chatId)
    {
        lock (gate)
        {
            unknownChats.Add(chatId);
        }
    }

    /// <summary>The group became a supergroup: calls about the old id get 400 with parameters.migrate_to_chat_id,
    /// calls about the new id work.</summary>
    public void MigrateGroup(long oldChatId, long newChatId)
    {
        lock (gate)
        {
            migrations[oldChatId] = newChatId;
            var title = chats.TryGetValue(oldChatId, out var old) ? old.Chat.Title : null;
            chats[newChatId] = new ChatState(new Chat { Id = newChatId, Type = ChatType.Supergroup, Title = title ?? $"Group {newChatId}" });
        }
    }

    public void AddUser(User user)
    {
        lock (gate)
        {
            users[user.Id] = user;
        }
    }

    public void AddGroup(long chatId, string title)
    {
        lock (gate)
        {
            var state = StateOf(chatId);
            state.Chat.Title = title;
        }
    }

    /// <summary>As if the user had pressed Start long ago: the bot may write to them, and no update is queued.</summary>
    public void OpenPrivateChat(long userId)
    {
        lock (gate)
        {
            started.Add(userId);
        }
    }

    /// <summary>Every message the bot sent, to any chat, in the order the fake took them.</summary>
    public IReadOnlyList<FakeMessage> SentMessages()
    {
        lock (gate)
        {
            return sent.ToArray();
        }
    }

    public IReadOnlyList<FakeMessage> SentMessages(long chatId)
    {
        lock (gate)
        {
            return sent.Where(m => m.ChatId == chatId).ToArray();
        }
    }

    /// <summary>What the chat shows now, oldest first: user and bot messages, after edits, without deleted ones.</summary>
    public IReadOnlyList<FakeMessage> ShownMessages(long chatId)
    {
        lock (gate)
        {
            return chats.TryGetValue(chatId, out var chat) ? chat.Shown.Values.ToArray() : [];
        }
    }

    public FakeMessage? ShownMessage(long chatId, long messageId)
    {
        lock (gate)
        {
            return chats.TryGetValue(chatId, out var chat) ? chat.Shown.GetValueOrDefault(messageId) : null;
        }
    }

    public CallbackAnswer? AnswerTo(string callbackQueryId)
    {
        lock (gate)
        {
            return callbackAnswers.GetValueOrDefault(callbackQueryId);
        }
    }

    /// <summary>The command list set for exactly this scope and language, or null when none was set.</summary>
    public IReadOnlyList<BotCommand>? CommandsFor(BotCommandScope scope, string? languageCode = null)
    {
        lock (gate)
        {
            return commands.GetValueOrDefault(CommandsKey(ScopeKey.Of(scope), languageCode));
        }
    }

    public string WebhookUrl
    {
        get { lock (gate) { return webhookUrl; } }
    }

    public string? WebhookSecret
    {
        get { lock (gate) { return webhookSecret; } }
    }

    /// <summary>Updates queued and not yet confirmed by a getUpdates with a higher offset.</summary>
    public int PendingUpdateCount
    {
        get { lock (gate) { return pending.Count; } }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; throws <see cref="TimeoutException"/> naming what the
    /// fake saw last.</summary>
    public async Task WaitFor(Func<bool> condition, TimeSpan? timeout = null, string? what = null)
    {
        var limit = timeout ?? DefaultWait;
        var deadline = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            if (TimeProvider.System.GetElapsedTime(deadline) > limit)
            {
                var recent = string.Join(Environment.NewLine, Requests.TakeLast(15).Select(r => "  " + r));
                throw new TimeoutException($"Waited {limit.TotalSeconds:0.#} s for {what ?? "a condition"}. Last requests:{Environment.NewLine}{recent}");
            }

            await Task.Delay(20);
        }
    }

    public async Task<RecordedRequest> WaitForRequest(Func<RecordedRequest, bool> match, TimeSpan? timeout = null)
    {
        RecordedRequest? found = null;
        await WaitFor(() => (found = Requests.FirstOrDefault(match)) is not null, timeout, "a matching request");
        return found!;
    }

    /// <summary>Waits until the bot has sent this chat a message (matching <paramref name="match"/>) and returns the first.</summary>
    public async Task<FakeMessage> WaitForMessage(long chatId, Func<FakeMessage, bool>? match = null, TimeSpan? timeout = null)
    {
        FakeMessage? found = null;
        await WaitFor(() => (found = SentMessages(chatId).FirstOrDefault(match ?? (_ => true))) is not null, timeout, $"a message to chat {chatId}");
        return found!;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await StopDeliveries();
        await app.StopAsync();
        await app.DisposeAsync();
        stopping.Dispose();
    }

    private static string Route(string path, out string token)
    {
        token = "";
        if (!path.StartsWith("/bot", StringComparison.Ordinal))
        {
            return "";
        }

        var slash = path.LastIndexOf('/');
        if (slash < 4)
        {
            return "";
        }

        token = path[4..slash];
        return path[(slash + 1)..];
    }

    private async Task Handle(HttpContext context)
    {
        // Real time, like the waits: it tells when the request really came, whatever clock the bot runs on.
        var receivedAt = TimeProvider.System.GetUtcNow();
        var method = Route(context.Request.Path.Value ?? "", out var token);
        var body = await Body(context.Request, context.RequestAborted);
        var canonical = MethodNames.GetValueOrDefault(method) ?? method;
        var record = Describe(canonical, receivedAt, body);
        using var abandoned = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping.Token);
        try
        {
            var answer = await Answer(token, canonical, body, abandoned.Token);
            Record(record with { StatusCode = answer.StatusCode, Description = answer.Description, Fault = answer.Fault });
            context.Response.StatusCode = answer.StatusCode;
            context.Response.ContentType = answer.ContentType;
            await context.Response.WriteAsync(answer.Body, context.RequestAborted);
        }
        catch (OperationCanceledException) when (abandoned.IsCancellationRequested)
        {
            Record(record with { StatusCode = 0, Description = "abandoned before the answer" });
        }
    }

    /// <summary>The request's fields as a JSON object's text: JSON as sent, or multipart form fields (how files
    /// travel), each file as an object with its name and its content read as UTF-8 text. A field may name a file
    /// part instead of being one ("attach://&lt;part&gt;"), as the Bot API allows for every file.</summary>
    private static async Task<string> Body(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            return await reader.ReadToEndAsync(ct);
        }

        var form = await request.ReadFormAsync(ct);
        var json = new System.Text.Json.Nodes.JsonObject();
        foreach (var (name, value) in form)
        {
            json[name] = value.ToString();
        }

        foreach (var file in form.Files)
        {
            using var content = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
            var upload = new System.Text.Json.Nodes.JsonObject
            {
                ["file_name"] = file.FileName,
                ["content"] = await content.ReadToEndAsync(ct),
            };
            var attachedAs = form.Where(f => f.Value.ToString() == "attach://" + file.Name).Select(f => f.Key).ToList();
            foreach (var field in attachedAs.DefaultIfEmpty(file.Name))
            {
                json[field] = upload.DeepClone();
            }
        }

        return json.ToJsonString();
    }

    private async Task<ApiAnswer> Answer(string token, string method, string body, CancellationToken abandoned)
    {
        if (token != Token)
        {
            return ApiAnswer.Error(401, "Unauthorized");
        }

        if (!MethodNames.ContainsKey(method))
        {
            return ApiAnswer.Error(404, "Not Found");
        }

        var (delay, scripted) = TakeScripts(method);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, abandoned);
        }

        if (scripted is not null)
        {
            return scripted;
        }

        if (ApiArgs.TryParse(body) is not { } args)
        {
            return ApiAnswer.Error(400, "Bad Request: can't parse JSON object");
        }

        var plan = Faults;
        if (plan?.Before(method, args.Long("chat_id"), clock.GetUtcNow()) is { } injected)
        {
            return injected;
        }

        ApiAnswer answer;
        try
        {
            answer = method == "getUpdates" ? await GetUpdates(args, abandoned) : Invoke(method, args);
        }
        catch (ApiFailure failure)
        {
            answer = failure.Answer;
        }

        if (plan is not null)
        {
            await plan.After(method, answer).WaitAsync(abandoned);
        }

        return answer;
    }

    private static RecordedRequest Describe(string method, DateTimeOffset receivedAt, string body)
    {
        var args = ApiArgs.TryParse(body) ?? ApiArgs.Empty;
        return new RecordedRequest(method, receivedAt, body)
        {
            ChatId = args.Long("chat_id"),
            MessageId = args.Long("message_id"),
            Text = args.String("text"),
            ReplyMarkup = args.Object<InlineKeyboardMarkup>("reply_markup") is { InlineKeyboard: not null } markup ? markup : null,
        };
    }

    private void Record(RecordedRequest request)
    {
        lock (gate)
        {
            requests.Add(request);
        }
    }

    private void AddScript(List<Script> scripts, Script script)
    {
        lock (gate)
        {
            scripts.Add(script);
        }
    }

    private (TimeSpan Delay, ApiAnswer? Answer) TakeScripts(string method)
    {
        lock (gate)
        {
            return (Take(scriptedDelays, method)?.Delay ?? TimeSpan.Zero, Take(scriptedAnswers, method)?.Answer);
        }

        static Script? Take(List<Script> scripts, string method)
        {
            var script = scripts.FirstOrDefault(s => s.Method is null || s.Method.Equals(method, StringComparison.OrdinalIgnoreCase));
            if (script is not null && --script.Remaining <= 0)
            {
                scripts.Remove(script);
            }

            return script;
        }
    }

    private sealed class Script(string? method, int remaining)
    {
        public string? Method { get; } = method;
        public int Remaining { get; set; } = remaining;
        public TimeSpan Delay { get; init; }
        public ApiAnswer? Answer { get; init; }
    }
}
