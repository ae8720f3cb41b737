using Bot.Hosting;
using Bot.Http;
using Bot.Telegram;
using Bot.Telegram.Api;
using Bot.Telegram.Updates;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Telegram.Bot.Types.Enums;

namespace Bot.Tests.Telegram;

/// <summary>The pieces of webhook mode an operator meets before any update: the configuration check and the webhook
/// registration at start. The inbox and its lease, in the database, are <see cref="WebhookInboxStorageTests"/>.</summary>
public sealed class WebhookIntakeTests
{
    // Real time, only so that a broken service fails the test instead of hanging it.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("has spaces in it")]
    [InlineData("umlaut_ä")]
    [InlineData("semi;colon")]
    public void WebhookMode_WithoutAUsableSecret_StopsTheStartNamingTheKey(string? secret)
    {
        var result = new TelegramOptionsValidator().Validate(null, new TelegramOptions { Mode = UpdateMode.Webhook, WebhookSecret = secret });

        Assert.True(result.Failed);
        Assert.Contains("Telegram:WebhookSecret", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("A-Z, a-z, 0-9, _ and -", result.FailureMessage, StringComparison.Ordinal);
        if (!string.IsNullOrEmpty(secret))
        {
            Assert.DoesNotContain(secret, result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task WebhookMode_WithoutSecret_TheProgramExitsWithTheConfigurationCode()
    {
        var folder = Directory.CreateTempSubdirectory("bot-webhook-config-").FullName;
        try
        {
            var exit = await BotProgram.Run(
            [
                "--Telegram:BotToken=" + Fakes.FakeBotApi.DefaultToken,
                "--Telegram:Mode=Webhook",
                "--Urls=http://127.0.0.1:0",
                "--ConnectionStrings:Bot=Data Source=" + Path.Combine(folder, "bot.db"),
            ]);

            Assert.Equal(BotProgram.ExitConfiguration, exit);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void WebhookMode_SecretTooLong_IsRefused_AndTheLongestAllowedIsAccepted()
    {
        var validator = new TelegramOptionsValidator();

        var tooLong = validator.Validate(null, new TelegramOptions { Mode = UpdateMode.Webhook, WebhookSecret = new string('a', 257) });
        var longest = validator.Validate(null, new TelegramOptions { Mode = UpdateMode.Webhook, WebhookSecret = new string('a', 256) });
        var polling = validator.Validate(null, new TelegramOptions { Mode = UpdateMode.Polling, WebhookSecret = null });

        Assert.True(tooLong.Failed);
        Assert.True(longest.Succeeded);
        Assert.True(polling.Succeeded);
    }

    [Fact]
    public void Secret_ComparesEqualOnlyToItself()
    {
        Assert.True(WebhookEndpoint.SecretMatches("s3cret_-X", "s3cret_-X"));
        Assert.False(WebhookEndpoint.SecretMatches("s3cret_-x", "s3cret_-X"));
        Assert.False(WebhookEndpoint.SecretMatches("", "s3cret_-X"));
        Assert.False(WebhookEndpoint.SecretMatches("", ""));
    }

    [Fact]
    public async Task Registration_TelegramUnreachable_TriesAgainWithGrowingPauses_UntilItAnswers()
    {
        var clock = new FakeTimeProvider();
        var calls = new List<(string Url, string Secret, IReadOnlyList<UpdateType> Types)>();
        var api = new Mock<IBotApi>();
        var answers = new Queue<BotApiResult<bool>>([Failure(BotApiErrorKind.Network, 0), Failure(BotApiErrorKind.ServerError, 502), BotApiResult<bool>.Ok(true)]);
        api.Setup(a => a.SetWebhook(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<IReadOnlyList<UpdateType>>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .Returns((string url, string secret, IReadOnlyList<UpdateType> types, int connections, CancellationToken _) =>
            {
                lock (calls)
                {
                    calls.Add((url, secret, types));
                    return Task.FromResult(answers.Dequeue());
                }
            });
        var registration = Registration(api.Object, clock);

        await registration.StartAsync(CancellationToken.None);
        await Eventually(() => clock.PendingTimers == 1, "the first pause");
        var afterFirst = Count(calls);
        clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually(() => Count(calls) == 2 && clock.PendingTimers == 1, "the second pause");
        clock.Advance(TimeSpan.FromSeconds(1));
        var beforeSecondPauseEnded = Count(calls);
        clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually(() => registration.RegisteredUrl is not null, "the webhook set");
        await registration.StopAsync(CancellationToken.None);

        Assert.Equal(1, afterFirst);
        Assert.Equal(2, beforeSecondPauseEnded);
        Assert.Equal(3, calls.Count);
        Assert.All(calls, c => Assert.Equal("https://bot.example.org/telegram/webhook", c.Url));
        Assert.All(calls, c => Assert.Equal("topsecret_1", c.Secret));
        Assert.All(calls, c => Assert.Equal(PollingReceiver.AllowedUpdates, c.Types));
    }

    [Fact]
    public async Task Registration_UrlRefusedByTelegram_GivesUpInsteadOfHammering()
    {
        var clock = new FakeTimeProvider();
        var api = new Mock<IBotApi>();
        api.Setup(a => a.SetWebhook(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<IReadOnlyList<UpdateType>>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Failure(BotApiErrorKind.BadRequest, 400));
        var registration = Registration(api.Object, clock);

        await registration.StartAsync(CancellationToken.None);
        await (registration.ExecuteTask ?? Task.CompletedTask).WaitAsync(Patience);
        clock.Advance(TimeSpan.FromHours(1));
        await registration.StopAsync(CancellationToken.None);

        api.Verify(a => a.SetWebhook(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<IReadOnlyList<UpdateType>>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Once());
        Assert.Null(registration.RegisteredUrl);
    }

    private static WebhookRegistration Registration(IBotApi api, TimeProvider clock)
    {
        var lifetime = new Mock<IHostApplicationLifetime>();
        lifetime.Setup(l => l.ApplicationStarted).Returns(new CancellationToken(canceled: true));
        var bot = Options.Create(new BotOptions { PublicUrl = "https://bot.example.org/" });
        var links = new FeedLinks(bot, new ConfigurationBuilder().Build());
        return new WebhookRegistration(
            api,
            lifetime.Object,
            new ServiceCollection().BuildServiceProvider(),
            links,
            bot,
            Options.Create(new TelegramOptions { Mode = UpdateMode.Webhook, WebhookSecret = "topsecret_1" }),
            clock,
            NullLogger<WebhookRegistration>.Instance);
    }

    private static BotApiResult<bool> Failure(BotApiErrorKind kind, int status) =>
        BotApiResult<bool>.Fail(new BotApiError(kind, status, kind == BotApiErrorKind.BadRequest ? "Bad Request: bad webhook: An HTTPS URL must be provided for webhook" : "unreachable"));

    private static int Count<T>(List<T> list)
    {
        lock (list)
        {
            return list.Count;
        }
    }

    private static async Task Eventually(Func<bool> condition, string what)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            if (TimeProvider.System.GetElapsedTime(started) > Patience)
            {
                throw new TimeoutException($"Waited {Patience.TotalSeconds} s for {what}.");
            }

            await Task.Delay(10);
        }
    }
}
