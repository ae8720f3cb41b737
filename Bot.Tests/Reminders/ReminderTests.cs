using Bot.Domain.Events;
using Bot.Domain.Reminders;
using Bot.Persistence;
using Bot.Tests.Fakes;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Quartz;

namespace Bot.Tests.Reminders;

/// <summary>SPEC.md "Reminders": the sweep called with the time it is scheduled for, a fake clock, a real database
/// and the fake Bot API.</summary>
public class ReminderTests
{
    /// <summary>The server the tests run on in <see cref="ReminderTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private const long Alice = 5001;
    private const long Bob = 5002;
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    // Monday 23 November 2026, 12:00 in Berlin.
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 11, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task YesMember_GetsOneReminderPerLeadTime_AtItsMoment_AndNeverTwice()
    {
        var clock = new FakeTimeProvider(Monday);
        await using var bot = await Started(clock);
        var @event = await bot.AddEvent("Stammtisch", TimeSpan.FromDays(3), clock: clock);
        await Answers(bot, @event.Id, (Alice, Answer.Yes, Monday.UtcDateTime));

        Assert.Equal(0, await Sweep(bot, @event.StartsAt - TimeSpan.FromDays(1) - TimeSpan.FromMinutes(1)));
        Assert.Equal(1, await Sweep(bot, @event.StartsAt - TimeSpan.FromDays(1)));
        Assert.Equal(0, await Sweep(bot, @event.StartsAt - TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1)));
        Assert.Equal(1, await Sweep(bot, @event.StartsAt - TimeSpan.FromHours(2)));
        Assert.Equal(0, await Sweep(bot, @event.StartsAt - TimeSpan.FromHours(1)));

        await bot.Api.WaitFor(() => bot.Api.SentMessages(Alice).Count == 2, what: "two reminders");
        var reminder = bot.Api.SentMessages(Alice)[0];
        Assert.Contains("Erinnerung: Stammtisch", reminder.Text);
        Assert.Contains("Gasthaus Krone", reminder.Text);
        Assert.Contains("du bist dabei", reminder.Text);
        Assert.StartsWith("🔕", reminder.Buttons[^1].Text);
    }

    [Fact]
    public async Task MaybeGetsReminded_NoAndCancelledDoNot()
    {
        var clock = new FakeTimeProvider(Monday);
        await using var bot = await Started(clock);
        var stammtisch = await bot.AddEvent("Stammtisch", TimeSpan.FromDays(3), clock: clock);
        var cancelled = await bot.AddEvent("Sitzung", TimeSpan.FromDays(3), clock: clock);
        await Answers(bot, stammtisch.Id, (Alice, Answer.Maybe, Monday.UtcDateTime), (Bob, Answer.No, Monday.UtcDateTime));
        await Answers(bot, cancelled.Id, (Bob, Answer.Yes, Monday.UtcDateTime));
        await bot.Db(async db => await db.Events.Where(e => e.Id == cancelled.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.CancelledAt, Monday.UtcDateTime)));

        Assert.Equal(1, await Sweep(bot, stammtisch.StartsAt - TimeSpan.FromDays(1)));

        await bot.Api.WaitFor(() => bot.Api.SentMessages(Alice).Count == 1, what: "the reminder to Alice");
        Assert.Contains("vielleicht", bot.Api.SentMessages(Alice)[0].Text);
        Assert.Empty(bot.Api.SentMessages(Bob));
    }

    [Fact]
    public async Task YesOnTheWaitlist_IsRemindedAsWaiting_NotAsComing()
    {
        var clock = new FakeTimeProvider(Monday);
        await using var bot = await Started(clock);
        var @event = await bot.AddEvent("Stadtführung", TimeSpan.FromDays(3), capacity: 1, clock: clock);
        await bot.Db(async db =>
        {
            db.Rsvps.Add(new Rsvp { EventId = @event.Id, UserId = Alice, Answer = Answer.Yes, AnsweredAt = Monday.UtcDateTime, Ticket = 1 });
            db.Rsvps.Add(new Rsvp { EventId = @event.Id, UserId = Bob, Answer = Answer.Yes, AnsweredAt = Monday.UtcDateTime, Ticket = 2 });
            (await db.Events.SingleAsync(e => e.Id == @event.Id)).Version++;
            return await db.SaveChangesAsync();
        });

        Assert.Equal(2, await Sweep(bot, @event.StartsAt - TimeSpan.FromDays(1)));

        await bot.Api.WaitFor(() => bot.Api.SentMessages(Alice).Count == 1 && bot.Api.SentMessages(Bob).Count == 1, what: "both reminders");
        Assert.Contains("du bist dabei", bot.Api.SentMessages(Alice)[0].Text);
        Assert.Contains("Warteliste, Platz 1", bot.Api.SentMessages(Bob)[0].Text);
        Assert.DoesNotContain("du bist dabei", bot.Api.SentMessages(Bob)[0].Text);
    }

    [Fact]
    public async Task AnswerChangedToNo_StopsFurtherReminders()
    {
        var clock = new FakeTimeProvider(Monday);
        await using var bot = await Started(clock);
        var @event = await bot.AddEvent("Stammtisch", TimeSpan.FromDays(3), clock: clock);
        await Answers(bot, @event.Id, (Alice, Answer.Yes, Monday.UtcDateTime));
        Assert.Equal(1, await Sweep(bot, @event.StartsAt - TimeSpan.FromDays(1)));

        await bot.Db(async db => await db.Rsvps.Where(r => r.UserId == Alice).ExecuteUpdateAsync(s => s.SetProperty(r => r.Answer, Answer.No)));

        Assert.Equal(0, await Sweep(bot, @event.StartsAt - TimeSpan.FromHours(2)));
    }

    [Fact]
    public async Task LateYes_SkipsLeadTimesAlreadyPast()
    {
        var clock = new FakeTimeProvider(Monday);
        await using var bot = await Started(clock);
        var @event = await bot.AddEvent("Stammtisch", TimeSpan.FromDays(3), clock: clock);
        await Answers(bot, @event.Id, (Alice, Answer.Yes, @event.StartsAt - TimeSpan.FromHours(10)));

        Assert.Equal(0, await Sweep(bot, @event.StartsAt - TimeSpan.FromHours(9)));
        Assert.Equal(1, await Sweep(bot, @event.StartsAt - TimeSpan.FromHours(2)));
        Assert.Equal([120], await Ledger(bot, Alice));
    }

    [Fact]
    public async Task MissedWhileDown_OneReminderIfTheEventHasNotBegun_NoneAfterwards()
    {
        var clock = new FakeTimeProvider(Monday);
        await using var bot = await Started(clock);
        var @event = await bot.AddEvent("Stammtisch", TimeSpan.FromDays(3), clock: clock);
        await Answers(bot, @event.Id, (Alice, Answer.Yes, Monday.UtcDateTime), (Bob, Answer.Yes, Monday.UtcDateTime));

        Assert.Equal(2, await Sweep(bot, @event.StartsAt - TimeSpan.FromHours(1)));
        Assert.Equal([1440, 120], await Ledger(bot, Alice));
        await bot.Api.WaitFor(() => bot.Api.SentMessages(Alice).Count == 1, what: "one catch-up reminder");

        var later = await bot.AddEvent("Später", TimeSpan.FromDays(3), clock: clock);
        await Answers(bot, later.Id, (Alice, Answer.Yes, Monday.UtcDateTime));
        Assert.Equal(0, await Sweep(bot, later.StartsAt + TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task SweepAnotherNodeRecoveredHoursLate_RemindsOfNothingThatHasBegun()
    {
        var clock = new FakeTimeProvider(Monday);
        await using var bot = await Started(clock);
        var @event = await bot.AddEvent("Stammtisch", TimeSpan.FromDays(3), clock: clock);
        await Answers(bot, @event.Id, (Alice, Answer.Yes, Monday.UtcDateTime));

        // The node holding the 24 h reminder's minute died; a PostgreSQL cluster's other node took the firing over
        // half an hour after the event began. Quartz hands it the dead node's scheduled time.
        var firing = new Mock<IJobExecutionContext>();
        firing.Setup(c => c.Recovering).Returns(true);
        firing.Setup(c => c.ScheduledFireTimeUtc).Returns(new DateTimeOffset(@event.StartsAt - TimeSpan.FromDays(1), TimeSpan.Zero));
        firing.Setup(c => c.FireTimeUtc).Returns(new DateTimeOffset(@event.StartsAt + TimeSpan.FromMinutes(30), TimeSpan.Zero));
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            await ActivatorUtilities.CreateInstance<Bot.Jobs.ReminderSweepJob>(scope.ServiceProvider).Execute(firing.Object, CancellationToken.None);
        }

        Assert.Empty(await Ledger(bot, Alice));
        Assert.Empty(bot.Api.SentMessages(Alice));
    }

    [Fact]
    public async Task QuietHours_ReminderDueAt7_ComesAt2159TheEveningBefore()
    {
        var clock = new FakeTimeProvider(Monday);
        await using var bot = await Started(clock, new() { ["Bot:QuietHours"] = "22:00-08:00" });
        var nine = TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 11, 26, 9, 0, 0), Berlin);
        var @event = await bot.AddEvent("Frühstück", nine - Monday.UtcDateTime, clock: clock);
        await Answers(bot, @event.Id, (Alice, Answer.Yes, Monday.UtcDateTime));
        await Sweep(bot, nine - TimeSpan.FromDays(1));
        var evening = TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 11, 25, 21, 59, 0), Berlin);

        Assert.Equal(0, await Sweep(bot, evening - TimeSpan.FromMinutes(1)));
        Assert.Equal(1, await Sweep(bot, evening));
        Assert.Equal(0, await Sweep(bot, nine - TimeSpan.FromHours(2)));
    }

    [Fact]
    public async Task YesGivenAfterTheReminderMovedBeforeQuietHours_BringsNoReminderInTheNight()
    {
        var clock = new FakeTimeProvider(Monday);
        await using var bot = await Started(clock, new() { ["Bot:QuietHours"] = "22:00-08:00" });
        var nine = TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 11, 26, 9, 0, 0), Berlin);
        var @event = await bot.AddEvent("Frühstück", nine - Monday.UtcDateTime, clock: clock);
        // The 2 h reminder (07:00) moved to 21:59 the evening before; Alice says yes at 23:00.
        var late = TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 11, 25, 23, 0, 0), Berlin);
        await Answers(bot, @event.Id, (Alice, Answer.Yes, late));

        Assert.Equal(0, await Sweep(bot, late + TimeSpan.FromMinutes(1)));
        Assert.Equal(0, await Sweep(bot, nine - TimeSpan.FromHours(2)));
        Assert.Equal(0, await Sweep(bot, nine - TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task ReminderMissedInTheEveningWhileDown_ComesWhenQuietHoursEnd_NotAt3()
    {
        var clock = new FakeTimeProvider(Monday);
        await using var bot = await Started(clock, new() { ["Bot:QuietHours"] = "22:00-08:00" });
        var nine = TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 11, 26, 9, 0, 0), Berlin);
        var @event = await bot.AddEvent("Frühstück", nine - Monday.UtcDateTime, clock: clock);
        await Answers(bot, @event.Id, (Alice, Answer.Yes, Monday.UtcDateTime));
        Assert.Equal(1, await Sweep(bot, nine - TimeSpan.FromDays(1)));

        // Down from before 21:59 (when the 2 h reminder was due) until 03:00.
        var three = TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 11, 26, 3, 0, 0), Berlin);
        Assert.Equal(0, await Sweep(bot, three));
        Assert.Equal(0, await Sweep(bot, three + TimeSpan.FromHours(5) - TimeSpan.FromMinutes(1)));
        Assert.Equal(1, await Sweep(bot, three + TimeSpan.FromHours(5)));
        Assert.Equal([1440, 120], await Ledger(bot, Alice));
    }

    [Fact]
    public async Task OwnQuietHours_TypedInSettings_BeatTheDefault()
    {
        var clock = new FakeTimeProvider(Monday);
        await using var bot = await Started(clock);
        var reply = await bot.Ask(Alice, "/settings 06:00-08:00");
        Assert.Contains("06:00-08:00", reply.Text);
        var eightThirty = TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 11, 26, 8, 30, 0), Berlin);
        var @event = await bot.AddEvent("Frühstück", eightThirty - Monday.UtcDateTime, clock: clock);
        await Answers(bot, @event.Id, (Alice, Answer.Yes, Monday.UtcDateTime));
        await Sweep(bot, eightThirty - TimeSpan.FromDays(1));

        Assert.Equal(1, await Sweep(bot, TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 11, 26, 5, 59, 0), Berlin)));
    }

    [Fact]
    public async Task MutePressed_NoMoreRemindersForThatEvent()
    {
        var clock = new FakeTimeProvider(Monday);
        await using var bot = await Started(clock);
        var @event = await bot.AddEvent("Stammtisch", TimeSpan.FromDays(3), clock: clock);
        await Answers(bot, @event.Id, (Alice, Answer.Yes, Monday.UtcDateTime));
        await Sweep(bot, @event.StartsAt - TimeSpan.FromDays(1));
        await bot.Api.WaitFor(() => bot.Api.SentMessages(Alice).Count == 1, what: "the reminder");
        var reminder = bot.Api.SentMessages(Alice)[0];
        await Recorded(bot, Alice, reminder.MessageId);

        var press = bot.Api.UserPresses(Alice, Alice, reminder.MessageId, reminder.Buttons[^1].CallbackData!);
        await bot.Api.WaitFor(() => bot.Api.AnswerTo(press.CallbackQuery!.Id) is not null, what: "the answer to 🔕");

        Assert.Equal("🔕 Für diesen Termin bekommst du keine Erinnerungen mehr.", bot.Api.AnswerTo(press.CallbackQuery!.Id)!.Text);
        Assert.Equal(0, await Sweep(bot, @event.StartsAt - TimeSpan.FromHours(2)));
    }

    [Fact]
    public async Task ForgedMutePress_ForAnEventNotAnswered_StoresNothing()
    {
        var clock = new FakeTimeProvider(Monday);
        await using var bot = await Started(clock);
        var @event = await bot.AddEvent("Stammtisch", TimeSpan.FromDays(3), clock: clock);
        var settings = await bot.Ask(Bob, "/settings");
        await Recorded(bot, Bob, settings.MessageId);

        var press = bot.Api.UserPresses(Bob, Bob, settings.MessageId, Bot.Commands.Callbacks.CallbackCodec.Encode(Bot.Commands.Callbacks.CallbackData.Of(Bot.Commands.Reminders.ReminderMessage.MuteRoute, @event.Id)));
        await bot.Api.WaitFor(() => bot.Api.AnswerTo(press.CallbackQuery!.Id) is not null, what: "the answer to the forged press");

        Assert.DoesNotContain("🔕", bot.Api.AnswerTo(press.CallbackQuery!.Id)!.Text ?? "");
        Assert.False(await bot.Db(db => db.ReminderMutes.AnyAsync()));
    }

    [Fact]
    public async Task EventMovedLater_RemindsAgainForTheNewTime_SmallMoveDoesNot()
    {
        var clock = new FakeTimeProvider(Monday);
        await using var bot = await Started(clock);
        var @event = await bot.AddEvent("Stammtisch", TimeSpan.FromDays(3), clock: clock);
        await Answers(bot, @event.Id, (Alice, Answer.Yes, Monday.UtcDateTime));
        Assert.Equal(1, await Sweep(bot, @event.StartsAt - TimeSpan.FromDays(1)));

        await Move(bot, @event.Id, @event.StartsAt + TimeSpan.FromMinutes(30));
        Assert.Equal(0, await Sweep(bot, @event.StartsAt + TimeSpan.FromMinutes(30) - TimeSpan.FromDays(1)));

        var newStart = @event.StartsAt + TimeSpan.FromDays(1);
        await Move(bot, @event.Id, newStart);
        Assert.Equal(0, await Sweep(bot, newStart - TimeSpan.FromDays(1) - TimeSpan.FromMinutes(1)));
        Assert.Equal(1, await Sweep(bot, newStart - TimeSpan.FromDays(1)));
        Assert.Equal(0, await Sweep(bot, newStart - TimeSpan.FromDays(1)));
    }

    [Fact]
    public async Task CrashInTheMiddleOfAFanOut_AfterRestartEveryoneHasExactlyOne()
    {
        var clock = new FakeTimeProvider(Monday);
        var crash = new CrashAfterFirstBatch();
        await using var bot = await TestBot.Start(
            new Dictionary<string, string?>(TestBot.Unpaced()) { ["Bot:QuietHours"] = "", ["Bot:ReminderBatchSize"] = "2" },
            services => services.AddScoped<IReminderStore>(sp => new CrashingStore(ActivatorUtilities.CreateInstance<ReminderStore>(sp), crash)),
            clock,
            Postgres);
        var @event = await bot.AddEvent("Mitgliederversammlung", TimeSpan.FromDays(3), clock: clock);
        var members = Enumerable.Range(0, 5).Select(i => 6000L + i).ToList();
        foreach (var member in members)
        {
            await bot.AddMember(member, $"Mitglied {member}");
            bot.Api.OpenPrivateChat(member);
        }

        await Answers(bot, @event.Id, [.. members.Select(m => (m, Answer.Yes, Monday.UtcDateTime))]);
        var due = @event.StartsAt - TimeSpan.FromDays(1);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Sweep(bot, due));
        Assert.Equal(2, await bot.Db(db => db.RemindersSent.CountAsync()));
        await bot.Restart();
        Assert.Equal(3, await Sweep(bot, due + TimeSpan.FromMinutes(1)));
        Assert.Equal(0, await Sweep(bot, due + TimeSpan.FromMinutes(2)));

        await bot.Api.WaitFor(() => members.All(m => bot.Api.SentMessages(m).Count >= 1), what: "a reminder to everyone");
        await Task.Delay(300);
        Assert.All(members, m => Assert.Single(bot.Api.SentMessages(m)));
    }

    [Fact]
    public async Task Settings_ButtonsChangeLanguageAndLeadTimes_AndTheMessageShowsIt()
    {
        await using var bot = await Started(new FakeTimeProvider(Monday));
        var settings = await bot.Ask(Alice, "/settings");
        Assert.Contains("1 Tag und 2 Stunden vorher (Standard)", settings.Text);
        await Recorded(bot, Alice, settings.MessageId);

        await Press(bot, settings, "English");
        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Alice, settings.MessageId)!.Text.Contains("Your settings"), what: "the settings in English");
        await Press(bot, settings, "1 hour");
        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Alice, settings.MessageId)!.Text.Contains("1 day, 2 hours, and 1 hour before"), what: "1 hour added");

        var stored = await bot.Db(db => db.MemberSettings.SingleAsync(s => s.UserId == Alice));
        Assert.Equal("1440,120,60", stored.LeadTimes);
        Assert.Contains("Your settings", (await bot.Ask(Alice, "/settings", "de")).Text);
    }

    [Fact]
    public async Task QuietMinutes_ReadNoAnswers_UntilAReminderIsDueOrTheEventChanges()
    {
        var clock = new FakeTimeProvider(Monday);
        await using var bot = await Started(clock);
        var @event = await bot.AddEvent("Stammtisch", TimeSpan.FromDays(3), clock: clock);
        await Answers(bot, @event.Id, (Alice, Answer.Yes, Monday.UtcDateTime));
        var now = Monday.UtcDateTime;
        var due = @event.StartsAt - TimeSpan.FromDays(1);

        Assert.Equal(0, await Sweep(bot, now));
        Assert.Empty(await LookedAt(bot, now + TimeSpan.FromMinutes(1)));
        Assert.Empty(await LookedAt(bot, due - TimeSpan.FromMinutes(1)));
        Assert.Equal([@event.Id], await LookedAt(bot, due));

        await Answers(bot, @event.Id, (Bob, Answer.Maybe, now + TimeSpan.FromMinutes(1)));
        Assert.Equal([@event.Id], await LookedAt(bot, now + TimeSpan.FromMinutes(2)));
        Assert.Equal(0, await Sweep(bot, now + TimeSpan.FromMinutes(2)));
        Assert.Empty(await LookedAt(bot, now + TimeSpan.FromMinutes(3)));
        Assert.Equal(2, await Sweep(bot, due));
        Assert.Empty(await LookedAt(bot, due + TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task ConfiguredLeadTimesChanged_EventsPlannedBeforeArePlannedAnew()
    {
        var clock = new FakeTimeProvider(Monday);
        await using var bot = await Started(clock);
        var @event = await bot.AddEvent("Stammtisch", TimeSpan.FromDays(5), clock: clock);
        await Answers(bot, @event.Id, (Alice, Answer.Yes, Monday.UtcDateTime));
        Assert.Equal(0, await Sweep(bot, Monday.UtcDateTime));

        await bot.Restart(new Dictionary<string, string?> { ["Bot:ReminderLeadTimes:0"] = "3.00:00:00" });
        var threeDaysBefore = @event.StartsAt - TimeSpan.FromDays(3);

        Assert.Equal(0, await Sweep(bot, threeDaysBefore - TimeSpan.FromMinutes(1)));
        Assert.Equal(1, await Sweep(bot, threeDaysBefore));
        Assert.Equal([4320], await Ledger(bot, Alice));
    }

    [Fact]
    public async Task LeadTimeAddedInSettings_AfterTheEventWasPlanned_StillComes()
    {
        var clock = new FakeTimeProvider(Monday);
        await using var bot = await Started(clock);
        var @event = await bot.AddEvent("Klausurtagung", TimeSpan.FromDays(10), clock: clock);
        await Answers(bot, @event.Id, (Alice, Answer.Yes, Monday.UtcDateTime));
        var weekBefore = @event.StartsAt - TimeSpan.FromDays(7);
        clock.Advance(weekBefore - TimeSpan.FromHours(23) - Monday.UtcDateTime);
        Assert.Equal(0, await Sweep(bot, clock.GetUtcNow().UtcDateTime));

        var settings = await bot.Ask(Alice, "/settings");
        await Recorded(bot, Alice, settings.MessageId);
        await Press(bot, settings, "1 Woche");

        Assert.Equal(0, await Sweep(bot, weekBefore - TimeSpan.FromMinutes(1)));
        Assert.Equal(1, await Sweep(bot, weekBefore));
        Assert.Equal([10080], await Ledger(bot, Alice));
    }

    private Task<TestBot> Started(FakeTimeProvider clock, Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(TestBot.Unpaced()) { ["Bot:QuietHours"] = "" };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return StartedWithMembers(all, clock);
    }

    private async Task<TestBot> StartedWithMembers(Dictionary<string, string?> settings, FakeTimeProvider clock)
    {
        var bot = await TestBot.Start(settings, clock: clock, postgres: Postgres);
        await bot.AddMember(Alice, "Alice Amsel");
        await bot.AddMember(Bob, "Bob Buchfink");
        bot.Api.OpenPrivateChat(Alice);
        bot.Api.OpenPrivateChat(Bob);
        return bot;
    }

    private static async Task<int> Sweep(TestBot bot, DateTime at)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderService>().SendDue(new DateTimeOffset(at, TimeSpan.Zero), CancellationToken.None);
    }

    /// <summary>Answers given at a chosen moment, written as EventService writes them: with the event's version
    /// bumped in the same transaction.</summary>
    private static Task Answers(TestBot bot, long eventId, params (long User, Answer Answer, DateTime At)[] answers) =>
        bot.Db(async db =>
        {
            foreach (var (user, answer, at) in answers)
            {
                db.Rsvps.Add(new Rsvp { EventId = eventId, UserId = user, Answer = answer, AnsweredAt = at, Ticket = 1 });
            }

            (await db.Events.SingleAsync(e => e.Id == eventId)).Version++;
            return await db.SaveChangesAsync();
        });

    private static Task Move(TestBot bot, long eventId, DateTime startsAt) =>
        bot.Db(db => db.Events.Where(e => e.Id == eventId).ExecuteUpdateAsync(s => s.SetProperty(e => e.StartsAt, startsAt).SetProperty(e => e.Version, e => e.Version + 1)));

    /// <summary>The events a sweep at <paramref name="at"/> would read the answers of.</summary>
    private static async Task<List<long>> LookedAt(TestBot bot, DateTime at)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        var basis = scope.ServiceProvider.GetRequiredService<ReminderDefaults>().Basis;
        var events = await scope.ServiceProvider.GetRequiredService<IReminderStore>().EventsToLookAt(at, at + TimeSpan.FromDays(8), basis, everything: false, CancellationToken.None);
        return [.. events.Select(e => e.EventId)];
    }

    private static Task<List<int>> Ledger(TestBot bot, long userId) =>
        bot.Db(db => db.RemindersSent.Where(r => r.UserId == userId).OrderByDescending(r => r.LeadMinutes).Select(r => r.LeadMinutes).ToListAsync());

    private static async Task Recorded(TestBot bot, long chatId, long messageId)
    {
        for (var i = 0; i < 100 && !await bot.Db(db => db.Outbox.AnyAsync(o => o.ChatId == chatId && o.SentMessageId == messageId)); i++)
        {
            await Task.Delay(50);
        }
    }

    private static async Task Press(TestBot bot, FakeMessage message, string label)
    {
        var shown = bot.Api.ShownMessage(message.ChatId, message.MessageId)!;
        var button = shown.Buttons.First(b => b.Text.Contains(label, StringComparison.Ordinal));
        var press = bot.Api.UserPresses(message.ChatId, message.ChatId, message.MessageId, button.CallbackData!);
        await bot.Api.WaitFor(() => bot.Api.AnswerTo(press.CallbackQuery!.Id) is not null, what: $"the answer to {label}");
    }

    private sealed class CrashAfterFirstBatch
    {
        public int Batches;
    }

    /// <summary>The store as it is, except that the process "dies" after its first batch committed.</summary>
    private sealed class CrashingStore(IReminderStore inner, CrashAfterFirstBatch crash) : IReminderStore
    {
        public Task<IReadOnlyList<UpcomingEvent>> EventsToLookAt(DateTime now, DateTime until, string basis, bool everything, CancellationToken ct) =>
            inner.EventsToLookAt(now, until, basis, everything, ct);

        public Task<IReadOnlyList<ReminderCandidate>> Answers(IReadOnlyCollection<long> eventIds, CancellationToken ct) => inner.Answers(eventIds, ct);

        public Task Plan(IReadOnlyList<ReminderPlan> plans, CancellationToken ct) => inner.Plan(plans, ct);

        public Task<IReadOnlyList<SentReminder>> Sent(IReadOnlyCollection<long> eventIds, CancellationToken ct) => inner.Sent(eventIds, ct);

        public Task<(Event Event, Waitlist Waitlist)> EventNow(long eventId, CancellationToken ct) => inner.EventNow(eventId, ct);

        public async Task Send(IReadOnlyList<DueReminder> batch, DateTime at, CancellationToken ct)
        {
            if (crash.Batches++ == 1)
            {
                throw new InvalidOperationException("The process died here.");
            }

            await inner.Send(batch, at, ct);
        }
    }
}

[Collection(PostgreSqlServer.Collection)]
public sealed class ReminderTestsOnPostgreSql(PostgreSqlServer postgres) : ReminderTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
