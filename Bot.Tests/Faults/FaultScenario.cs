using System.Diagnostics;
using System.Globalization;
using Bot.Domain.Messaging;
using Bot.Persistence;
using Bot.Telegram.Outbox;
using Bot.Telegram.Rendering;
using Bot.Telegram.Updates;
using Bot.Tests.Fakes;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Faults;

/// <summary>How big and how hostile a fault run is. The defaults are the issue's: 10% of sends answered 5xx, 5% of
/// members blocked, a 429 storm, one kill.</summary>
public sealed record FaultOptions
{
    public int Members { get; init; } = 10_000;

    /// <summary>Messages per second the bot is configured for and the fake holds it to; above 30 a paid broadcast.</summary>
    public int Rate { get; init; } = 1000;

    public int Seed { get; init; } = 16;
    public int MaxConcurrency { get; init; } = 16;
    public double ServerErrorShare { get; init; } = 0.10;
    public double BlockedShare { get; init; } = 0.05;
    public TimeSpan StormLength { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long the run may take before it is given up; only a bound, never what decides an outcome.</summary>
    public TimeSpan Patience { get; init; } = TimeSpan.FromMinutes(10);
}

/// <summary>What a fault run came to, counted from what the fake received and what the database holds.</summary>
public sealed record FaultReport(string Setup, int Members, int Blocked, int Kills, int MaxConcurrency, int Rate, TimeSpan Elapsed)
{
    public int Requests { get; init; }
    public int ServerErrors { get; init; }
    public bool StormSeen { get; init; }
    public int StormAnswers { get; init; }
    public int PaceAnswers { get; init; }
    public int Unexplained429 { get; init; }
    public int HeldAtKill { get; init; }

    /// <summary>Reachable members without their message.</summary>
    public int Missing { get; init; }

    /// <summary>Messages delivered with another text than the member's.</summary>
    public int WrongText { get; init; }

    /// <summary>Messages delivered a second (third...) time.</summary>
    public int Duplicates { get; init; }

    /// <summary>Blocked chats sent to again by a later process, after an earlier one got their 403 and died.</summary>
    public int BlockedRepeatedAfterKill { get; init; }

    /// <summary>Sends to a blocked chat after the same process got its 403.</summary>
    public int SentAfter403 { get; init; }

    public int RowsSent { get; init; }
    public int RowsUndeliverable { get; init; }

    /// <summary>Rows neither sent nor undeliverable at the end: pending, failed or superseded.</summary>
    public int RowsUnsettled { get; init; }

    /// <summary>What a kill may repeat: the sends in flight, at most MaxConcurrency per kill.</summary>
    public int RepeatBound => MaxConcurrency * Kills;

    /// <summary>The storm's 429s a bot that obeys retry_after gets: the requests in flight when it broke (each slot's
    /// request and the one started in its place before the first 429 came back).</summary>
    public int StormBound => 2 * MaxConcurrency;

    public bool Holds => Missing == 0 && WrongText == 0 && Duplicates + BlockedRepeatedAfterKill <= RepeatBound && SentAfter403 == 0
        && PaceAnswers == 0 && Unexplained429 == 0 && StormSeen && StormAnswers <= StormBound && RowsUnsettled == 0
        && RowsSent == Members - Blocked && RowsUndeliverable == Blocked;

    /// <summary>The report as label and value, for a table.</summary>
    public IReadOnlyList<(string Label, string Value)> Lines()
    {
        var culture = CultureInfo.InvariantCulture;
        return
        [
            ("setup", Setup),
            ("members (blocked)", string.Create(culture, $"{Members:N0} ({Blocked:N0})")),
            ("rate, requests in flight", string.Create(culture, $"{Rate}/s{(Rate > 30 ? " paid" : "")}, {MaxConcurrency}")),
            ("time to settle", string.Create(culture, $"{Elapsed.TotalSeconds:0.0} s")),
            ("sendMessage requests", Requests.ToString("N0", culture)),
            ("answered 5xx", ServerErrors.ToString("N0", culture)),
            ("storm 429s (bound)", string.Create(culture, $"{StormAnswers} ({StormBound}){(StormSeen ? "" : ", no storm")}")),
            ("429s for our pace", PaceAnswers.ToString(culture)),
            ("other 429s", Unexplained429.ToString(culture)),
            ("answers held at the kill", HeldAtKill.ToString(culture)),
            ("members missing", Missing.ToString(culture)),
            ("wrong texts", WrongText.ToString(culture)),
            ("duplicates + blocked re-sent (bound)", string.Create(culture, $"{Duplicates} + {BlockedRepeatedAfterKill} ({RepeatBound})")),
            ("sends after a 403", SentAfter403.ToString(culture)),
            ("rows sent / undeliverable / unsettled", string.Create(culture, $"{RowsSent:N0} / {RowsUndeliverable:N0} / {RowsUnsettled}")),
            ("verdict", Holds ? "holds" : "BROKEN"),
        ];
    }
}

/// <summary>The fault suite's scenarios, shared by the tests (small) and the benchmark program (10,000 members): a
/// reminder's worth of messages queued, the bot started as real processes against the fake Bot API with faults on
/// (5xx by seeded dice, blocked members, a 429 storm, the pace held), the sender killed with SIGKILL while every
/// request it had in flight was delivered and unanswered, and the run waited out until every row settled.</summary>
public sealed class FaultScenario : IAsyncDisposable
{
    private const long FirstMember = 500_000;

    private readonly FaultOptions options;
    private readonly Action<string> log;
    private readonly string folder = Directory.CreateTempSubdirectory("bot-faults-").FullName;
    private readonly List<BotProcess> processes = [];
    private readonly HashSet<long> blocked;
    private FakeBotApi api = null!;
    private FaultPlan plan = null!;

    private FaultScenario(FaultOptions options, Action<string> log)
    {
        this.options = options;
        this.log = log;
        var random = new Random(options.Seed);
        var members = Enumerable.Range(0, options.Members).Select(i => FirstMember + i).ToArray();
        random.Shuffle(members);
        blocked = [.. members.Take((int)Math.Round(options.Members * options.BlockedShare))];
    }

    /// <summary>One instance on SQLite, killed in the middle of the fan-out and started again.</summary>
    public static async Task<FaultReport> KilledAndRestarted(FaultOptions options, Action<string> log)
    {
        await using var scenario = await Create(options, log);
        return await scenario.RunKilledAndRestarted();
    }

    /// <summary>Two instances on one PostgreSQL database (webhook mode, as behind a load balancer); the one that
    /// sends is killed in the middle of the fan-out and the other one finishes it.</summary>
    public static async Task<FaultReport> TwoInstancesOneKilled(FaultOptions options, string postgreSqlConnectionString, Action<string> log)
    {
        await using var scenario = await Create(options, log);
        return await scenario.RunTwoInstancesOneKilled(postgreSqlConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in processes)
        {
            process.Dispose();
        }

        plan.Release();
        await api.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    private static async Task<FaultScenario> Create(FaultOptions options, Action<string> log)
    {
        var scenario = new FaultScenario(options, log);
        scenario.api = await FakeBotApi.Start();
        scenario.plan = new FaultPlan(options.Seed)
        {
            ServerErrors = new Dictionary<string, double> { ["sendMessage"] = options.ServerErrorShare },
            PerSecond = options.Rate,
        };
        scenario.api.Faults = scenario.plan;
        return scenario;
    }

    private async Task<FaultReport> RunKilledAndRestarted()
    {
        var database = $"Data Source={Path.Combine(folder, "bot.db")}";
        // Unpooled: the folder is deleted afterwards, and a pooled connection would keep the file open.
        var connection = database + ";Pooling=False";
        await QueueBroadcast(connection);
        plan.HoldAfter(options.Members / 3);
        var clock = Stopwatch.StartNew();
        var first = Start(new Dictionary<string, string> { ["ConnectionStrings:Bot"] = database });
        var (killedAt, held) = await KillWhenAllInFlightHeld(first);
        Start(new Dictionary<string, string> { ["ConnectionStrings:Bot"] = database });
        await Settled(connection);
        return await Report("SQLite, one instance killed and restarted", connection, killedAt, held, clock.Elapsed);
    }

    private async Task<FaultReport> RunTwoInstancesOneKilled(string connectionString)
    {
        api.LocalMode = true;
        plan.HoldAfter(options.Members / 3);
        var clock = Stopwatch.StartNew();
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Bot"] = connectionString,
            ["Telegram:Mode"] = "Webhook",
            ["Telegram:WebhookSecret"] = "fault-suite-secret",
        };
        // Both at once, as an orchestrator starts them (ComposeOnPostgreSql shows that on an empty database too).
        var instances = new List<BotProcess> { Start(settings), Start(settings) };
        await api.WaitFor(() => api.RequestsOf("setWebhook").Count(r => r.Succeeded) >= 2, options.Patience, "both instances started");

        // Queued once both run: the sender's requests hang from the hold on, and it renews its lease only between
        // requests; had it begun alone, a second instance slow to start on a busy machine could find the lease run
        // out and send beside it, which is the stalled sender's case, not this one.
        await QueueBroadcast(connectionString);
        await api.WaitFor(() => plan.Held >= options.MaxConcurrency, options.Patience, "every request in flight delivered and held");
        // The sender is the holder of the outbox lease; the other instance waits for it to run out.
        var holder = await LeaseHolder(connectionString);
        var sender = instances.Single(i => i.Id == holder);
        var (killedAt, held) = await KillWhenAllInFlightHeld(sender);
        await Settled(connectionString);
        return await Report("PostgreSQL, two instances, the sender killed", connectionString, killedAt, held, clock.Elapsed);
    }

    private BotProcess Start(IReadOnlyDictionary<string, string> settings)
    {
        var process = BotProcess.Start(api, folder, options.MaxConcurrency, options.Rate, settings, log);
        processes.Add(process);
        return process;
    }

    /// <summary>Kills the sender once each of its requests in flight was delivered and none answered: then it dies
    /// knowing the least it can. The faults go on; a storm breaks over whoever sends next.</summary>
    private async Task<(DateTimeOffset KilledAt, int Held)> KillWhenAllInFlightHeld(BotProcess sender)
    {
        await api.WaitFor(() => plan.Held >= options.MaxConcurrency, options.Patience, "every request in flight delivered and held");
        var killedAt = TimeProvider.System.GetUtcNow();
        await sender.Kill();
        var held = plan.Held;
        plan.Release();
        plan.StormAfter(calls: 30, options.StormLength);
        return (killedAt, held);
    }

    private async Task Settled(string connectionString) =>
        await api.WaitFor(() => Unsettled(connectionString) == 0, options.Patience, "every outbox row sent or undeliverable");

    private int Unsettled(string connectionString)
    {
        using var db = PersistenceServiceCollectionExtensions.MigrationContext(connectionString);
        return db.Outbox.Count(o => o.ChatId >= FirstMember && o.Status == OutboxStatus.Pending);
    }

    internal static async Task<int> LeaseHolder(string connectionString)
    {
        await using var db = PersistenceServiceCollectionExtensions.MigrationContext(connectionString);
        var holder = await db.WebhookInboxLeases.Where(l => l.Name == InboxLease.Outbox).Select(l => l.Holder).SingleAsync();
        // machine/process id/start: see LeasedSender.
        var parts = holder.Split('/');
        return int.Parse(parts[^2], CultureInfo.InvariantCulture);
    }

    private static string TextFor(long member) =>
        string.Create(CultureInfo.InvariantCulture, $"Erinnerung {member - FirstMember}: morgen 19:00 Stammtisch");

    /// <summary>A reminder's worth of messages, queued as a fan-out queues them, before the bot first starts.</summary>
    private async Task QueueBroadcast(string connectionString)
    {
        await using var db = PersistenceServiceCollectionExtensions.MigrationContext(connectionString);
        await db.Database.MigrateAsync();
        var outbox = new OutboxWriter(db, TimeProvider.System);
        for (var i = 0; i < options.Members; i++)
        {
            var member = FirstMember + i;
            api.OpenPrivateChat(member);
            if (blocked.Contains(member))
            {
                api.Block(member);
            }

            outbox.Send(member, Html.Raw(TextFor(member)), urgency: Urgency.Bulk);
        }

        await db.SaveChangesAsync();
    }

    private async Task<FaultReport> Report(string setup, string connectionString, DateTimeOffset killedAt, int held, TimeSpan elapsed)
    {
        var requests = api.RequestsOf("sendMessage").Where(r => r.ChatId >= FirstMember).ToList();
        var delivered = api.SentMessages().Where(m => m.ChatId >= FirstMember).ToLookup(m => m.ChatId);
        var reachable = Enumerable.Range(0, options.Members).Select(i => FirstMember + i).Where(m => !blocked.Contains(m)).ToList();

        // A process learns of a block from its 403; one that died may not have recorded it, and the next may send once.
        int repeated = 0, afterRefusal = 0;
        foreach (var chat in requests.Where(r => blocked.Contains(r.ChatId!.Value)).GroupBy(r => r.ChatId))
        {
            DateTimeOffset? refusedAt = null;
            foreach (var request in chat.OrderBy(r => r.ReceivedAt))
            {
                if (refusedAt is { } refused)
                {
                    if ((refused < killedAt) == (request.ReceivedAt < killedAt))
                    {
                        afterRefusal++;
                    }
                    else
                    {
                        repeated++;
                    }
                }

                refusedAt = request.StatusCode == 403 ? request.ReceivedAt : refusedAt;
            }
        }

        await using var db = PersistenceServiceCollectionExtensions.MigrationContext(connectionString);
        var rows = await db.Outbox.Where(o => o.ChatId >= FirstMember).GroupBy(o => o.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        int Rows(OutboxStatus status) => rows.SingleOrDefault(r => r.Key == status)?.Count ?? 0;

        return new FaultReport(setup, options.Members, blocked.Count, Kills: 1, options.MaxConcurrency, options.Rate, elapsed)
        {
            Requests = requests.Count,
            ServerErrors = requests.Count(r => r.Fault == FaultOrigin.ServerError),
            StormSeen = plan.StormStart is not null,
            StormAnswers = requests.Count(r => r.Fault == FaultOrigin.Storm),
            PaceAnswers = api.Requests.Count(r => r.Fault == FaultOrigin.Pace),
            Unexplained429 = api.Requests.Count(r => r.StatusCode == 429 && r.Fault is null),
            HeldAtKill = held,
            Missing = reachable.Count(m => !delivered.Contains(m)),
            WrongText = delivered.Sum(chat => chat.Count(m => m.Source != TextFor(chat.Key))),
            Duplicates = delivered.Sum(chat => chat.Count() - 1),
            BlockedRepeatedAfterKill = repeated,
            SentAfter403 = afterRefusal,
            RowsSent = Rows(OutboxStatus.Sent),
            RowsUndeliverable = Rows(OutboxStatus.Undeliverable),
            RowsUnsettled = rows.Where(r => r.Key is not (OutboxStatus.Sent or OutboxStatus.Undeliverable)).Sum(r => r.Count),
        };
    }
}
