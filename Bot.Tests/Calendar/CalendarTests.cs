using Bot.Commands.Callbacks;
using Bot.Domain.Calendar;
using Bot.Domain.Chapters;
using Bot.Tests.Fakes;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Calendar;

/// <summary>Recurring entries, /calendar, subscriptions and announcements through the whole host, on a clock that
/// stands at Friday 20 November 2026, 14:00 in Berlin.</summary>
public class CalendarTests
{
    /// <summary>The server the tests run on in <see cref="CalendarTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private const long Olga = 3201;
    private const long Alice = 3202;
    private const long Bob = 3203;
    private const long Carl = 3204;

    private static readonly DateTimeOffset Friday = new(2026, 11, 20, 13, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task NewEvent_WithRepeat_SaysHowItRepeats_AndItsFirstDateIsTheFirstTheRuleNames()
    {
        await using var bot = await Started();

        var reply = await bot.NewEvent(Olga, "Stammtisch | Mi 25.11. 19:00 | Krone | repeat=1. Dienstag");

        Assert.StartsWith("✅ Angelegt für Landesverband: Stammtisch am Di, 01.12.2026, 19:00 Uhr.", reply.Text);
        Assert.Contains("Wiederholt sich jeden 1. Dienstag im Monat", reply.Text);
        var series = await bot.Db(db => db.Series.SingleAsync());
        Assert.Equal((new DateOnly(2026, 12, 1), new TimeOnly(19, 0), Frequency.Monthly), (series.FirstDate, series.Time, series.Frequency));
        Assert.Equal(1, await bot.Db(db => db.Occurrences.CountAsync()));
    }

    [Fact]
    public async Task Calendar_ShowsEveryDateOfTheYear_ByMonth()
    {
        await using var bot = await Started();
        await bot.NewEvent(Olga, "Stammtisch | Di 1.12. 19:00 | Krone | repeat=1st Tuesday | until=31.12.2027");
        await bot.NewEvent(Olga, "Gedenken | 27.1.2027 18:00 | Mahnmal | repeat=jährlich");

        var year = await bot.Ask(Alice, "/calendar 2027");

        Assert.StartsWith("📅 Kalender 2027", year.Text);
        Assert.Contains("Januar 2027\nDi 05.01. 19:00 Stammtisch 🔁\nMi 27.01. 18:00 Gedenken", year.Text);
        Assert.Contains("Dezember 2027\nDi 07.12. 19:00 Stammtisch 🔁", year.Text);
        Assert.Equal(12, year.Text.Split('\n').Count(l => l.Contains("Stammtisch", StringComparison.Ordinal)));
        var after = await bot.Ask(Alice, "/calendar 2028");
        Assert.DoesNotContain("Stammtisch", after.Text);
        Assert.Contains("Do 27.01. 18:00 Gedenken", after.Text);
    }

    [Fact]
    public async Task Calendar_ListsCanvassingShifts_AmongTheEvents_ButNotCancelledOnes()
    {
        await using var bot = await Started();
        await bot.NewEvent(Olga, "Stammtisch | 1.12. 19:00 | Krone");
        await bot.Ask(Olga, "/newshift Wahlbereich 12 | 2.12. 16:00-18:00 | Marktplatz | slots=4");
        await bot.Ask(Olga, "/newshift Wahlbereich 7 | 3.12. 10:00-12:00 | Bahnhof | slots=4");
        await bot.Api.WaitFor(() => bot.Db(db => db.Shifts.CountAsync()).GetAwaiter().GetResult() == 2, what: "both shifts posted");
        await bot.Db(async db =>
        {
            (await db.Shifts.SingleAsync(s => s.Area == "Wahlbereich 7")).CancelledAt = DateTime.UnixEpoch;
            return await db.SaveChangesAsync();
        });

        var german = await bot.Ask(Alice, "/calendar 2026");
        var english = await bot.Ask(Bob, "/calendar 2026", "en");

        Assert.Contains("Di 01.12. 19:00 Stammtisch\nMi 02.12. 16:00 🚪 Haustürgespräche: Wahlbereich 12", german.Text);
        Assert.DoesNotContain("Wahlbereich 7", german.Text);
        Assert.Contains("🚪 Canvassing: Wahlbereich 12", english.Text);
    }

    [Theory]
    [InlineData("/calendar 1848")]
    [InlineData("/calendar nächstes")]
    [InlineData("/calendar 99999999999999999999")]
    public async Task Calendar_WithAnUnreadableYear_SaysWhatItTakes(string line)
    {
        await using var bot = await Started();

        var reply = await bot.Ask(Alice, line);

        Assert.StartsWith("Welches Jahr? Zum Beispiel /calendar 2026", reply.Text);
    }

    [Fact]
    public async Task Series_DatesComingNear_BecomeEventsOfTheirOwn_ShownInEvents()
    {
        var clock = new FakeTimeProvider(Friday);
        await using var bot = await Started(clock);
        await bot.NewEvent(Olga, "Stammtisch | Di 24.11. 19:00 | Krone | repeat=weekly");

        await Materialize(bot, clock);
        await Materialize(bot, clock);

        var events = await bot.Db(db => db.Events.OrderBy(e => e.StartsAt).ToListAsync());
        Assert.Equal(6, events.Count); // 24.11. and the five Tuesdays up to six weeks ahead, each once
        Assert.All(events, e => Assert.Equal("Stammtisch", e.Title));
        Assert.Equal(new DateTime(2026, 12, 29, 18, 0, 0, DateTimeKind.Utc), events[^1].StartsAt);
        bot.Api.UserSends(Alice, Alice, "/events", "de");
        var sixth = await bot.Api.WaitForMessage(Alice, m => m.Text.StartsWith("Veranstaltungen 1–5 von 6", StringComparison.Ordinal));
        Assert.NotNull(sixth);
    }

    [Fact]
    public async Task OneOccurrence_Cancelled_DoesNotComeBack_AndTheOthersStay()
    {
        var clock = new FakeTimeProvider(Friday);
        await using var bot = await Started(clock);
        await bot.NewEvent(Olga, "Stammtisch | Di 24.11. 19:00 | Krone | repeat=weekly");
        await Materialize(bot, clock);
        await bot.Db(async db =>
        {
            var second = await db.Events.OrderBy(e => e.StartsAt).Skip(1).FirstAsync();
            second.CancelledAt = clock.GetUtcNow().UtcDateTime;
            return await db.SaveChangesAsync();
        });

        await Materialize(bot, clock);
        var year = await bot.Ask(Alice, "/calendar");

        Assert.Contains("Di 24.11. 19:00 Stammtisch", year.Text);
        Assert.DoesNotContain("Di 01.12.", year.Text);
        Assert.Contains("Di 08.12. 19:00 Stammtisch", year.Text);
    }

    [Fact]
    public async Task NewEvent_IsAnnouncedPrivately_OnlyToMembersSubscribedToEvents()
    {
        await using var bot = await Started();
        await bot.Ask(Alice, "/help");
        await bot.Ask(Bob, "/help");
        await bot.Ask(Bob, "/unsubscribe events");

        var reply = await bot.NewEvent(Olga, "Grillfest | Sa 28.11. 15:00 | Garten");
        var toAlice = await bot.Api.WaitForMessage(Alice, m => m.Text.StartsWith("Grillfest", StringComparison.Ordinal));

        Assert.Contains("📍 Garten", toAlice.Text);
        Assert.Contains("✅ Ja · 0", toAlice.Buttons.Select(b => b.Text));
        Assert.DoesNotContain(bot.Api.SentMessages(Bob), m => m.Text.Contains("Grillfest", StringComparison.Ordinal));
        Assert.DoesNotContain(bot.Api.SentMessages(Olga).Where(m => m.MessageId > reply.MessageId + 1), m => m.Text.StartsWith("Grillfest", StringComparison.Ordinal));
        // Carl never started the bot: nobody tries to write to him first.
        Assert.DoesNotContain(bot.Api.Requests, r => r.Method == "sendMessage" && !r.Succeeded);
    }

    [Fact]
    public async Task Subscribe_WithoutTopic_ShowsButtons_ThatSwitchATopic()
    {
        await using var bot = await Started();

        var topics = await bot.Ask(Alice, "/subscribe");
        Assert.Contains("✅ Veranstaltungen", topics.Buttons.Select(b => b.Text));
        Assert.Contains("▫️ Einsätze", topics.Buttons.Select(b => b.Text));

        bot.Api.UserPresses(Alice, Alice, topics.MessageId, topics.Button("▫️ Einsätze").CallbackData!);
        await bot.Api.WaitFor(() => bot.Api.ShownMessages(Alice).Any(m => m.MessageId == topics.MessageId && m.Buttons.Any(b => b.Text == "✅ Einsätze")), what: "the switched button");

        var stored = await bot.Db(db => db.TopicChoices.SingleAsync());
        Assert.Equal((Alice, Domain.Subscriptions.Topic.Shifts, true), (stored.UserId, stored.Topic, stored.Subscribed));
    }

    [Theory]
    [InlineData("/subscribe katzen")]
    [InlineData("/unsubscribe <b>")]
    public async Task Subscribe_AnUnknownTopic_ListsTheTopics(string line)
    {
        await using var bot = await Started();

        var reply = await bot.Ask(Alice, line);

        Assert.StartsWith("Das Thema kenne ich nicht. Themen: events, calendar, digest, shifts, notices.", reply.Text);
    }

    [Fact]
    public async Task ForgedTopicButton_ChangesNothing()
    {
        await using var bot = await Started();
        var topics = await bot.Ask(Alice, "/subscribe");

        bot.Api.UserPresses(Alice, Alice, topics.MessageId, CallbackCodec.Encode(CallbackData.Of("sub", 99, 1)));
        bot.Api.UserPresses(Alice, Alice, topics.MessageId, CallbackCodec.Encode(CallbackData.Of("sub", 3, 7)));
        await bot.Api.WaitFor(() => bot.Api.RequestsOf("answerCallbackQuery").Count >= 2, what: "two answers");

        Assert.Equal(0, await bot.Db(db => db.TopicChoices.CountAsync()));
    }

    private static async Task Materialize(TestBot bot, TimeProvider clock)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CalendarService>().Materialize(clock.GetUtcNow().UtcDateTime, default);
    }

    private async Task<TestBot> Started(FakeTimeProvider? clock = null)
    {
        var bot = await TestBot.Start(TestBot.Unpaced(), clock: clock ?? new FakeTimeProvider(Friday), postgres: Postgres);
        await bot.AddMember(Olga, "Olga Organisatorin", role: Role.Organizer);
        await bot.AddMember(Alice, "Alice Amsel");
        await bot.AddMember(Bob, "Bob Bär");
        await bot.AddMember(Carl, "Carl Clam");
        return bot;
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
[Collection(PostgreSqlServer.Collection)]
public sealed class CalendarTestsOnPostgreSql(PostgreSqlServer postgres) : CalendarTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
