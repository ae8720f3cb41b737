using System.Net;
using System.Text;
using System.Text.Json;
using Bot.Telegram.Updates;
using Bot.Tests.Chapters;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Bot.Tests.Telegram;

/// <summary>Webhook mode end to end: the real host on a loopback port, the fake posting updates to it as Telegram
/// does.</summary>
public class WebhookTests : IDisposable
{
    /// <summary>The server the tests run on in <see cref="WebhookTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private const long Admin = TestBot.AdminId;
    private const long Alice = 7001;
    private const string Agree = "✅ Zustimmen und Landesverband beitreten";

    private readonly HttpClient http = new();

    public void Dispose() => http.Dispose();

    [Fact]
    public async Task NewMember_JoinsThroughTheWebhook_StartAndButtonGetTheirAnswers()
    {
        await using var bot = await TestBot.StartWithWebhook(postgres: Postgres);
        var payload = await bot.Invite(Admin);

        var notice = await bot.Write(Alice, "/start " + payload);
        await bot.Press(Alice, notice, Agree);

        Assert.StartsWith("🔒 Bevor du Landesverband beitrittst", notice.Text);
        Assert.StartsWith("🎉 Willkommen bei Landesverband!", bot.Api.SentMessages(Alice)[^1].Text);
        Assert.True(await bot.Db(db => db.Memberships.AnyAsync(m => m.UserId == Alice)));
        Assert.Empty(bot.Api.RequestsOf("getUpdates"));
        Assert.All(bot.Api.WebhookDeliveries, d => Assert.Equal(HttpStatusCode.OK, d.Status));
        Assert.Equal(0, await bot.Db(db => db.WebhookInbox.CountAsync()));
    }

    [Fact]
    public async Task Start_SetsTheWebhook_WithItsUrlTheUpdateTypesAndTheSecret_AndLogsNeitherSecretNorToken()
    {
        await using var bot = await TestBot.StartWithWebhook(postgres: Postgres);

        var call = JsonDocument.Parse(bot.Api.RequestsOf("setWebhook").Single().Body).RootElement;

        Assert.Equal(new Uri(bot.HttpAddress, "/telegram/webhook").ToString(), call.GetProperty("url").GetString());
        Assert.Equal(["message", "callback_query", "my_chat_member"], call.GetProperty("allowed_updates").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(TestBot.WebhookSecret, call.GetProperty("secret_token").GetString());
        Assert.Equal(TestBot.WebhookSecret, bot.Api.WebhookSecret);
        // Telegram's most: a burst from many chats arrives together and is stored in few transactions.
        Assert.Equal(100, call.GetProperty("max_connections").GetInt32());
        // The log line follows Telegram's answer, which may come a moment after the request is recorded.
        await bot.Api.WaitFor(() => bot.Logs.Entries.Any(e => e.Text.StartsWith("Webhook set", StringComparison.Ordinal)), what: "the log that the webhook is set");
        Assert.DoesNotContain(bot.Logs.Entries, e => e.Text.Contains(TestBot.WebhookSecret, StringComparison.Ordinal));
        Assert.DoesNotContain(bot.Logs.Entries, e => e.Text.Contains(bot.Api.Token.Split(':')[1], StringComparison.Ordinal));
    }

    [Fact]
    public async Task RedeliveredUpdate_ChangesNothing()
    {
        await using var bot = await TestBot.StartWithWebhook(postgres: Postgres);
        var start = bot.Api.UserSends(Alice, Alice, "/start");
        await bot.Settle(start);

        bot.Api.EnqueueUpdate(start);
        await bot.Api.WaitFor(() => bot.Api.WebhookDeliveries.Count(d => d.UpdateId == start.Id) == 2, what: "the redelivery");
        // A later update of the chat is applied after anything stored before it.
        await bot.Write(Alice, "/help");

        Assert.Equal(HttpStatusCode.OK, bot.Api.WebhookDeliveries.Last(d => d.UpdateId == start.Id).Status);
        Assert.Equal(2, bot.Api.SentMessages(Alice).Count);
        Assert.Equal(0, await bot.Db(db => db.WebhookInbox.CountAsync()));
    }

    [Fact]
    public async Task WrongOrMissingSecret_Gets401_AndNothingHappens()
    {
        await using var bot = await TestBot.StartWithWebhook(postgres: Postgres);
        var id = bot.Api.NextUpdateId();
        var forged = Message(id, Alice, "/start");

        var wrong = await Post(bot, forged, secret: "not_the_secret");
        var missing = await Post(bot, forged, secret: null);
        var almost = await Post(bot, forged, secret: TestBot.WebhookSecret + "x");
        await bot.Write(Alice, "/help");

        Assert.Equal(HttpStatusCode.Unauthorized, wrong);
        Assert.Equal(HttpStatusCode.Unauthorized, missing);
        Assert.Equal(HttpStatusCode.Unauthorized, almost);
        Assert.Single(bot.Api.SentMessages(Alice));
        Assert.DoesNotContain("Willkommen", bot.Api.SentMessages(Alice)[0].Text, StringComparison.Ordinal);
        Assert.False(await bot.Db(db => db.ProcessedUpdates.AnyAsync(p => p.UpdateId == id)));
        Assert.Equal(0, await bot.Db(db => db.WebhookInbox.CountAsync()));
    }

    [Theory]
    [InlineData("{\"update_id\": 12, \"message\": ")]
    [InlineData("not json at all")]
    [InlineData("[]")]
    [InlineData("{\"message\": {\"text\": \"no id\"}}")]
    [InlineData("{\"update_id\": \"twelve\"}")]
    [InlineData("")]
    public async Task MalformedBody_Gets400_AndIsLogged(string body)
    {
        await using var bot = await TestBot.StartWithWebhook(postgres: Postgres);

        var status = await Post(bot, body, TestBot.WebhookSecret);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(bot.Logs.Entries, e => e.Level == LogLevel.Warning && e.Text.Contains("is not an update", StringComparison.Ordinal));
        Assert.Equal(0, await bot.Db(db => db.WebhookInbox.CountAsync()));
    }

    [Fact]
    public async Task OversizedBody_IsRefused()
    {
        await using var bot = await TestBot.StartWithWebhook(postgres: Postgres);
        var huge = Message(bot.Api.NextUpdateId(), Alice, new string('x', 2 * 1024 * 1024));

        var status = await Post(bot, huge, TestBot.WebhookSecret);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal(0, await bot.Db(db => db.WebhookInbox.CountAsync()));
    }

    [Fact]
    public async Task Answer_ComesBeforeTheUpdateIsApplied_AndAStoredRedeliveryIsKeptOnce()
    {
        var gate = new Gate();
        await using var bot = await TestBot.StartWithWebhook(services: gate.Install, postgres: Postgres);
        var id = bot.Api.NextUpdateId();
        var start = Message(id, Alice, "/start");
        bot.Api.OpenPrivateChat(Alice);

        // Applying is held at the gate: the 200s below cannot have waited for it.
        var first = await Post(bot, start, TestBot.WebhookSecret);
        var again = await Post(bot, start, TestBot.WebhookSecret);
        var storedWhileHeld = await bot.Db(db => db.WebhookInbox.Select(u => u.UpdateId).ToListAsync());
        var processedWhileHeld = await bot.Db(db => db.ProcessedUpdates.AnyAsync(p => p.UpdateId == id));
        gate.Open();
        await bot.Api.WaitForMessage(Alice);
        await bot.Write(Alice, "/help");

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal([(long)id], storedWhileHeld);
        Assert.False(processedWhileHeld);
        Assert.Contains("Willkommen", bot.Api.SentMessages(Alice)[0].Text, StringComparison.Ordinal);
        Assert.Equal(2, bot.Api.SentMessages(Alice).Count);
        Assert.Equal(0, await bot.Db(db => db.WebhookInbox.CountAsync()));
    }

    [Fact]
    public async Task Restart_AppliesUpdatesStoredButNotYetApplied()
    {
        var gate = new Gate();
        await using var bot = await TestBot.StartWithWebhook(services: gate.Install, postgres: Postgres);
        var id = bot.Api.NextUpdateId();
        bot.Api.OpenPrivateChat(Alice);
        Assert.Equal(HttpStatusCode.OK, await Post(bot, Message(id, Alice, "/start"), TestBot.WebhookSecret));

        await bot.StopHost();
        Assert.Empty(bot.Api.SentMessages(Alice));
        gate.Open();
        await bot.StartHost();
        await bot.Api.WaitForMessage(Alice);

        Assert.Contains("Willkommen", bot.Api.SentMessages(Alice)[0].Text, StringComparison.Ordinal);
        Assert.True(await bot.Db(db => db.ProcessedUpdates.AnyAsync(p => p.UpdateId == id)));
        await bot.Api.WaitFor(() => bot.Db(db => db.WebhookInbox.AnyAsync()).Result == false, what: "the inbox emptied");
    }

    [Fact]
    public async Task SwitchedBackToPolling_StoredUpdatesAreStillApplied_AndTheWebhookIsRemoved()
    {
        var gate = new Gate();
        await using var bot = await TestBot.StartWithWebhook(services: gate.Install, postgres: Postgres);
        var id = bot.Api.NextUpdateId();
        bot.Api.OpenPrivateChat(Alice);
        Assert.Equal(HttpStatusCode.OK, await Post(bot, Message(id, Alice, "/start"), TestBot.WebhookSecret));

        await bot.StopHost();
        gate.Open();
        await bot.Restart(new Dictionary<string, string?> { ["Telegram:Mode"] = "Polling" });
        await bot.Api.WaitForMessage(Alice);

        Assert.Contains("Willkommen", bot.Api.SentMessages(Alice)[0].Text, StringComparison.Ordinal);
        Assert.Equal("", bot.Api.WebhookUrl);
        await bot.Api.WaitFor(() => bot.Db(db => db.WebhookInbox.AnyAsync()).Result == false, what: "the inbox emptied");
    }

    private async Task<HttpStatusCode> Post(TestBot bot, string body, string? secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(bot.HttpAddress, "/telegram/webhook"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (secret is not null)
        {
            request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
        }

        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static string Message(int updateId, long userId, string text) => JsonSerializer.Serialize(
        new Update
        {
            Id = updateId,
            Message = new Message
            {
                Id = 1,
                Date = new DateTime(2025, 1, 6, 9, 0, 0, DateTimeKind.Utc),
                Chat = new Chat { Id = userId, Type = global::Telegram.Bot.Types.Enums.ChatType.Private },
                From = new User { Id = userId, FirstName = "Alice", LanguageCode = "de" },
                Text = text,
            },
        },
        JsonBotAPI.Options);

    /// <summary>Holds every batch of updates before it is applied until the test opens it.</summary>
    private sealed class Gate
    {
        private readonly TaskCompletionSource open = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Open() => open.TrySetResult();

        public void Install(IServiceCollection services)
        {
            services.AddSingleton<UpdateProcessor>();
            services.AddSingleton<IUpdateHandler>(sp => new Held(sp.GetRequiredService<UpdateProcessor>(), open.Task));
        }

        private sealed class Held(UpdateProcessor inner, Task open) : IUpdateHandler
        {
            public async Task<int> Handle(IReadOnlyList<Update> updates, CancellationToken stop)
            {
                await open.WaitAsync(stop);
                return await inner.Handle(updates, stop);
            }

            public async Task Handle(Update update, CancellationToken ct)
            {
                await open.WaitAsync(ct);
                await inner.Handle(update, ct);
            }
        }
    }
}

[Collection(PostgreSqlServer.Collection)]
public sealed class WebhookTestsOnPostgreSql(PostgreSqlServer postgres) : WebhookTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
