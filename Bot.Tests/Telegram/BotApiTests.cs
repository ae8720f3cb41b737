using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Bot.Telegram;
using Bot.Telegram.Api;
using Bot.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Tests.Telegram;

/// <summary>Telegram.Bot's client and our adapter against the fake Bot API over real loopback HTTP, registered as the
/// host registers them: the outcomes the dispatcher and the polling loop decide on.</summary>
public sealed class BotApiTests : IAsyncLifetime
{
    private const long Alice = 1001;
    private const long Group = -4001;
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly CapturingLoggerProvider logs = new();
    private readonly List<IAsyncDisposable> owned = [];
    private FakeBotApi fake = null!;
    private IBotApi api = null!;

    public async Task InitializeAsync()
    {
        fake = await FakeBotApi.Start();
        api = Client(fake.BaseUrl, fake.Token);
        fake.OpenPrivateChat(Alice);
    }

    public async Task DisposeAsync()
    {
        foreach (var disposable in owned)
        {
            await disposable.DisposeAsync();
        }

        await fake.DisposeAsync();
    }

    [Fact]
    public async Task GetMe_ReturnsTheBot()
    {
        var me = await api.GetMe(None);

        Assert.True(me.IsOk, me.ToString());
        Assert.True(me.Value!.IsBot);
        Assert.Equal("chapter_test_bot", me.Value.Username);
    }

    [Fact]
    public async Task GetMe_WithWrongToken_ReturnsUnauthorized()
    {
        var stranger = Client(fake.BaseUrl, "42:not-the-token");

        var me = await stranger.GetMe(None);

        Assert.Equal(BotApiErrorKind.Unauthorized, me.Error?.Kind);
    }

    [Fact]
    public async Task GetUpdates_ReturnsWhatUsersDid()
    {
        var sent = fake.UserSends(Alice, Alice, "/start", "de");
        var pressed = fake.UserPresses(Alice, Alice, sent.Message!.MessageId, "rsvp:yes");

        var updates = await api.GetUpdates(0, 0, [], None);

        Assert.Equal([sent.Id, pressed.Id], updates.Value!.Select(u => u.Id));
        Assert.Equal("/start", updates.Value![0].Message?.Text);
        Assert.Equal("de", updates.Value[0].Sender?.LanguageCode);
        Assert.Equal("rsvp:yes", updates.Value[1].CallbackQuery?.Data);
    }

    [Fact]
    public async Task GetUpdates_WithoutAdvancingOffset_ReturnsTheSameUpdatesAgain()
    {
        var update = fake.UserSends(Alice, Alice, "hallo");

        await api.GetUpdates(0, 0, [], None);
        var again = await api.GetUpdates(update.Id, 0, [], None);

        Assert.Equal(update.Id, Assert.Single(again.Value!).Id);
    }

    [Fact]
    public async Task GetUpdates_WithOffsetPastAnUpdate_ConfirmsIt()
    {
        var first = fake.UserSends(Alice, Alice, "eins");
        var second = fake.UserSends(Alice, Alice, "zwei");

        var rest = await api.GetUpdates(first.Id + 1, 0, [], None);

        Assert.Equal(second.Id, Assert.Single(rest.Value!).Id);
        Assert.Equal(1, fake.PendingUpdateCount);
    }

    [Fact]
    public async Task GetUpdates_WhenAnUpdateArrivesDuringTheLongPoll_ReturnsIt()
    {
        var started = Stopwatch.StartNew();
        var poll = api.GetUpdates(0, 30, [], None);
        await fake.WaitFor(() => fake.PollsWaiting == 1);
        fake.UserSends(Alice, Alice, "hallo");

        var updates = await poll;

        Assert.Equal("hallo", Assert.Single(updates.Value!).Message?.Text);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task GetUpdates_LongPoll_OutlastsTheOrdinaryCallTimeout()
    {
        var impatient = DirectClient(callTimeout: TimeSpan.FromMilliseconds(300));

        var updates = await impatient.GetUpdates(0, 1, [], None);

        Assert.True(updates.IsOk, updates.ToString());
        Assert.Empty(updates.Value!);
    }

    [Fact]
    public async Task GetUpdates_WhenServerAnswersEarly_ReturnsNothingAtOnce()
    {
        fake.AnswerPollsEarly();
        var started = Stopwatch.StartNew();

        var updates = await api.GetUpdates(0, 30, [], None);

        Assert.Empty(updates.Value!);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task GetUpdates_WhileWebhookIsSet_ReturnsConflict()
    {
        await api.SetWebhook("https://bot.example.org/telegram", "s3cret", [], 40, None);

        var updates = await api.GetUpdates(0, 0, [], None);

        Assert.Equal(BotApiErrorKind.Conflict, updates.Error?.Kind);
    }

    [Fact]
    public async Task GetUpdates_WhenASecondPollerStarts_EndsTheFirstWithConflict()
    {
        var first = api.GetUpdates(0, 30, [], None);
        await fake.WaitFor(() => fake.PollsWaiting == 1);

        var second = await api.GetUpdates(0, 0, [], None);

        Assert.True(second.IsOk, second.ToString());
        Assert.Equal(BotApiErrorKind.Conflict, (await first).Error?.Kind);
    }

    [Fact]
    public async Task SendMessage_ReturnsTheMessageAsTheUserSeesIt()
    {
        var sent = await api.SendMessage(new OutgoingMessage(Alice, "<b>Stammtisch</b> am Freitag &amp; Samstag"), None);

        Assert.True(sent.IsOk, sent.ToString());
        Assert.Equal("Stammtisch am Freitag & Samstag", sent.Value!.Text);
        Assert.Equal(Alice, sent.Value.Chat.Id);
        Assert.Equal(fake.Bot.Id, sent.Value.From?.Id);
    }

    [Fact]
    public async Task SendMessage_Twice_NumbersMessagesPerChat()
    {
        var first = await api.SendMessage(new OutgoingMessage(Alice, "eins"), None);
        var second = await api.SendMessage(new OutgoingMessage(Alice, "zwei"), None);

        Assert.Equal(first.Value!.MessageId + 1, second.Value!.MessageId);
    }

    [Fact]
    public async Task SendMessage_WithKeyboard_ChatShowsTheButtons()
    {
        var request = new OutgoingMessage(Alice, "Kommst du?") { ReplyMarkup = Keyboard(("Ja", "rsvp:1:yes"), ("Nein", "rsvp:1:no")) };

        await api.SendMessage(request, None);

        var shown = Assert.Single(fake.ShownMessages(Alice));
        Assert.Equal(["Ja", "Nein"], shown.Buttons.Select(b => b.Text));
        Assert.Equal("rsvp:1:no", shown.Button("Nein").CallbackData);
    }

    [Fact]
    public async Task SendMessage_AsReply_RecordsTheOriginal()
    {
        var question = fake.UserSends(Alice, Alice, "Wann ist der Stammtisch?");

        await api.SendMessage(new OutgoingMessage(Alice, "Freitag") { ReplyToMessageId = question.Message!.MessageId }, None);

        Assert.Equal(question.Message.MessageId, fake.SentMessages(Alice)[0].ReplyToMessageId);
    }

    [Fact]
    public async Task SendMessage_ToUserWhoNeverStartedTheBot_ReturnsForbidden()
    {
        var sent = await api.SendMessage(new OutgoingMessage(2002, "Hallo"), None);

        Assert.Equal(BotApiErrorKind.Forbidden, sent.Error?.Kind);
    }

    [Fact]
    public async Task SendMessage_WhenChatBlocked_ReturnsForbidden()
    {
        fake.Block(Alice);

        var sent = await api.SendMessage(new OutgoingMessage(Alice, "Hallo"), None);

        Assert.Equal(BotApiErrorKind.Forbidden, sent.Error?.Kind);
        Assert.Equal(403, sent.Error!.StatusCode);
        Assert.Empty(fake.SentMessages(Alice));
    }

    [Fact]
    public async Task SendMessage_WhenChatNotFound_ReturnsChatNotFound()
    {
        fake.MarkChatNotFound(Group);

        var sent = await api.SendMessage(new OutgoingMessage(Group, "Hallo"), None);

        Assert.Equal(BotApiErrorKind.ChatNotFound, sent.Error?.Kind);
    }

    [Fact]
    public async Task SendMessage_ToMigratedGroup_ReturnsChatMigratedWithTheNewId()
    {
        fake.MigrateGroup(Group, -1009876543210);

        var toOld = await api.SendMessage(new OutgoingMessage(Group, "Hallo"), None);
        var toNew = await api.SendMessage(new OutgoingMessage(-1009876543210, "Hallo"), None);

        Assert.Equal(BotApiErrorKind.ChatMigrated, toOld.Error?.Kind);
        Assert.Equal(-1009876543210, toOld.Error!.MigrateToChatId);
        Assert.True(toNew.IsOk, toNew.ToString());
        Assert.Equal(ChatType.Supergroup, toNew.Value!.Chat.Type);
    }

    [Fact]
    public async Task SendMessage_WhenRateLimited_ReturnsTooManyRequestsWithRetryAfter()
    {
        fake.TooManyRequests(retryAfterSeconds: 7, method: "sendMessage");

        var limited = await api.SendMessage(new OutgoingMessage(Alice, "Hallo"), None);
        var next = await api.SendMessage(new OutgoingMessage(Alice, "Hallo"), None);

        Assert.Equal(BotApiErrorKind.TooManyRequests, limited.Error?.Kind);
        Assert.Equal(TimeSpan.FromSeconds(7), limited.Error!.RetryAfter);
        Assert.True(next.IsOk, next.ToString());
    }

    [Fact]
    public async Task SendMessage_WhenRateLimited_AsksOnlyOnce_LeavingTheWaitToTheDispatcher()
    {
        // Telegram.Bot on its own would wait this second out and ask again, hiding the 429 from the dispatcher.
        fake.TooManyRequests(retryAfterSeconds: 1, method: "sendMessage");

        var limited = await api.SendMessage(new OutgoingMessage(Alice, "Hallo"), None);

        Assert.Equal(BotApiErrorKind.TooManyRequests, limited.Error?.Kind);
        Assert.Equal([429], fake.RequestsOf("sendMessage").Select(r => r.StatusCode));
        Assert.Empty(fake.SentMessages(Alice));
    }

    [Fact]
    public async Task ApiBaseUrl_WithATrailingSlash_ReachesTheServer()
    {
        var client = Client(fake.BaseUrl + "/", fake.Token);

        var me = await client.GetMe(None);

        Assert.True(me.IsOk, me.ToString());
    }

    [Fact]
    public async Task SendMessage_WhenServerFails_ReturnsServerError()
    {
        fake.ServerError();

        var sent = await api.SendMessage(new OutgoingMessage(Alice, "Hallo"), None);

        Assert.Equal(BotApiErrorKind.ServerError, sent.Error?.Kind);
        Assert.Equal(500, sent.Error!.StatusCode);
    }

    [Fact]
    public async Task SendMessage_WithStrayLessThan_ReturnsBadRequestThatCannotParseEntities()
    {
        var sent = await api.SendMessage(new OutgoingMessage(Alice, "Treffen <Ort folgt>"), None);

        Assert.Equal(BotApiErrorKind.BadRequest, sent.Error?.Kind);
        Assert.Contains("can't parse entities", sent.Error!.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendMessage_WithCallbackDataOver64Bytes_ReturnsBadRequest()
    {
        var request = new OutgoingMessage(Alice, "Kommst du?") { ReplyMarkup = Keyboard(("Ja", new string('ä', 33))) };

        var sent = await api.SendMessage(request, None);

        Assert.Equal(BotApiErrorKind.BadRequest, sent.Error?.Kind);
        Assert.Contains("BUTTON_DATA_INVALID", sent.Error!.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendMessage_LongerThan4096Characters_ReturnsBadRequest()
    {
        var sent = await api.SendMessage(new OutgoingMessage(Alice, new string('x', 4097)), None);

        Assert.Equal(BotApiErrorKind.BadRequest, sent.Error?.Kind);
        Assert.Contains("too long", sent.Error!.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendMessage_WhenConnectionRefused_ReturnsNetwork()
    {
        var unreachable = Client(RefusedBaseUrl(), fake.Token);

        var sent = await unreachable.SendMessage(new OutgoingMessage(Alice, "Hallo"), None);

        Assert.Equal(BotApiErrorKind.Network, sent.Error?.Kind);
    }

    [Fact]
    public async Task SendMessage_WhenServerIsTooSlow_ReturnsNetwork()
    {
        fake.DelayNext(TimeSpan.FromSeconds(5), method: "sendMessage");
        var impatient = DirectClient(callTimeout: TimeSpan.FromMilliseconds(300));

        var sent = await impatient.SendMessage(new OutgoingMessage(Alice, "Hallo"), None);

        Assert.Equal(BotApiErrorKind.Network, sent.Error?.Kind);
    }

    [Fact]
    public async Task SendMessage_WhenCallerCancels_Throws()
    {
        fake.DelayNext(TimeSpan.FromSeconds(5), method: "sendMessage");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => api.SendMessage(new OutgoingMessage(Alice, "Hallo"), cancel.Token));
    }

    [Theory]
    [InlineData(200, BotApiErrorKind.Network)]
    [InlineData(404, BotApiErrorKind.Network)]
    [InlineData(502, BotApiErrorKind.ServerError)]
    public async Task SendMessage_WhenBodyIsNotTheBotApis_ReturnsKindByStatus(int status, BotApiErrorKind kind)
    {
        fake.AnswerNextWith(status, "<html><body>Bad Gateway</body></html>");

        var sent = await api.SendMessage(new OutgoingMessage(Alice, "Hallo"), None);

        Assert.Equal(kind, sent.Error?.Kind);
    }

    [Theory]
    [InlineData(401, "Unauthorized", BotApiErrorKind.Unauthorized)]
    [InlineData(404, "Not Found", BotApiErrorKind.Unauthorized)]
    [InlineData(403, "Forbidden: user is deactivated", BotApiErrorKind.Forbidden)]
    [InlineData(409, "Conflict: terminated by other getUpdates request", BotApiErrorKind.Conflict)]
    [InlineData(400, "Bad Request: CHAT NOT FOUND", BotApiErrorKind.ChatNotFound)]
    [InlineData(400, "Bad Request: message text is empty", BotApiErrorKind.BadRequest)]
    [InlineData(502, "Bad Gateway", BotApiErrorKind.ServerError)]
    public async Task AnyCall_WhenTelegramFails_MapsTheStatusToAKind(int status, string description, BotApiErrorKind kind)
    {
        fake.FailNext(1, status, description);

        var result = await api.DeleteMessage(Alice, 1, None);

        Assert.Equal(kind, result.Error?.Kind);
        Assert.Equal(description, result.Error!.Description);
    }

    [Fact]
    public async Task EditMessageText_ChangesWhatTheChatShows()
    {
        var sent = await SendWithButton(Alice, "Kommst du?");

        var edited = await api.EditMessageText(new MessageEdit(Alice, sent.MessageId, "Du kommst <i>nicht</i>."), None);

        Assert.Equal("Du kommst nicht.", edited.Value!.Text);
        var shown = fake.ShownMessage(Alice, sent.MessageId)!;
        Assert.Equal("Du kommst nicht.", shown.Text);
        Assert.True(shown.Edited);
        Assert.Empty(shown.Buttons);
    }

    [Fact]
    public async Task EditMessageText_WithTheSameTextAndButtons_ReturnsNotModified()
    {
        var sent = await api.SendMessage(new OutgoingMessage(Alice, "<b>Hallo</b>"), None);

        var edited = await api.EditMessageText(new MessageEdit(Alice, sent.Value!.MessageId, "<strong>Hallo</strong>"), None);

        Assert.True(edited.Error?.IsMessageNotModified, edited.ToString());
    }

    [Fact]
    public async Task EditMessageText_OfUnknownMessage_ReturnsMessageGone()
    {
        var edited = await api.EditMessageText(new MessageEdit(Alice, 99, "Hallo"), None);

        Assert.True(edited.Error?.IsMessageGone, edited.ToString());
    }

    [Theory]
    [InlineData(EditAnswer.True)]
    [InlineData(EditAnswer.Null)]
    public async Task EditMessageText_WhenServerAnswersWithoutMessage_ReturnsOkWithoutValue(EditAnswer answer)
    {
        var sent = await api.SendMessage(new OutgoingMessage(Alice, "Hallo"), None);
        fake.EditsAnswer = answer;

        var edited = await api.EditMessageText(new MessageEdit(Alice, sent.Value!.MessageId, "Tschüss"), None);

        Assert.True(edited.IsOk, edited.ToString());
        Assert.Null(edited.Value);
        Assert.Equal("Tschüss", fake.ShownMessage(Alice, sent.Value.MessageId)?.Text);
    }

    [Fact]
    public async Task EditMessageReplyMarkup_ReplacesTheButtons()
    {
        var sent = await SendWithButton(Alice, "Kommst du?");

        var edited = await api.EditMessageReplyMarkup(Alice, sent.MessageId, Keyboard(("Doch nicht", "rsvp:1:no")), None);

        Assert.True(edited.IsOk, edited.ToString());
        Assert.Equal("Doch nicht", Assert.Single(fake.ShownMessage(Alice, sent.MessageId)!.Buttons).Text);
    }

    [Theory]
    [InlineData(EditAnswer.True)]
    [InlineData(EditAnswer.Null)]
    public async Task EditMessageReplyMarkup_WhenServerAnswersWithoutMessage_ReturnsOkWithoutValue_AndIsNotSentAgain(EditAnswer answer)
    {
        var sent = await SendWithButton(Alice, "Kommst du?");
        fake.EditsAnswer = answer;

        var edited = await api.EditMessageReplyMarkup(Alice, sent.MessageId, Keyboard(("Doch nicht", "rsvp:1:no")), None);

        Assert.True(edited.IsOk, edited.ToString());
        Assert.Null(edited.Value);
        Assert.Equal("Doch nicht", Assert.Single(fake.ShownMessage(Alice, sent.MessageId)!.Buttons).Text);
        Assert.Single(fake.RequestsOf("editMessageReplyMarkup"));
    }

    [Fact]
    public async Task EditMessageText_WhenAnswerIsNoBotApiJson_ReturnsNetwork_NotSuccess()
    {
        var sent = await api.SendMessage(new OutgoingMessage(Alice, "Hallo"), None);
        fake.AnswerNextWith(200, "<html>maintenance</html>", method: "editMessageText");

        var edited = await api.EditMessageText(new MessageEdit(Alice, sent.Value!.MessageId, "Tschüss"), None);

        Assert.Equal(BotApiErrorKind.Network, edited.Error?.Kind);
    }

    [Fact]
    public async Task EditMessageReplyMarkup_WithoutKeyboard_RemovesTheButtons()
    {
        var sent = await SendWithButton(Alice, "Kommst du?");

        var edited = await api.EditMessageReplyMarkup(Alice, sent.MessageId, null, None);

        Assert.True(edited.IsOk, edited.ToString());
        Assert.Empty(fake.ShownMessage(Alice, sent.MessageId)!.Buttons);
    }

    [Fact]
    public async Task AnswerCallbackQuery_ForAPressedButton_ShowsTheText()
    {
        var sent = await SendWithButton(Alice, "Kommst du?");
        var press = fake.UserPresses(Alice, Alice, sent.MessageId, "rsvp:1:yes");

        var answered = await api.AnswerCallbackQuery(press.CallbackQuery!.Id, "Eingetragen", false, None);

        Assert.True(answered.Value);
        Assert.Equal("Eingetragen", fake.AnswerTo(press.CallbackQuery.Id)?.Text);
    }

    [Fact]
    public async Task AnswerCallbackQuery_WithTextOver200Characters_ReturnsBadRequest()
    {
        var sent = await SendWithButton(Alice, "Kommst du?");
        var press = fake.UserPresses(Alice, Alice, sent.MessageId, "rsvp:1:yes");

        var answered = await api.AnswerCallbackQuery(press.CallbackQuery!.Id, new string('x', 201), false, None);

        Assert.Equal(BotApiErrorKind.BadRequest, answered.Error?.Kind);
    }

    [Fact]
    public async Task DeleteMessage_RemovesTheMessageFromTheChat()
    {
        var sent = await api.SendMessage(new OutgoingMessage(Alice, "Hallo"), None);

        var deleted = await api.DeleteMessage(Alice, sent.Value!.MessageId, None);

        Assert.True(deleted.Value);
        Assert.Empty(fake.ShownMessages(Alice));
    }

    [Fact]
    public async Task SetMyCommands_StoresTheListPerScopeAndLanguage()
    {
        BotCommand[] german = [new("events", "Termine"), new("help", "Hilfe")];

        var set = await api.SetMyCommands(german, BotCommandScope.AllPrivateChats(), "de", None);

        Assert.True(set.Value);
        Assert.Equal(german.Select(c => (c.Command, c.Description)), fake.CommandsFor(BotCommandScope.AllPrivateChats(), "de")!.Select(c => (c.Command, c.Description)));
        Assert.Null(fake.CommandsFor(BotCommandScope.AllPrivateChats(), "en"));
    }

    [Fact]
    public async Task SetMyCommands_WithUpperCaseName_ReturnsBadRequest()
    {
        var set = await api.SetMyCommands([new("NewEvent", "Termin anlegen")], BotCommandScope.Default(), null, None);

        Assert.Equal(BotApiErrorKind.BadRequest, set.Error?.Kind);
    }

    [Fact]
    public async Task SetWebhook_ThenDeleteWebhook_LeavesNoWebhook()
    {
        var set = await api.SetWebhook("https://bot.example.org/telegram", "s3cret_token", [UpdateType.Message, UpdateType.CallbackQuery], 40, None);
        var urlWhileSet = fake.WebhookUrl;

        var deleted = await api.DeleteWebhook(dropPendingUpdates: false, None);

        Assert.True(set.Value);
        Assert.True(deleted.Value);
        Assert.Equal("https://bot.example.org/telegram", urlWhileSet);
        Assert.Equal("", fake.WebhookUrl);
    }

    [Fact]
    public async Task SetWebhook_WithPlainHttp_ReturnsBadRequest()
    {
        var set = await api.SetWebhook("http://bot.example.org/telegram", "s3cret", [], 40, None);

        Assert.Equal(BotApiErrorKind.BadRequest, set.Error?.Kind);
    }

    [Fact]
    public async Task Logs_AtTraceLevel_NeverContainTheToken()
    {
        var unreachable = Client(RefusedBaseUrl(), fake.Token);
        fake.TooManyRequests(3, method: "getMe");
        fake.Block(Alice);

        await api.GetMe(None);
        await api.GetUpdates(0, 0, [], None);
        await api.SendMessage(new OutgoingMessage(Alice, "Hallo"), None);
        await api.SendMessage(new OutgoingMessage(Group, "<b>kaputt"), None);
        await unreachable.SendMessage(new OutgoingMessage(Alice, "Hallo"), None);

        var secret = fake.Token.Split(':')[1];
        Assert.Contains(logs.Entries, e => e.Text.Contains("sendMessage", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Text.Contains(secret, StringComparison.Ordinal));
    }

    private async Task<Message> SendWithButton(long chatId, string text)
    {
        var sent = await api.SendMessage(new OutgoingMessage(chatId, text) { ReplyMarkup = Keyboard(("Ja", "rsvp:1:yes")) }, None);
        return sent.Value ?? throw new InvalidOperationException(sent.ToString());
    }

    private static InlineKeyboardMarkup Keyboard(params (string Text, string Data)[] buttons) =>
        new(buttons.Select(b => (IReadOnlyList<InlineKeyboardButton>)[new InlineKeyboardButton(b.Text) { CallbackData = b.Data }]).ToArray());

    private IBotApi Client(string baseUrl, string token)
    {
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs))
            .Configure<TelegramOptions>(o =>
            {
                o.ApiBaseUrl = baseUrl;
                o.BotToken = token;
            })
            .AddBotApiClient()
            .BuildServiceProvider();
        owned.Add(services);
        return services.GetRequiredService<IBotApi>();
    }

    // Built by hand only where a test needs a short call timeout.
    private BotApi DirectClient(TimeSpan callTimeout)
    {
        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        owned.Add(new DisposeOnce(http));
        var client = new TelegramBotClient(new TelegramBotClientOptions(fake.Token, fake.BaseUrl) { RetryCount = 0 }, http);
        var options = Options.Create(new TelegramOptions { ApiBaseUrl = fake.BaseUrl, BotToken = fake.Token });
        return new BotApi(client, options, NullLogger<BotApi>.Instance) { CallTimeout = callTimeout };
    }

    // A port that was just free: nothing listens there, so connecting is refused at once.
    private static string RefusedBaseUrl()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }

    private sealed class DisposeOnce(IDisposable disposable) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            disposable.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
