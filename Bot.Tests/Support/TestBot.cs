using Bot.Hosting;
using Bot.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Features;
using Bot.Persistence;
using Bot.Tests.Fakes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Support;

/// <summary>The real bot host, wired as in production, against a <see cref="FakeBotApi"/> on loopback and a
/// SQLite file of its own, or a PostgreSQL database of its own on a <see cref="PostgreSqlServer"/>. Restartable on
/// the same database, to test what survives a restart.</summary>
public sealed class TestBot : IAsyncDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("bot-e2e-").FullName;
    private readonly Dictionary<string, string?> settings;
    private readonly Action<IServiceCollection>? services;
    private readonly TimeProvider? clock;
    private PostgreSqlServer? postgres;
    private IHost? host;

    private TestBot(FakeBotApi api, Dictionary<string, string?> settings, Action<IServiceCollection>? services, TimeProvider? clock)
    {
        Api = api;
        this.services = services;
        this.clock = clock;
        this.settings = new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = api.Token,
            ["Telegram:ApiBaseUrl"] = api.BaseUrl,
            ["Telegram:PollingTimeoutSeconds"] = "2",
            ["ConnectionStrings:Bot"] = $"Data Source={Path.Combine(folder, "bot.db")}",
            ["Bot:Admins:0"] = AdminId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Bot:RootChapter"] = "Landesverband",
            ["Bot:DefaultLanguage"] = "de",
            // Tests send reminders by calling the sweep with the time they mean; Jobs/ReminderSchedulerTests starts Quartz.
            ["Jobs:AutoStart"] = "false",
        };
        foreach (var (key, value) in settings)
        {
            this.settings[key] = value;
        }
    }

    /// <summary>The user made admin of the root chapter by configuration.</summary>
    public const long AdminId = 1000;

    public FakeBotApi Api { get; }

    /// <summary>The clock the bot runs on: data a test writes straight into the database takes its times from here,
    /// so that it lies in the fake clock's story and not on the day the test happens to run.</summary>
    public TimeProvider Clock => clock ?? TimeProvider.System;

    public CapturingLoggerProvider Logs { get; } = new();

    public IServiceProvider Services => host?.Services ?? throw new InvalidOperationException("The bot is not running.");

    /// <summary>Where the bot's HTTP server listens, when started with <c>Urls</c>.</summary>
    public Uri HttpAddress => new(Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
        .Features.GetRequiredFeature<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>().Addresses.First());

    /// <summary>The connection string the bot runs on.</summary>
    public string ConnectionString => settings["ConnectionStrings:Bot"]!;

    private bool disposed;

    /// <summary>Starts the bot, on a fresh database of <paramref name="postgres"/> when given, else on SQLite.</summary>
    public static async Task<TestBot> Start(
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null,
        TimeProvider? clock = null,
        PostgreSqlServer? postgres = null)
    {
        var api = await FakeBotApi.Start(clock: clock);
        var bot = new TestBot(api, new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()), services, clock);
        if (postgres is not null)
        {
            bot.postgres = postgres;
            bot.settings["ConnectionStrings:Bot"] = await postgres.CreateDatabase();
        }

        await bot.StartHost();
        return bot;
    }

    /// <summary>The bot in webhook mode on a free loopback port, against a fake that accepts plain-HTTP webhooks (as a
    /// local Bot API server does), on a fresh database of <paramref name="postgres"/> when given, else on SQLite;
    /// returns once the bot has set its webhook.</summary>
    public static async Task<TestBot> StartWithWebhook(
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null,
        PostgreSqlServer? postgres = null)
    {
        var api = await FakeBotApi.Start();
        api.LocalMode = true;
        var all = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Telegram:Mode"] = "Webhook",
            ["Telegram:WebhookSecret"] = WebhookSecret,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var bot = new TestBot(api, all, services, clock: null);
        if (postgres is not null)
        {
            bot.postgres = postgres;
            bot.settings["ConnectionStrings:Bot"] = await postgres.CreateDatabase();
        }

        await bot.StartHost();
        await api.WaitFor(() => api.WebhookUrl.Length > 0, what: "the bot to set its webhook");
        return bot;
    }

    /// <summary>The secret <see cref="StartWithWebhook"/> configures.</summary>
    public const string WebhookSecret = "e2e_webhook-secret_4f1c9a";

    public async Task StartHost()
    {
        // With Urls set (e.g. http://127.0.0.1:0, a free port) the bot is the ASP.NET Core host it is in production,
        // serving /healthz and the feeds; without, a plain host, as most tests need no HTTP.
        var web = settings.ContainsKey("Urls") ? WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = folder }) : null;
        IHostApplicationBuilder builder = web is not null ? web : Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        if (!settings.ContainsKey("Telegram:CallbackPatience"))
        {
            // Tests read what a press answers; on a busy machine an update can wait a second to be applied, and then the
            // acknowledgement would answer instead. Tests of the acknowledgement set their own patience.
            settings["Telegram:CallbackPatience"] = "00:01:00";
        }

        if (clock is not null && !settings.ContainsKey("Telegram:Limits:IdlePoll"))
        {
            // New messages wake the dispatcher at once; its idle poll only finds due retries. On a clock a test moves
            // by days, a short poll would replay thousands of empty passes.
            settings["Telegram:Limits:IdlePoll"] = "00:30:00";
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Debug).AddProvider(Logs);
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        builder.AddChapterBot(RunMode.Telegram);
        if (clock is not null)
        {
            // Polling is paced against the network, not the story a test tells with its clock: a poll loop waiting
            // on a clock that only moves when the test says so would stop receiving.
            builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<Bot.Telegram.Updates.PollingReceiver>(sp, TimeProvider.System));
            builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<Bot.Telegram.Updates.InboxWorker>(sp, TimeProvider.System));
        }

        services?.Invoke(builder.Services);
        if (web is not null)
        {
            var app = web.Build();
            app.MapHttpEndpoints();
            host = app;
        }
        else
        {
            host = ((HostApplicationBuilder)builder).Build();
        }

        await host.StartAsync();
    }

    public async Task StopHost()
    {
        if (host is not null)
        {
            await host.StopAsync();
            host.Dispose();
            host = null;
        }
    }

    /// <summary>Stops the bot and starts it again on the same database, with <paramref name="changes"/> to its
    /// configuration if given.</summary>
    public async Task Restart(IDictionary<string, string?>? changes = null)
    {
        await StopHost();
        foreach (var (key, value) in changes ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        await StartHost();
    }

    /// <summary>The bot's database on disk: the SQLite file and, while it runs, its write-ahead log.</summary>
    public IReadOnlyList<string> DatabaseFiles => Directory.GetFiles(folder, "bot.db*");

    /// <summary>Runs <paramref name="query"/> on a fresh context over the bot's database.</summary>
    public async Task<T> Db<T>(Func<BotDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        return await query(db);
    }

    /// <summary>Polls the bot's database until <paramref name="condition"/> holds; a guard against hanging, not a
    /// measure of time: it decides nothing but failing when the bot never gets there.</summary>
    public async Task WaitForDb(Func<BotDbContext, Task<bool>> condition, TimeSpan? timeout = null, string? what = null)
    {
        var limit = timeout ?? FakeBotApi.DefaultWait;
        var started = TimeProvider.System.GetTimestamp();
        while (!await Db(condition))
        {
            if (TimeProvider.System.GetElapsedTime(started) > limit)
            {
                throw new TimeoutException($"Waited {limit.TotalSeconds:0.#} s for {what ?? "the database"}.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Telegram's pace lifted, for tests about something else: at 20 messages a minute into a group, ten
    /// messages there take half a minute.</summary>
    public static Dictionary<string, string?> Unpaced() => new()
    {
        ["Telegram:Limits:PerGroupPerMinute"] = "6000",
        ["Telegram:Limits:PerChatPerSecond"] = "100",
        // Bursts large enough that a test on a clock that does not move is never held back by pacing.
        ["Telegram:Limits:PerChatBurst"] = "100",
        ["Telegram:Limits:GlobalPerSecond"] = "1000",
    };

    /// <summary>The user writes in their private chat and the test waits for the bot's next message there.</summary>
    public Task<FakeMessage> Ask(long userId, string text, string? languageCode = "de") => AskIn(userId, userId, text, languageCode);

    /// <summary>The user writes in a chat (a group, say) and the test waits for the bot's next message there.</summary>
    public async Task<FakeMessage> AskIn(long userId, long chatId, string text, string? languageCode = "de")
    {
        var before = Api.SentMessages(chatId).Count;
        Api.UserSends(userId, chatId, text, languageCode);
        await Api.WaitFor(() => Api.SentMessages(chatId).Count > before, what: $"a reply to '{text}'");
        return Api.SentMessages(chatId)[before];
    }

    public async ValueTask DisposeAsync()
    {
        // A test that stops one of several instances on purpose disposes it early, and again at its end.
        if (disposed)
        {
            return;
        }

        disposed = true;
        await StopHost();
        await Api.DisposeAsync();
        if (postgres is not null)
        {
            await postgres.Drop(ConnectionString);
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a pool on another thread: the temp folder is cleaned by the OS.
        }
    }
}

/// <summary>Replaces a service the way a test needs it.</summary>
public static class TestServices
{
    public static void Replace<TService, TImplementation>(this IServiceCollection services)
        where TService : class where TImplementation : class, TService =>
        services.Replace(ServiceDescriptor.Scoped<TService, TImplementation>());
}
