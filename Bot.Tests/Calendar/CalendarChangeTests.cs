using Bot.Commands.Callbacks;
using Bot.Domain.Calendar;
using Bot.Domain.Chapters;
using Bot.Domain.Messaging;
using Bot.Tests.Fakes;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Calendar;

/// <summary>What members hear as the calendar changes: later dates of a series announced as they come near, change
/// notices to calendar subscribers, and organizers changing or cancelling a whole series; on a clock that stands at
/// Friday 20 November 2026, 14:00 in Berlin.</summary>
public class CalendarChangeTests
{
    /// <summary>The server the tests run on in <see cref="CalendarChangeTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private const long Olga = 3501;
    private const long Alice = 3502;
    private const long Bob = 3503;

    private static readonly DateTimeOffset Friday = new(2026, 11, 20, 13, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task LaterDatesOfASeries_AreAnnouncedToEventsSubscribers_AsTheyComeNear_EachOnce()
    {
        var clock = new FakeTimeProvider(Friday);
        await using var bot = await Started(clock);
        await Enter(bot, "/newevent Stammtisch | Di 24.11. 19:00 | Krone | repeat=weekly");

        await Materialize(bot, clock);
        await Materialize(bot, clock);
        var twoWeeksAhead = await Announced(bot, Alice, "Stammtisch");
        clock.Advance(TimeSpan.FromDays(7));
        await Materialize(bot, clock);

        Assert.Equal(2, twoWeeksAhead); // 24.11. when entered, 1.12. as within two weeks; 8.12. not yet
        Assert.Equal(3, await Announced(bot, Alice, "Stammtisch"));
        Assert.Equal(0, await Announced(bot, Bob, "Stammtisch")); // unsubscribed from events
        var announced = await bot.Api.WaitForMessage(Alice, m => m.Text.StartsWith("Stammtisch", StringComparison.Ordinal) && m.Text.Contains("08.12.", StringComparison.Ordinal));
        Assert.Contains("✅ Ja · 0", announced.Buttons.Select(b => b.Text));
    }

    [Fact]
    public async Task NewSeries_CalendarSubscribersAreToldOnce_ButNotTheOrganizerOrWhoUnsubscribed()
    {
        var clock = new FakeTimeProvider(Friday);
        await using var bot = await Started(clock);
        await Enter(bot, "/newevent Stammtisch | Di 1.12. 19:00 | Krone | repeat=1. Dienstag");

        await Changes(bot, clock);
        await bot.Restart();
        await Changes(bot, clock);

        var told = await bot.Api.WaitForMessage(Alice, m => m.Text.StartsWith("📅 Neu im Kalender", StringComparison.Ordinal));
        Assert.Equal("📅 Neu im Kalender: Stammtisch, jeden 1. Dienstag im Monat.\nErster Termin: Di, 01.12.2026, 19:00 Uhr\n📍 Krone", told.Text.Split("\n\n")[0]);
        Assert.Equal(1, await Queued(bot, Alice, "Neu im Kalender"));
        Assert.Equal(0, await Queued(bot, Olga, "Neu im Kalender"));
        Assert.Equal(0, await Queued(bot, Bob, "Neu im Kalender"));
    }

    [Fact]
    public async Task DateOfASeriesMovedOnItsOwn_CalendarSubscribersHearOnce_InTheirLanguage()
    {
        var clock = new FakeTimeProvider(Friday);
        await using var bot = await Started(clock);
        await bot.Db(async db =>
        {
            (await db.Members.SingleAsync(m => m.UserId == Alice)).Language = "en";
            return await db.SaveChangesAsync();
        });
        await Enter(bot, "/newevent Stammtisch | Di 1.12. 19:00 | Krone | repeat=1. Dienstag");
        await Changes(bot, clock);
        await bot.Db(async db =>
        {
            var first = await db.Events.SingleAsync();
            first.StartsAt = first.StartsAt.AddDays(1);
            first.Version++;
            return await db.SaveChangesAsync();
        });

        await Changes(bot, clock);
        await Changes(bot, clock);

        var told = await bot.Api.WaitForMessage(Alice, m => m.Text.StartsWith("📅 Date moved", StringComparison.Ordinal));
        Assert.Contains("Stammtisch\ninstead of Tue, 1 Dec 2026, 19:00\nnow Wed, 2 Dec 2026, 19:00", told.Text);
        Assert.Equal(1, await Queued(bot, Alice, "Date moved"));
    }

    [Fact]
    public async Task CalendarChange_InAMembersQuietHours_WaitsUntilTheyEnd()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 22, 0, 0, TimeSpan.Zero)); // 23:00 in Berlin
        await using var bot = await Started(clock);
        await Enter(bot, "/newevent Stammtisch | Di 1.12. 19:00 | Krone | repeat=1. Dienstag");

        await Changes(bot, clock);
        var atNight = await Queued(bot, Alice, "Neu im Kalender");
        clock.Advance(TimeSpan.FromHours(9));
        await Changes(bot, clock);

        Assert.Equal(0, atNight);
        Assert.Equal(1, await Queued(bot, Alice, "Neu im Kalender"));
    }

    [Fact]
    public async Task CancellingTheWholeSeries_ItsDatesAreOff_WhoSaidYesIsTold_AndTheCalendarSubscribers()
    {
        var clock = new FakeTimeProvider(Friday);
        await using var bot = await Started(clock);
        await Enter(bot, "/newevent Stammtisch | Di 24.11. 19:00 | Krone | repeat=weekly");
        await Materialize(bot, clock);
        await Answer(bot, Bob, await bot.Db(db => db.Events.OrderBy(e => e.StartsAt).Select(e => e.Id).FirstAsync()));
        await Changes(bot, clock);

        var list = await Reply(bot, Olga, "/calendar series", "🔁 Wiederkehrende Termine");
        bot.Api.UserPresses(Olga, Olga, list.MessageId, list.Buttons.Single().CallbackData!);
        var ask = await bot.Api.WaitForMessage(Olga, m => m.Text.StartsWith("Die ganze Reihe „Stammtisch“", StringComparison.Ordinal));
        bot.Api.UserPresses(Olga, Olga, ask.MessageId, ask.Buttons.Single().CallbackData!);
        var done = await bot.Api.WaitForMessage(Olga, m => m.Text.StartsWith("🚫 Die Reihe „Stammtisch“ ist abgesagt", StringComparison.Ordinal));
        await Changes(bot, clock);

        Assert.Equal("🚫 Die Reihe „Stammtisch“ ist abgesagt. 6 kommende Termine fallen aus. 1 Person, die zugesagt hatte, ist benachrichtigt. Die Abonnenten des Kalenders erfahren es.", done.Text);
        Assert.Equal(6, await bot.Db(db => db.Events.CountAsync(e => e.CancelledAt != null)));
        await bot.Api.WaitForMessage(Bob, m => m.Text.StartsWith("🚫 Abgesagt: Stammtisch am Di, 24.11.2026, 19:00 Uhr", StringComparison.Ordinal));
        var told = await bot.Api.WaitForMessage(Alice, m => m.Text.StartsWith("📅 Aus dem Kalender gestrichen: Stammtisch (jede Woche)", StringComparison.Ordinal));
        Assert.NotNull(told);
        Assert.Equal("In deinen Verbänden stehen für 2027 noch keine Termine.", (await Reply(bot, Alice, "/calendar 2027", "In deinen Verbänden")).Text);
    }

    [Fact]
    public async Task ChangingTheSeries_MovesItsDates_ButNotOneChangedOnItsOwn()
    {
        var clock = new FakeTimeProvider(Friday);
        await using var bot = await Started(clock);
        await Enter(bot, "/newevent Stammtisch | Di 24.11. 19:00 | Krone | repeat=weekly");
        await Materialize(bot, clock);
        var own = await bot.Db(async db =>
        {
            var second = await db.Events.OrderBy(e => e.StartsAt).Skip(1).FirstAsync();
            second.Place = "Biergarten";
            await db.SaveChangesAsync();
            return second.Id;
        });
        var seriesId = await bot.Db(db => db.Series.Select(s => s.Id).SingleAsync());

        var reply = await Reply(bot, Olga, $"/calendar change {seriesId} | - | 19:30 | -", "✏️");

        Assert.StartsWith("✏️ Die Reihe „Stammtisch“ ist geändert: jede Woche, 19:30 · Krone. 5 schon angelegte Termine wurden angepasst. Einzeln geänderte", reply.Text);
        var events = await bot.Db(db => db.Events.OrderBy(e => e.StartsAt).ToListAsync());
        Assert.All(events.Where(e => e.Id != own), e => Assert.Equal(18, e.StartsAt.Hour));
        Assert.All(events.Where(e => e.Id != own), e => Assert.Equal(30, e.StartsAt.Minute));
        Assert.Equal(new DateTime(2026, 12, 1, 18, 0, 0, DateTimeKind.Utc), events.Single(e => e.Id == own).StartsAt);
        Assert.Contains("Di 05.01. 19:30 Stammtisch 🔁", (await Reply(bot, Alice, "/calendar 2027", "📅 Kalender 2027")).Text);
        await Changes(bot, clock);
        await bot.Api.WaitForMessage(Alice, m => m.Text.StartsWith("📅 Im Kalender geändert: Stammtisch, jede Woche.\nNächster Termin: Di, 24.11.2026, 19:30 Uhr", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/calendar change", "So änderst du eine ganze Reihe")]
    [InlineData("/calendar change x | a | b | c", "So änderst du eine ganze Reihe")]
    [InlineData("/calendar change 1 | - | morgens | -", "Die Uhrzeit „morgens“ verstehe ich nicht")]
    [InlineData("/calendar change 999 | - | 20:00 | -", "Diese Reihe gibt es nicht (mehr)")]
    [InlineData("/calendar change 1 | \u0007 | - | -", "Das geht so nicht: der Titel ist zu lang")]
    public async Task ChangeSeries_WithWrongInput_SaysWhatItTakes(string line, string answer)
    {
        await using var bot = await Started(new FakeTimeProvider(Friday));
        await Enter(bot, "/newevent Stammtisch | Di 24.11. 19:00 | Krone | repeat=weekly");

        var reply = await bot.Ask(Olga, line);

        Assert.StartsWith(answer, reply.Text);
        Assert.Equal(new TimeOnly(19, 0), await bot.Db(db => db.Series.Select(s => s.Time).SingleAsync()));
    }

    [Fact]
    public async Task AMember_CannotChangeOrCancelASeries_NotEvenWithAForgedButton()
    {
        await using var bot = await Started(new FakeTimeProvider(Friday));
        await Enter(bot, "/newevent Stammtisch | Di 24.11. 19:00 | Krone | repeat=weekly");
        var seriesId = await bot.Db(db => db.Series.Select(s => s.Id).SingleAsync());

        var list = await Reply(bot, Alice, "/calendar series", "Du organisierst");
        var change = await Reply(bot, Alice, $"/calendar change {seriesId} | Party | 23:00 | Keller", "Diese Reihe");
        bot.Api.UserPresses(Alice, Alice, list.MessageId, CallbackCodec.Encode(CallbackData.Of("ser", "yes", seriesId)));
        await bot.Api.WaitFor(() => bot.Api.RequestsOf("answerCallbackQuery").Count >= 1, what: "the answer to the forged button");

        Assert.StartsWith("Du organisierst keine wiederkehrenden Termine", list.Text);
        Assert.StartsWith("Diese Reihe gibt es nicht (mehr)", change.Text);
        var series = await bot.Db(db => db.Series.SingleAsync());
        Assert.Equal(("Stammtisch", (DateTime?)null), (series.Title, series.CancelledAt));
    }

    [Fact]
    public async Task Settings_OfferTheTopicButtons()
    {
        await using var bot = await Started(new FakeTimeProvider(Friday));

        var settings = await bot.Ask(Alice, "/settings");
        bot.Api.UserPresses(Alice, Alice, settings.MessageId, settings.Button("🔔 Themen, die ich ohne Nachfrage bekomme").CallbackData!);
        var topics = await bot.Api.WaitForMessage(Alice, m => m.MessageId > settings.MessageId && m.Buttons.Any(b => b.Text == "▫️ Einsätze"));

        Assert.Contains("✅ Veranstaltungen", topics.Buttons.Select(b => b.Text));
    }

    [Fact]
    public async Task NewEventDialog_RepeatFromTheSummary_OffersExamplesForItsDay_AndEntersTheSeries()
    {
        await using var bot = await Started(new FakeTimeProvider(Friday));
        await bot.Ask(Olga, "/newevent");
        await bot.Ask(Olga, "Stammtisch");
        await bot.Ask(Olga, "Di 1.12. 19:00");
        var capacity = await bot.Ask(Olga, "Krone");
        var guests = await Press(bot, Olga, capacity, "Ohne Begrenzung");
        var deadline = await Press(bot, Olga, guests, "Keine");
        var note = await Press(bot, Olga, deadline, "Bis zum Beginn");
        var summary = await Press(bot, Olga, note, "Kein Hinweis");

        var question = await Press(bot, Olga, summary, "🔁 Wiederholen …");
        var refused = await bot.Ask(Olga, "ab und zu");
        var repeats = await bot.Ask(Olga, "1. Dienstag");
        var created = await Press(bot, Olga, repeats, "✅ Anlegen");

        Assert.StartsWith("🔁 Wiederholt sich „Stammtisch“? Dann schreib die Regel, zum Beispiel: jährlich, wöchentlich, alle 2 Wochen, 1. Dienstag, 1. Dienstag im Dezember.", question.Text);
        Assert.Equal(["Nur einmal"], question.Buttons.Select(b => b.Text));
        Assert.StartsWith("⚠️", refused.Text);
        Assert.Contains("ab und zu", refused.Text);
        Assert.Contains("🔁 wiederholt sich jeden 1. Dienstag im Monat", repeats.Text);
        Assert.Contains("🔁 Wiederholt sich jeden 1. Dienstag im Monat.", created.Text);
        var series = await bot.Db(db => db.Series.SingleAsync());
        Assert.Equal((new DateOnly(2026, 12, 1), Frequency.Monthly, 1, (DayOfWeek?)DayOfWeek.Tuesday), (series.FirstDate, series.Frequency, series.Nth, series.Weekday));
    }

    [Fact]
    public async Task NewEventDialog_RepeatJustOnce_CreatesOneEvent()
    {
        await using var bot = await Started(new FakeTimeProvider(Friday));
        await bot.Ask(Olga, "/newevent");
        await bot.Ask(Olga, "Grillfest");
        await bot.Ask(Olga, "Sa 28.11. 15:00");
        var capacity = await bot.Ask(Olga, "Garten");
        var guests = await Press(bot, Olga, capacity, "Ohne Begrenzung");
        var deadline = await Press(bot, Olga, guests, "Keine");
        var note = await Press(bot, Olga, deadline, "Bis zum Beginn");
        var summary = await Press(bot, Olga, note, "Kein Hinweis");
        var question = await Press(bot, Olga, summary, "🔁 Wiederholen …");

        var again = await Press(bot, Olga, question, "Nur einmal");
        await Press(bot, Olga, again, "✅ Anlegen");

        Assert.StartsWith("Bitte prüfen:", again.Text);
        Assert.DoesNotContain("🔁 Wiederholt", again.Text);
        Assert.Equal((1, 0), (await bot.Db(db => db.Events.CountAsync()), await bot.Db(db => db.Series.CountAsync())));
    }

    [Theory]
    [InlineData("de")]
    [InlineData("en")]
    public void RepeatExamples_EveryDayOfALeapYear_AreRulesTheBotReads_ThatNameThatDay(string language)
    {
        var texts = new Bot.Texts.TextCatalog(Microsoft.Extensions.Options.Options.Create(new Bot.BotOptions()));
        var culture = System.Globalization.CultureInfo.GetCultureInfo(language);
        for (var day = new DateOnly(2028, 1, 1); day.Year == 2028; day = day.AddDays(1))
        {
            foreach (var example in Bot.Commands.Calendar.RepeatStep.Examples(texts, culture, day))
            {
                var rule = RecurrenceParser.Parse(example);
                Assert.True(rule is not null, $"{example} ({day})");
                Assert.Equal(day, rule.FirstOnOrAfter(day));
            }
        }
    }

    /// <summary>The reply that starts so: announcements of a series' dates may arrive in between.</summary>
    private static async Task<FakeMessage> Reply(TestBot bot, long userId, string text, string start)
    {
        var before = bot.Api.SentMessages(userId).Count;
        bot.Api.UserSends(userId, userId, text, "de");
        await bot.Api.WaitFor(() => bot.Api.SentMessages(userId).Skip(before).Any(m => m.Text.StartsWith(start, StringComparison.Ordinal)), what: $"the reply to '{text}'");
        return bot.Api.SentMessages(userId).Skip(before).First(m => m.Text.StartsWith(start, StringComparison.Ordinal));
    }

    private static async Task<FakeMessage> Press(TestBot bot, long userId, FakeMessage message, string label)
    {
        var before = bot.Api.SentMessages(userId).Count;
        var press = bot.Api.UserPresses(userId, userId, message.MessageId, message.Button(label).CallbackData!);
        await bot.Api.WaitFor(() => bot.Api.AnswerTo(press.CallbackQuery!.Id) is not null && bot.Api.SentMessages(userId).Count > before, what: $"the press of '{label}' answered");
        return bot.Api.SentMessages(userId)[before];
    }

    private static async Task Answer(TestBot bot, long userId, long eventId)
    {
        bot.Api.UserSends(userId, userId, "/events", "de");
        var card = await bot.Api.WaitForMessage(userId, m => m.Buttons.Any(b => b.Text.StartsWith("✅", StringComparison.Ordinal)) && m.Text.Contains("24.11.", StringComparison.Ordinal));
        bot.Api.UserPresses(userId, userId, card.MessageId, card.Buttons.First(b => b.Text.StartsWith("✅", StringComparison.Ordinal)).CallbackData!);
        await bot.Api.WaitFor(() => bot.Db(db => db.Rsvps.AnyAsync(r => r.EventId == eventId && r.UserId == userId)).GetAwaiter().GetResult(), what: "the answer recorded");
    }

    /// <summary>Messages queued for a member that start with the text: what they will see, counted where a second
    /// copy would be, before the dispatcher sends it.</summary>
    private static Task<int> Queued(TestBot bot, long userId, string text) =>
        bot.Db(db => db.Outbox.CountAsync(o => o.ChatId == userId && o.Text != null && o.Text.Contains(text)));

    /// <summary>Event cards queued for a member at bulk urgency: announcements, not answers to their own /events.</summary>
    private static Task<int> Announced(TestBot bot, long userId, string title) =>
        bot.Db(db => db.Outbox.CountAsync(o => o.ChatId == userId && o.Urgency == Urgency.Bulk && o.Tag != null && o.Tag.StartsWith("card:") && o.Text!.Contains(title)));

    /// <summary>The organizer enters an event; the test goes on once its card is there too.</summary>
    /// <summary>A one-line /newevent, confirmed on its summary.</summary>
    private static Task Enter(TestBot bot, string line) => bot.NewEvent(Olga, line["/newevent ".Length..]);

    private static async Task Materialize(TestBot bot, TimeProvider clock)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CalendarService>().Materialize(clock.GetUtcNow().UtcDateTime, default);
    }

    private static async Task Changes(TestBot bot, TimeProvider clock)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CalendarChangeService>().Send(clock.GetUtcNow().UtcDateTime, default);
    }

    private async Task<TestBot> Started(FakeTimeProvider clock)
    {
        var bot = await TestBot.Start(TestBot.Unpaced(), clock: clock, postgres: Postgres);
        await bot.AddMember(Olga, "Olga Organisatorin", role: Role.Organizer);
        await bot.AddMember(Alice, "Alice Amsel");
        await bot.AddMember(Bob, "Bob Bär");
        await bot.Ask(Olga, "/help");
        await bot.Ask(Alice, "/help");
        await bot.Ask(Bob, "/unsubscribe events");
        await bot.Ask(Bob, "/unsubscribe calendar");
        return bot;
    }
}

[Collection(PostgreSqlServer.Collection)]
public sealed class CalendarChangeTestsOnPostgreSql(PostgreSqlServer postgres) : CalendarChangeTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
