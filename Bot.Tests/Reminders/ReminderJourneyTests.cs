using Bot.Domain.Chapters;
using Bot.Domain.Reminders;
using Bot.Telegram.Api;
using Bot.Tests.Fakes;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telegram.Bot.Types;

namespace Bot.Tests.Reminders;

/// <summary>SPEC.md "Reminders" the way people get there: the organizer types the event, members press the buttons
/// on its card, the organizer moves or cancels it; the sweep runs with the time it is scheduled for, on a fake clock.
/// The clock changes included: an event typed for 02:30 on the night the clocks change.</summary>
public class ReminderJourneyTests
{
    /// <summary>The server the tests run on in <see cref="ReminderJourneyTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private const long Olga = 4001;
    private const long Alice = 5001;
    private const long Bob = 5002;
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static DateTime Utc(int y, int mo, int d, int h, int mi) => TimeZoneInfo.ConvertTimeToUtc(new DateTime(y, mo, d, h, mi, 0), Berlin);

    [Fact]
    public async Task SpringForward_EventTypedFor0230_IsAt0330_AndEachLeadTimeComesOnceIn24And2RealHours()
    {
        // Sunday 28 March 2027: at 02:00 the clocks go to 03:00. 02:30 does not exist; the bot takes 03:30 (01:30 UTC).
        var clock = new FakeTimeProvider(new DateTimeOffset(Utc(2027, 3, 22, 12, 0), TimeSpan.Zero));
        await using var bot = await Started(clock);
        var created = await bot.NewEvent(Olga, "Nachtwanderung | 28.03.2027 02:30 | Marktplatz");
        Assert.Contains("03:30", created.Text);
        await AnswerYes(bot, Alice);
        var startsAt = new DateTime(2027, 3, 28, 1, 30, 0, DateTimeKind.Utc);
        Assert.Equal(startsAt, await bot.Db(db => db.Events.Select(e => e.StartsAt).SingleAsync()));

        // 24 real hours before is 02:30 on Saturday (winter time); 2 hours before is 00:30 on Sunday.
        Assert.Equal(0, await Sweep(bot, Utc(2027, 3, 27, 2, 29)));
        Assert.Equal(1, await Sweep(bot, Utc(2027, 3, 27, 2, 30)));
        Assert.Equal(0, await Sweep(bot, Utc(2027, 3, 27, 2, 31)));
        Assert.Equal(0, await Sweep(bot, Utc(2027, 3, 28, 0, 29)));
        Assert.Equal(1, await Sweep(bot, Utc(2027, 3, 28, 0, 30)));
        Assert.Equal(0, await Sweep(bot, startsAt - TimeSpan.FromMinutes(1)));

        await bot.Api.WaitFor(() => Reminders(bot, Alice).Count == 2, what: "two reminders");
        Assert.All(Reminders(bot, Alice), r => Assert.Contains("03:30", r.Text));
    }

    [Fact]
    public async Task FallBack_EventTypedFor0230_IsTheFirst0230_AndEachLeadTimeComesOnce()
    {
        // Sunday 31 October 2027: at 03:00 the clocks go back to 02:00, so 02:30 happens twice; the bot takes the
        // first, in summer time (00:30 UTC).
        var clock = new FakeTimeProvider(new DateTimeOffset(Utc(2027, 10, 25, 12, 0), TimeSpan.Zero));
        await using var bot = await Started(clock);
        await bot.NewEvent(Olga, "Nachtwanderung | 31.10.2027 02:30 | Marktplatz");
        await AnswerYes(bot, Alice);
        var startsAt = new DateTime(2027, 10, 31, 0, 30, 0, DateTimeKind.Utc);
        Assert.Equal(startsAt, await bot.Db(db => db.Events.Select(e => e.StartsAt).SingleAsync()));

        // 24 real hours before is 02:30 on Saturday; 2 hours before is 00:30 on Sunday, both still summer time.
        Assert.Equal(0, await Sweep(bot, startsAt - TimeSpan.FromDays(1) - TimeSpan.FromMinutes(1)));
        Assert.Equal(1, await Sweep(bot, Utc(2027, 10, 30, 2, 30)));
        Assert.Equal(0, await Sweep(bot, Utc(2027, 10, 30, 2, 31)));
        Assert.Equal(1, await Sweep(bot, Utc(2027, 10, 31, 0, 30)));
        // The first 02:00-02:59 of the night passes with nothing more; so does the second.
        for (var at = Utc(2027, 10, 31, 0, 31); at < startsAt + TimeSpan.FromHours(2); at += TimeSpan.FromMinutes(15))
        {
            Assert.Equal(0, await Sweep(bot, at));
        }

        await bot.Api.WaitFor(() => Reminders(bot, Alice).Count == 2, what: "two reminders");
        Assert.All(Reminders(bot, Alice), r => Assert.Contains("02:30", r.Text));
    }

    [Fact]
    public async Task OrganizerMovesTheEventADayLater_RemindersFollowTheNewTime()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(Utc(2026, 11, 23, 12, 0), TimeSpan.Zero));
        await using var bot = await Started(clock);
        await bot.NewEvent(Olga, "Stammtisch | 26.11.2026 19:00 | Gasthaus Krone");
        await AnswerYes(bot, Alice);
        Assert.Equal(0, await Sweep(bot, Utc(2026, 11, 23, 12, 1)));

        var card = await bot.Ask(Olga, "/events");
        var what = await PressForMessage(bot, Olga, card, "✏️");
        await PressForMessage(bot, Olga, what, "📅");
        var confirm = await bot.Ask(Olga, "27.11.2026 19:00");
        await PressForMessage(bot, Olga, confirm, "✅ Ja, ändern");
        await bot.Api.WaitForMessage(Alice, m => m.Text.Contains("Neue Zeit"));

        Assert.Equal(0, await Sweep(bot, Utc(2026, 11, 25, 19, 0)));
        Assert.Equal(0, await Sweep(bot, Utc(2026, 11, 26, 18, 59)));
        Assert.Equal(1, await Sweep(bot, Utc(2026, 11, 26, 19, 0)));
        Assert.Equal(1, await Sweep(bot, Utc(2026, 11, 27, 17, 0)));
        await bot.Api.WaitFor(() => Reminders(bot, Alice).Count == 2, what: "two reminders");
        Assert.All(Reminders(bot, Alice), r => Assert.Contains("27.11.", r.Text));
    }

    [Fact]
    public async Task OrganizerCancels_OrMemberSaysNo_NoMoreReminders()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(Utc(2026, 11, 23, 12, 0), TimeSpan.Zero));
        await using var bot = await Started(clock);
        await bot.NewEvent(Olga, "Stammtisch | 26.11.2026 19:00 | Gasthaus Krone");
        await bot.NewEvent(Olga, "Sitzung | 26.11.2026 20:00 | Büro");
        await AnswerYes(bot, Alice);
        await AnswerYes(bot, Bob, card: 1);
        Assert.Equal(2, await Sweep(bot, Utc(2026, 11, 25, 20, 0)));
        await bot.Api.WaitFor(() => Reminders(bot, Alice).Count == 1 && Reminders(bot, Bob).Count == 1, what: "the reminders a day before");

        await Press(bot, Alice, (await Cards(bot, Alice, 2))[0].MessageId, "❌");
        var question = await PressForMessage(bot, Olga, (await Cards(bot, Olga, 2))[1], "🚫");
        await Press(bot, Olga, question.MessageId, "🚫 Ja, absagen");
        await bot.Api.WaitForMessage(Bob, m => m.Text.Contains("Abgesagt:"));

        Assert.Equal(0, await Sweep(bot, Utc(2026, 11, 26, 18, 0)));
        Assert.Equal(0, await Sweep(bot, Utc(2026, 11, 26, 18, 59)));
        Assert.Single(Reminders(bot, Alice));
        Assert.Single(Reminders(bot, Bob));
    }

    private async Task<TestBot> Started(FakeTimeProvider clock)
    {
        var bot = await TestBot.Start(new Dictionary<string, string?>(TestBot.Unpaced()) { ["Bot:QuietHours"] = "" }, clock: clock, postgres: Postgres);
        foreach (var (id, name) in new[] { (Olga, "Olga"), (Alice, "Alice"), (Bob, "Bob") })
        {
            bot.Api.AddUser(new User { Id = id, IsBot = false, FirstName = name, LanguageCode = "de" });
            await bot.AddMember(id, name, role: id == Olga ? Role.Organizer : Role.Member);
        }

        return bot;
    }

    /// <summary>The member opens /events and presses ✅ on the card at <paramref name="card"/> (in start order).</summary>
    private static async Task AnswerYes(TestBot bot, long userId, int card = 0) =>
        await Press(bot, userId, (await Cards(bot, userId, card + 1))[card].MessageId, "✅");

    /// <summary>The member sends /events and gets (at least) <paramref name="count"/> event cards.</summary>
    private static async Task<IReadOnlyList<FakeMessage>> Cards(TestBot bot, long userId, int count)
    {
        var before = bot.Api.SentMessages(userId).Count;
        bot.Api.UserSends(userId, userId, "/events", "de");
        await bot.Api.WaitFor(() => bot.Api.SentMessages(userId).Count >= before + count, what: $"{count} event cards");
        return [.. bot.Api.SentMessages(userId).Skip(before)];
    }

    private static IReadOnlyList<FakeMessage> Reminders(TestBot bot, long userId) =>
        [.. bot.Api.SentMessages(userId).Where(m => m.Text.Contains("Erinnerung:"))];

    private static async Task<int> Sweep(TestBot bot, DateTime at)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderService>().SendDue(new DateTimeOffset(at, TimeSpan.Zero), CancellationToken.None);
    }

    private static async Task Press(TestBot bot, long userId, long messageId, string label)
    {
        await bot.Api.WaitFor(() => bot.Api.ShownMessage(userId, messageId)?.Buttons.Any(b => b.Text.StartsWith(label, StringComparison.Ordinal)) == true, what: $"the button {label}");
        var button = bot.Api.ShownMessage(userId, messageId)!.Buttons.First(b => b.Text.StartsWith(label, StringComparison.Ordinal));
        var press = bot.Api.UserPresses(userId, userId, messageId, button.CallbackData!);
        await bot.Api.WaitFor(() => bot.Api.AnswerTo(press.CallbackQuery!.Id) is not null, what: $"the answer to {label}");
    }

    private static async Task<FakeMessage> PressForMessage(TestBot bot, long userId, FakeMessage message, string label)
    {
        var before = bot.Api.SentMessages(userId).Count;
        await Press(bot, userId, message.MessageId, label);
        await bot.Api.WaitFor(() => bot.Api.SentMessages(userId).Count > before, what: $"the message after {label}");
        return bot.Api.SentMessages(userId)[before];
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
[Collection(PostgreSqlServer.Collection)]
public sealed class ReminderJourneyTestsOnPostgreSql(PostgreSqlServer postgres) : ReminderJourneyTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
