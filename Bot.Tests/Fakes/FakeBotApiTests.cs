using System.Net.Http.Json;
using System.Text.Json;

namespace Bot.Tests.Fakes;

/// <summary>What the fake promises beyond the client tests: Telegram's behaviour that other tests rely on.</summary>
public sealed class FakeBotApiTests : IAsyncLifetime
{
    private const long Alice = 1001;
    private readonly HttpClient http = new();
    private FakeBotApi fake = null!;

    public async Task InitializeAsync() => fake = await FakeBotApi.Start();

    public async Task DisposeAsync()
    {
        http.Dispose();
        await fake.DisposeAsync();
    }

    [Fact]
    public async Task UnknownMethod_AnswersNotFound()
    {
        var (status, answer) = await Post("sendPigeon", new { });

        Assert.Equal(404, status);
        Assert.Equal("Not Found", answer.GetProperty("description").GetString());
    }

    [Fact]
    public async Task WrongToken_AnswersUnauthorized()
    {
        var (status, answer) = await Post("getMe", new { }, token: "1:wrong");

        Assert.Equal(401, status);
        Assert.False(answer.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task GetWebhookInfo_ReportsTheWebhookAndPendingUpdates()
    {
        fake.UserSends(Alice, Alice, "/start");
        await Post("setWebhook", new { url = "https://bot.example.org/hook", secret_token = "abc" });

        var (_, answer) = await Post("getWebhookInfo", new { });

        var info = answer.GetProperty("result");
        Assert.Equal("https://bot.example.org/hook", info.GetProperty("url").GetString());
        Assert.Equal(1, info.GetProperty("pending_update_count").GetInt32());
        Assert.Equal("abc", fake.WebhookSecret);
    }

    [Fact]
    public async Task SendMessage_ReturnsEntitiesAndKeyboardLikeTelegram()
    {
        fake.OpenPrivateChat(Alice);
        var keyboard = new { inline_keyboard = new[] { new[] { new { text = "Ja", callback_data = "yes" } } } };

        var (_, answer) = await Post("sendMessage", new { chat_id = Alice, text = "<b>Hi</b>", parse_mode = "HTML", reply_markup = keyboard });

        var message = answer.GetProperty("result");
        Assert.Equal("bold", message.GetProperty("entities")[0].GetProperty("type").GetString());
        Assert.Equal("yes", message.GetProperty("reply_markup").GetProperty("inline_keyboard")[0][0].GetProperty("callback_data").GetString());
    }

    [Fact]
    public async Task SendMessage_ButtonWithoutAction_IsRefused()
    {
        fake.OpenPrivateChat(Alice);
        var keyboard = new { inline_keyboard = new[] { new[] { new { text = "Ja" } } } };

        var (status, _) = await Post("sendMessage", new { chat_id = Alice, text = "Hi", reply_markup = keyboard });

        Assert.Equal(400, status);
    }

    [Fact]
    public async Task SendMessage_WhitespaceOnly_IsRefusedAsEmpty()
    {
        fake.OpenPrivateChat(Alice);

        var (_, answer) = await Post("sendMessage", new { chat_id = Alice, text = "<b> </b>", parse_mode = "HTML" });

        Assert.Equal("Bad Request: message text is empty", answer.GetProperty("description").GetString());
    }

    [Fact]
    public async Task UserSends_AfterBlock_UnblocksThePrivateChat()
    {
        fake.Block(Alice);

        fake.UserSends(Alice, Alice, "/start");
        var (status, _) = await Post("sendMessage", new { chat_id = Alice, text = "Willkommen zurück" });

        Assert.Equal(200, status);
    }

    [Fact]
    public void UserPresses_OnAMessageTheChatDoesNotShow_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => fake.UserPresses(Alice, Alice, 42, "yes"));
    }

    [Fact]
    public async Task AnswerCallbackQuery_Twice_IsRefusedTheSecondTime()
    {
        var message = fake.UserSends(Alice, Alice, "Hallo").Message!;
        var press = fake.UserPresses(Alice, Alice, message.MessageId, "x");

        var (first, _) = await Post("answerCallbackQuery", new { callback_query_id = press.CallbackQuery!.Id });
        var (second, _) = await Post("answerCallbackQuery", new { callback_query_id = press.CallbackQuery.Id });

        Assert.Equal(200, first);
        Assert.Equal(400, second);
    }

    [Fact]
    public async Task Requests_RecordChatTextAndOutcome()
    {
        fake.OpenPrivateChat(Alice);

        await Post("sendMessage", new { chat_id = Alice, text = "Hallo" });

        var request = await fake.WaitForRequest(r => r.Method == "sendMessage");
        Assert.Equal(Alice, request.ChatId);
        Assert.Equal("Hallo", request.Text);
        Assert.True(request.Succeeded);
    }

    [Fact]
    public async Task WaitFor_ConditionThatNeverHolds_Throws()
    {
        await Assert.ThrowsAsync<TimeoutException>(() => fake.WaitFor(() => false, TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public async Task GetUpdates_WithNegativeOffset_KeepsOnlyTheLastUpdates()
    {
        fake.UserSends(Alice, Alice, "eins");
        var last = fake.UserSends(Alice, Alice, "zwei");

        var (_, answer) = await Post("getUpdates", new { offset = -1 });

        Assert.Equal(last.Id, answer.GetProperty("result")[0].GetProperty("update_id").GetInt64());
        Assert.Equal(1, fake.PendingUpdateCount);
    }

    private async Task<(int Status, JsonElement Answer)> Post(string method, object body, string? token = null)
    {
        using var response = await http.PostAsJsonAsync($"{fake.BaseUrl}/bot{token ?? fake.Token}/{method}", body);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        return ((int)response.StatusCode, answer);
    }
}
