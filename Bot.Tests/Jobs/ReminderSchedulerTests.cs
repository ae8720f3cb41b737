using Bot.Domain.Events;
using Bot.Jobs;
using Bot.Persistence;
using Bot.Tests.Fakes;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Bot.Tests.Jobs;

/// <summary>The real Quartz scheduler, started as in production with its store in the bot's SQLite file, on the
/// fake clock: it fires the sweep on the minute, and after downtime it fires once at start. The clock moves a
/// minute at a time while the bot runs, as a real one does; a jump of hours happens only while it is stopped.</summary>
public class ReminderSchedulerTests
{
    /// <summary>The server the tests run on in <see cref="ReminderSchedulerTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private const long Alice = 5001;

    // Monday 23 November 2026, 12:00:00 in Berlin.
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 11, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Scheduler_HoldsTheSweepJob_FiredAtSecondZeroOfEveryMinute_AndOnceAtStart()
    {
        await using var bot = await TestBot.Start(TestBot.Unpaced(), clock: new FakeTimeProvider(Monday), postgres: Postgres);
        var scheduler = await bot.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        var job = await scheduler.GetJobDetail(ReminderSweepJob.Key);
        Assert.NotNull(job);
        Assert.True(job.Durable);
        Assert.Equal(typeof(ReminderSweepJob), job.JobType.Type);
        var trigger = Assert.IsAssignableFrom<ICronTrigger>(await scheduler.GetTrigger(JobsServiceCollectionExtensions.ReminderTrigger));
        Assert.Equal(ReminderSweepJob.Key, trigger.JobKey);
        var after = Monday.AddSeconds(37);
        Assert.Equal(after.AddSeconds(23), trigger.GetFireTimeAfter(after));
        var atStart = await scheduler.GetTrigger(JobsServiceCollectionExtensions.StartTrigger);
        Assert.NotNull(atStart);
        Assert.Equal(ReminderSweepJob.Key, atStart.JobKey);
    }

    [Fact]
    public async Task RunningScheduler_SendsTheReminderInTheMinuteItIsDue_NotBefore()
    {
        var clock = new FakeTimeProvider(Monday);
        await using var bot = await Started(clock);
        var @event = await bot.AddEvent("Stammtisch", TimeSpan.FromDays(1) + TimeSpan.FromMinutes(5), clock: clock);
        await Answer(bot, @event.Id, Alice);
        var sweeps = await SweepWatcher.On(bot);
        var due = Monday + TimeSpan.FromMinutes(5);

        while (clock.GetUtcNow() < due - TimeSpan.FromMinutes(1))
        {
            await Minute(sweeps, clock);
        }

        Assert.Empty(await Ledger(bot));
        await Minute(sweeps, clock);

        Assert.Equal([due.UtcDateTime], await Ledger(bot));
        await bot.Api.WaitFor(() => bot.Api.SentMessages(Alice).Count == 1, what: "the reminder a day before");
        Assert.Contains("Erinnerung: Stammtisch", bot.Api.SentMessages(Alice)[0].Text);
        await Minute(sweeps, clock);
        Assert.Single(await Ledger(bot));
    }

    [Fact]
    public async Task ReminderMissedWhileTheBotWasDown_ComesOnceAtStart()
    {
        var clock = new FakeTimeProvider(Monday);
        await using var bot = await Started(clock);
        var @event = await bot.AddEvent("Stammtisch", TimeSpan.FromDays(1) + TimeSpan.FromMinutes(3), clock: clock);
        await Answer(bot, @event.Id, Alice);
        await Minute(await SweepWatcher.On(bot), clock);

        await bot.StopHost();
        clock.Advance(TimeSpan.FromHours(3) + TimeSpan.FromSeconds(20));
        var back = clock.GetUtcNow();
        await bot.StartHost();

        await Until(() => bot.Api.SentMessages(Alice).Count == 1, clock, "the missed reminder, at start");
        Assert.Equal([back.UtcDateTime], await Ledger(bot));
        var sweeps = await SweepWatcher.On(bot);
        await Minute(sweeps, clock);
        await Minute(sweeps, clock);
        Assert.Single(bot.Api.SentMessages(Alice));
    }

    private async Task<TestBot> Started(FakeTimeProvider clock)
    {
        var bot = await TestBot.Start(
            new Dictionary<string, string?>(TestBot.Unpaced()) { ["Bot:QuietHours"] = "", ["Jobs:AutoStart"] = "true" },
            clock: clock, postgres: Postgres);
        await bot.AddMember(Alice, "Alice Amsel");
        bot.Api.OpenPrivateChat(Alice);
        return bot;
    }

    /// <summary>The clock goes on to the next whole minute, and on by seconds until the scheduler has run the sweep
    /// for that minute: the scheduler runs on its own thread and may arm its wait a little after the clock moved,
    /// as a real scheduler on a real clock would be a little late too.</summary>
    private static async Task Minute(SweepWatcher sweeps, FakeTimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var minute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(1);
        clock.Advance(minute - now);
        for (var i = 0; i < 600 && !sweeps.HasRun(minute); i++)
        {
            await Task.Delay(20);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.True(sweeps.HasRun(minute), $"The scheduler did not run the sweep for {minute:u} by {clock.GetUtcNow():u}; it ran it for {sweeps}.");
    }

    /// <summary>Waits (in real time) for what the test expects, nudging the clock by nothing meanwhile: a timer armed
    /// for the present moment fires at the clock's next move.</summary>
    private static async Task Until(Func<bool> condition, FakeTimeProvider clock, string what)
    {
        for (var i = 0; i < 400 && !condition(); i++)
        {
            await Task.Delay(25);
            clock.Advance(TimeSpan.Zero);
        }

        Assert.True(condition(), $"Waited 10 s for {what}.");
    }

    /// <summary>When each of Alice's reminders was recorded as sent: the time of the sweep that sent it.</summary>
    private static Task<List<DateTime>> Ledger(TestBot bot) =>
        bot.Db(db => db.RemindersSent.Where(r => r.UserId == Alice).Select(r => r.SentAt).ToListAsync());

    private static Task Answer(TestBot bot, long eventId, long userId) =>
        bot.Db(async db =>
        {
            db.Rsvps.Add(new Rsvp { EventId = eventId, UserId = userId, Answer = Domain.Events.Answer.Yes, AnsweredAt = Monday.UtcDateTime, Ticket = 1 });
            (await db.Events.SingleAsync(e => e.Id == eventId)).Version++;
            return await db.SaveChangesAsync();
        });

    /// <summary>The sweeps the scheduler finished, with the time each was fired for.</summary>
    private sealed class SweepWatcher : IJobListener
    {
        private readonly Lock gate = new();
        private readonly List<DateTimeOffset> fired = [];

        public string Name => nameof(SweepWatcher);

        private IReadOnlyList<DateTimeOffset> Fired
        {
            get
            {
                lock (gate) return [.. fired];
            }
        }

        public static async Task<SweepWatcher> On(TestBot bot)
        {
            var watcher = new SweepWatcher();
            var scheduler = await bot.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            scheduler.ListenerManager.AddJobListener(watcher, [Matchers.Key(ReminderSweepJob.Key)]);
            return watcher;
        }

        public bool HasRun(DateTimeOffset at) => Fired.Any(f => f >= at);

        public override string ToString() => string.Join(", ", Fired.Select(f => f.ToString("HH:mm:ss.fff")));

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            lock (gate) fired.Add(context.ScheduledFireTimeUtc ?? context.FireTimeUtc);
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
[Collection(PostgreSqlServer.Collection)]
public sealed class ReminderSchedulerTestsOnPostgreSql(PostgreSqlServer postgres) : ReminderSchedulerTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
