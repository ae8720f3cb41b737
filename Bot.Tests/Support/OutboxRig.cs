using System.Globalization;
using Bot.Hosting;
using Bot.Persistence;
using Bot.Telegram.Outbox;
using Bot.Telegram.Rendering;
using Bot.Tests.Fakes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Support;

/// <summary>The outbound pipeline wired as in production (options, database, Bot API client over HTTP, outbox,
/// dispatcher) against a <see cref="FakeBotApi"/>, on a clock the test moves. Only the database and the
/// dispatcher run: no polling and no startup calls, so every request the fake sees and every timer on the clock
/// is the dispatcher's.</summary>
public sealed class OutboxRig : IAsyncDisposable
{
    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(10);

    /// <summary>The first run of each path (JIT, EF Core compiling the dispatcher's queries, the first connection)
    /// takes longer than a test may wait for a settled dispatcher; a throwaway rig runs them once per test process.</summary>
    private static readonly Lazy<Task> WarmUp = new(async () =>
    {
        await using var rig = await Create(null);
        rig.Api.Block(2);
        await rig.Commit(o =>
        {
            o.Send(1, Html.Text("warm"));
            o.Send(2, Html.Text("warm"));
        });
        await rig.WaitForDb(db => db.Outbox.AllAsync(o => o.Status != OutboxStatus.Pending), "the warm-up sends");
        var sent = await rig.Api.WaitForMessage(1);
        await rig.Commit(o => o.Edit(1, sent.MessageId, Html.Text("warmer")));
        await rig.WaitForDb(db => db.Outbox.AllAsync(o => o.Status != OutboxStatus.Pending), "the warm-up edit");
    });

    private readonly string folder = Directory.CreateTempSubdirectory("bot-outbox-").FullName;
    private IHost? host;
    private PostgreSqlServer? postgres;
    private string? database;

    private OutboxRig(FakeTimeProvider clock, FakeBotApi api)
    {
        Clock = clock;
        Api = api;
    }

    private string ConnectionString => database ?? $"Data Source={Path.Combine(folder, "bot.db")}";

    public FakeTimeProvider Clock { get; }

    public FakeBotApi Api { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public IServiceProvider Services => host?.Services ?? throw new InvalidOperationException("The rig is not running.");

    public OutboxDispatcher Dispatcher => Services.GetRequiredService<OutboxDispatcher>();

    /// <summary>Clock time since the rig started.</summary>
    public TimeSpan Elapsed => Clock.GetUtcNow() - FakeTimeProvider.DefaultStart;

    /// <summary>Starts the rig; <paramref name="limits"/> overrides keys of <c>Telegram:Limits</c>, e.g. MaxAttempts. On a
    /// fresh database of <paramref name="postgres"/> when given, otherwise on a SQLite file of its own.</summary>
    public static async Task<OutboxRig> Start(IDictionary<string, string?>? limits = null, PostgreSqlServer? postgres = null)
    {
        await WarmUp.Value;
        return await Create(limits, postgres);
    }

    private static async Task<OutboxRig> Create(IDictionary<string, string?>? limits, PostgreSqlServer? postgres = null)
    {
        var clock = new FakeTimeProvider();
        var rig = new OutboxRig(clock, await FakeBotApi.Start(clock: clock)) { postgres = postgres };
        if (postgres is not null)
        {
            rig.database = await postgres.CreateDatabase();
        }

        // Every user here pressed Start long ago; the tests that need a refusing chat say so.
        rig.Api.PrivateChatsNeedStart = false;
        await rig.StartHost(limits ?? new Dictionary<string, string?>());
        await rig.Settle();
        return rig;
    }

    /// <summary>Takes SQLite's writer from outside the bot until disposed, as a long transaction of another worker
    /// would: the bot's writes wait for it, up to the busy timeout. On PostgreSQL, the outbox's: every write to it
    /// waits, reading goes on.</summary>
    public async Task<IAsyncDisposable> HoldWriter()
    {
        if (database is not null)
        {
            var holder = new Npgsql.NpgsqlConnection(database);
            await holder.OpenAsync();
            await using var begin = holder.CreateCommand();
            begin.CommandText = "BEGIN; LOCK TABLE outbox IN EXCLUSIVE MODE";
            await begin.ExecuteNonQueryAsync();
            return holder; // closing it rolls the transaction back
        }

        var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "bot.db")};Pooling=False");
        await connection.OpenAsync();
        await using (var begin = connection.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync();
        }

        return connection; // closing it rolls the transaction back
    }

    /// <summary>Writes to the outbox in one unit of work, commits it and wakes the dispatcher, as a feature does.</summary>
    public async Task Commit(Action<OutboxWriter> write)
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            write(scope.ServiceProvider.GetRequiredService<OutboxWriter>());
            await scope.ServiceProvider.GetRequiredService<BotDbContext>().SaveChangesAsync();
        }

        Services.GetRequiredService<OutboxSignal>().Notify();
    }

    /// <summary>Adds rows as they are, bypassing <see cref="OutboxWriter"/> (e.g. HTML it would never write), then wakes the
    /// dispatcher.</summary>
    public async Task Insert(params OutboxMessage[] rows)
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            var now = Clock.GetUtcNow().UtcDateTime;
            foreach (var row in rows)
            {
                row.CreatedAt = row.NotBefore = now;
            }

            db.Outbox.AddRange(rows);
            await db.SaveChangesAsync();
        }

        Services.GetRequiredService<OutboxSignal>().Notify();
    }

    /// <summary>Runs <paramref name="query"/> on a fresh context over the rig's database.</summary>
    public async Task<T> Db<T>(Func<BotDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<BotDbContext>());
    }

    /// <summary>Polls <paramref name="condition"/> on a fresh context, in real time, until it holds.</summary>
    public async Task WaitForDb(Func<BotDbContext, Task<bool>> condition, string what)
    {
        var began = TimeProvider.System.GetTimestamp();
        while (!await Db(condition))
        {
            if (TimeProvider.System.GetElapsedTime(began) > FakeBotApi.DefaultWait)
            {
                throw new TimeoutException($"Waited {FakeBotApi.DefaultWait.TotalSeconds:0} s for {what}.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Moves the clock and waits until the dispatcher has done what it can at the new time.</summary>
    public async Task Advance(TimeSpan by)
    {
        // Timers fire inside Advance and the dispatcher's continuations may run there too; off the test framework's
        // synchronization context they do not capture it.
        await Task.Run(() => Clock.Advance(by));
        await Settle();
    }

    /// <summary>Moves the clock to <paramref name="elapsed"/> after the start in steps, calling
    /// <paramref name="observe"/> after each once the dispatcher has settled.</summary>
    public async Task AdvanceTo(TimeSpan elapsed, TimeSpan step, Action? observe = null)
    {
        while (Elapsed < elapsed)
        {
            var left = elapsed - Elapsed;
            await Advance(left < step ? left : step);
            observe?.Invoke();
        }
    }

    /// <summary>Waits until the dispatcher says it is idle: nothing in flight, nothing committed unread, nothing to
    /// do before a time still ahead on the clock. Then what the fake recorded is everything sent up to the clock's
    /// time. The limit is only a guard against a hung test, in real time.</summary>
    public async Task Settle()
    {
        using var limit = new CancellationTokenSource(SettleLimit);
        try
        {
            await Dispatcher.Idle(limit.Token);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            throw new TimeoutException($"The dispatcher did not settle: {Dispatcher.Sending} requests unanswered, {Clock.PendingTimers} timers.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.StopAsync();
            host.Dispose();
        }

        await Api.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (postgres is not null && database is not null)
        {
            await postgres.Drop(database);
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a pool on another thread: the temp folder is cleaned by the OS.
        }
    }

    private async Task StartHost(IDictionary<string, string?> limits)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = Api.Token,
            ["Telegram:ApiBaseUrl"] = Api.BaseUrl,
            ["ConnectionStrings:Bot"] = ConnectionString,
            ["Bot:Admins:0"] = TestBot.AdminId.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in limits)
        {
            settings[$"{OutboxOptions.Section}:{key}"] = value;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        // Not every SQL command: the dispatcher reads the queue on every pass, and some tests make thousands of them.
        builder.Logging.SetMinimumLevel(LogLevel.Debug).AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning).AddProvider(Logs);
        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.AddChapterBot(RunMode.Telegram);
        builder.Services.RemoveAll<IHostedService>();
        builder.Services.AddHostedService<DatabaseMigrator>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        host = builder.Build();
        await host.StartAsync();
    }
}
