using Bot.Jobs;
using Bot.Domain.Messaging;
using Bot.Persistence;
using Bot.Telegram.Outbox;
using Bot.Telegram.Rendering;
using Bot.Telegram.Updates;
using Bot.Tests.Fakes;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Bot.Tests.Persistence;

/// <summary>What only PostgreSQL offers or needs: a database the operator created empty, and several instances on one
/// database sharing Quartz as a cluster.</summary>
[Collection(PostgreSqlServer.Collection)]
public sealed class PostgreSqlTests(PostgreSqlServer postgres)
{
    private const long Alice = 5101;

    // Monday 23 November 2026, 12:00:00 in Berlin.
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 11, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task BotStartedOnAnEmptyDatabase_CreatesItsTablesAndQuartzs_AndAnswers()
    {
        var connectionString = await postgres.CreateEmptyDatabase();
        try
        {
            await using var bot = await TestBot.Start(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Bot"] = connectionString,
                ["Jobs:AutoStart"] = "true",
            });
            bot.Api.AddUser(new global::Telegram.Bot.Types.User { Id = Alice, IsBot = false, FirstName = "Alice", LanguageCode = "de" });

            var reply = await bot.Ask(Alice, "/start");

            Assert.False(string.IsNullOrWhiteSpace(reply.Text));
            // An operator's first start is not a failure: EF reads the history table before creating it, and logs
            // that read's failure as an error unless told it is expected.
            Assert.Equal("", string.Join(Environment.NewLine, bot.Logs.Entries.Where(e => e.Level is LogLevel.Error or LogLevel.Critical).Select(e => $"{e.Category}: {e.Text}")));
            using var migrations = PersistenceServiceCollectionExtensions.MigrationContext(connectionString);
            Assert.Equal(migrations.Database.GetMigrations(), await migrations.Database.GetAppliedMigrationsAsync());
            var quartz = await Tables(bot, "qrtz_%");
            Assert.Contains("qrtz_triggers", quartz);
            Assert.Contains("qrtz_locks", quartz);
            // Only a clustered scheduler checks in here.
            Assert.Equal(1, await SchedulerNodes(bot, expected: 1));
        }
        finally
        {
            await postgres.Drop(connectionString);
        }
    }

    [Fact]
    public async Task TwoInstancesOnOneDatabase_RunEachMinutesSweepOnce_BetweenThem()
    {
        var clock = new FakeTimeProvider(Monday);
        var settings = new Dictionary<string, string?>(TestBot.Unpaced()) { ["Jobs:AutoStart"] = "true" };
        await using var first = await TestBot.Start(settings, clock: clock, postgres: postgres);
        await using var second = await TestBot.Start(new Dictionary<string, string?>(settings) { ["ConnectionStrings:Bot"] = first.ConnectionString }, clock: clock);
        var sweeps = new SweepCounter();
        foreach (var bot in new[] { first, second })
        {
            var scheduler = await bot.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            scheduler.ListenerManager.AddJobListener(sweeps, [Matchers.Key(ReminderSweepJob.Key)]);
        }

        Assert.Equal(2, await SchedulerNodes(first, expected: 2));
        var minutes = Enumerable.Range(1, 3).Select(m => Monday.AddMinutes(m)).ToList();
        // A second at a time, as a real clock goes: a jump past the nodes' check-ins would make each take the other
        // for dead.
        foreach (var minute in minutes)
        {
            for (var i = 0; i < 600 && sweeps.Runs(minute) == 0; i++)
            {
                await Task.Delay(20);
                clock.Advance(TimeSpan.FromSeconds(1));
            }
        }

        // Had both nodes fired a minute, the slower one would have run it before either ran the third minute.
        Assert.Equal([1, 1], minutes.Take(2).Select(sweeps.Runs));
    }

    [Fact]
    public async Task TwoInstancesOnOneDatabase_SendEachMessageOnce_AndTheOtherTakesOverWhenTheSenderIsGone()
    {
        var clock = new FakeTimeProvider(Monday);
        var database = await postgres.CreateDatabase();
        var settings = new Dictionary<string, string?>(TestBot.Unpaced()) { ["ConnectionStrings:Bot"] = database };
        var first = await TestBot.Start(settings, clock: clock);
        var second = await TestBot.Start(settings, clock: clock);
        try
        {
            await SendTwice(clock, first, second);
        }
        finally
        {
            await first.DisposeAsync();
            await second.DisposeAsync();
            await postgres.Drop(database);
        }
    }

    /// <summary>A press's transaction supersedes the card's older edit while the dispatcher records that very edit as
    /// sent, and the dispatcher's recording waits for a row the press's batch wrote earlier: each waited for the other
    /// until PostgreSQL killed one (<c>40P01</c>), and the press got an apology instead of its answer.</summary>
    [Fact]
    public async Task ANewerEditWhileTheOlderIsBeingRecorded_CommitsBoth_WithoutADeadlock()
    {
        var database = await postgres.CreateDatabase();
        try
        {
            long older, other;
            await using (var setup = PersistenceServiceCollectionExtensions.MigrationContext(database))
            {
                var edit = Row(OutboxKind.EditMessageText, "Zusagen: 1");
                var message = Row(OutboxKind.SendMessage, "Willkommen");
                setup.Outbox.AddRange(edit, message);
                await setup.SaveChangesAsync();
                (older, other) = (edit.Id, message.Id);
            }

            // The dispatcher's recording: the older edit was sent, and its answer is being written.
            await using var recording = PersistenceServiceCollectionExtensions.MigrationContext(database);
            await using var recordingTx = await recording.Database.BeginTransactionAsync();
            await recording.Outbox.Where(o => o.Id == older).ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatus.Sent));

            // A batch of presses: an earlier press wrote another row, this one edits the card again.
            await using var press = PersistenceServiceCollectionExtensions.MigrationContext(database);
            await using var pressTx = await press.Database.BeginTransactionAsync();
            await press.Outbox.Where(o => o.Id == other).ExecuteUpdateAsync(s => s.SetProperty(o => o.Attempts, 1));
            var saving = Task.Run(async () =>
            {
                press.Outbox.Add(Row(OutboxKind.EditMessageText, "Zusagen: 2"));
                await press.SaveChangesAsync();
            });
            // The recording goes on to the row the press's batch holds, and waits for it to commit.
            var recordingOn = Task.Run(() => recording.Outbox.Where(o => o.Id == other)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatus.Sent)));

            // Guards only: the press never waits for the recording now, so it is done long before.
            await saving.WaitAsync(TimeSpan.FromSeconds(30));
            await pressTx.CommitAsync();
            await recordingOn.WaitAsync(TimeSpan.FromSeconds(30));
            await recordingTx.CommitAsync();

            await using var check = PersistenceServiceCollectionExtensions.MigrationContext(database);
            var edits = await check.Outbox.Where(o => o.Kind == OutboxKind.EditMessageText).OrderBy(o => o.Id)
                .Select(o => new { o.Text, o.Status }).ToListAsync();
            // The older edit went out and is recorded so; the newer one waits to be sent and shows the latest count.
            Assert.Equal([new { Text = (string?)"Zusagen: 1", Status = OutboxStatus.Sent }, new { Text = (string?)"Zusagen: 2", Status = OutboxStatus.Pending }], edits);
        }
        finally
        {
            await postgres.Drop(database);
        }

        static OutboxMessage Row(OutboxKind kind, string text) => new()
        {
            Kind = kind,
            Urgency = Urgency.Interactive,
            Status = OutboxStatus.Pending,
            ChatId = Alice,
            MessageId = kind == OutboxKind.EditMessageText ? 77 : null,
            Text = text,
            CreatedAt = Monday.UtcDateTime,
            NotBefore = Monday.UtcDateTime,
        };
    }

    private static async Task SendTwice(FakeTimeProvider clock, TestBot first, TestBot second)
    {
        var members = Enumerable.Range(1, 20).Select(i => 7000L + i).ToList();
        foreach (var api in new[] { first.Api, second.Api })
        {
            members.ForEach(api.OpenPrivateChat);
        }

        await Broadcast(first, members, "Erste Runde");
        Assert.True(await AllSent(clock, first), "the first broadcast was not sent");
        var firstRound = new[] { first, second }.Select(b => members.Sum(m => b.Api.SentMessages(m).Count(x => x.Text == "Erste Runde"))).ToList();
        // Each member once, and all through one instance: Telegram's limits are held by one sender for the bot.
        Assert.Equal(members.Count, firstRound.Sum());
        Assert.Contains(0, firstRound);

        // The sender dies without letting go (its lease runs on); the other takes over once the lease ran out.
        var sender = firstRound[0] > 0 ? first : second;
        var other = sender == first ? second : first;
        await sender.DisposeAsync();
        await other.Db(db => db.WebhookInboxLeases.Where(l => l.Name == InboxLease.Outbox)
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.Holder, "dead").SetProperty(l => l.Until, clock.GetUtcNow().UtcDateTime + LeasedSender.LeaseLength)));
        await Broadcast(other, members, "Zweite Runde");
        Assert.True(await AllSent(clock, other), "the instance left did not take over");
        Assert.All(members, m => Assert.Single(other.Api.SentMessages(m), x => x.Text == "Zweite Runde"));
    }

    private static async Task Broadcast(TestBot bot, IReadOnlyList<long> members, string text)
    {
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<OutboxWriter>();
            foreach (var member in members)
            {
                outbox.Send(member, Html.Text(text), urgency: Urgency.Bulk);
            }

            await scope.ServiceProvider.GetRequiredService<BotDbContext>().SaveChangesAsync();
        }

        bot.Services.GetRequiredService<OutboxSignal>().Notify();
    }

    /// <summary>Whether every outbox row is sent within 60 s of the fake clock, moved a second at a time as a real one
    /// goes (the instance that does not send looks for a free lease every few seconds of it).</summary>
    private static async Task<bool> AllSent(FakeTimeProvider clock, TestBot bot)
    {
        for (var i = 0; i < 600; i++)
        {
            if (!await bot.Db(db => db.Outbox.AnyAsync(o => o.Status != OutboxStatus.Sent)))
            {
                return true;
            }

            await Task.Delay(20);
            if (i % 5 == 4)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
            }
        }

        return false;
    }

    private static Task<List<string>> Tables(TestBot bot, string like) =>
        bot.Db(db => db.Database
            .SqlQuery<string>($"SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema() AND table_name LIKE {like}")
            .ToListAsync());

    /// <summary>The nodes checked in to the cluster, once <paramref name="expected"/> have or 10 s have passed: a node
    /// checks in on its scheduler's thread, a moment after the host started.</summary>
    private static async Task<int> SchedulerNodes(TestBot bot, int expected)
    {
        var nodes = 0;
        for (var i = 0; i < 500 && nodes != expected; i++)
        {
            await Task.Delay(i == 0 ? 0 : 20);
            nodes = await bot.Db(db => db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM qrtz_scheduler_state").SingleAsync());
        }

        return nodes;
    }

    /// <summary>How often the sweep ran for each scheduled minute, on whichever node.</summary>
    private sealed class SweepCounter : IJobListener
    {
        private readonly Lock gate = new();
        private readonly List<DateTimeOffset> fired = [];

        public string Name => nameof(SweepCounter);

        public int Runs(DateTimeOffset minute)
        {
            lock (gate) return fired.Count(f => f == minute);
        }

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            lock (gate) fired.Add(context.ScheduledFireTimeUtc ?? context.FireTimeUtc);
            return ValueTask.CompletedTask;
        }
    }
}
