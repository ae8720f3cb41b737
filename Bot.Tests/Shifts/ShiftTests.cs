using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Bot.Tests.Shifts.ShiftScenario;

namespace Bot.Tests.Shifts;

/// <summary>SPEC.md "Shifts", through the whole host and the fake Bot API: posting, signing up, the waitlist, the
/// last slot, and what each reader sees.</summary>
public class ShiftTests
{
    /// <summary>The server the tests run on in <see cref="ShiftTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private Task<(TestBot Bot, FakeTimeProvider Clock)> Started() => ShiftScenario.Started(Postgres);

    [Fact]
    public async Task OrganizerPostsAShiftInOneLine_AndMembersSeeItsCardWithSignUpAndWithdraw()
    {
        var (bot, _) = await Started();
        await using var _bot = bot;
        await Post(bot);

        var card = await CardFor(bot, Alice);

        Assert.Contains("Haustürgespräche: Wahlbereich 12", card.Text);
        Assert.Contains("Sa, 14.11.2026, 10:00–13:00 Uhr", card.Text);
        Assert.Contains("Treffpunkt: Marktplatz", card.Text);
        Assert.Contains("Gesprächsoffensive", card.Text);
        Assert.Contains("0 von 2 Plätzen belegt (mindestens 2 gebraucht)", card.Text);
        Assert.Equal(["🙋", "🚪"], card.Buttons.Select(b => b.Text[..2]));
    }

    [Fact]
    public async Task SigningUp_UpdatesTheCards_MembersSeeCounts_TheOrganizerSeesNames()
    {
        var (bot, _) = await Started();
        await using var _bot = bot;
        var (_, organizerCard) = await Post(bot);
        var aliceCard = await CardFor(bot, Alice);
        var bobCard = await CardFor(bot, Bob);

        var answer = await Press(bot, Alice, aliceCard, "🙋");

        Assert.Equal("🙋 Notiert: du bist dabei.", answer.Text);
        var name = await bot.Db(db => db.Members.Where(m => m.UserId == Alice).Select(m => m.DisplayName).SingleAsync());
        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Alice, aliceCard.MessageId)!.Text.Contains("Du: 🙋 du bist dabei"), what: "Alice's card");
        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Bob, bobCard.MessageId)!.Text.Contains("1 von 2 Plätzen"), what: "Bob's card");
        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Olga, organizerCard.MessageId)!.Text.Contains($"🙋 {name}"), what: "the organizer's card");
        Assert.DoesNotContain(name, bot.Api.ShownMessage(Bob, bobCard.MessageId)!.Text);
        Assert.DoesNotContain(name, bot.Api.ShownMessage(Alice, aliceCard.MessageId)!.Text);
    }

    [Fact]
    public async Task BeyondTheSlots_AMemberWaitsWithTheirPlace_AndMovesUpWhenSomeoneWithdraws()
    {
        var (bot, _) = await Started();
        await using var _bot = bot;
        await Post(bot);
        var aliceCard = await CardFor(bot, Alice);
        await Press(bot, Alice, aliceCard, "🙋");
        await Press(bot, Bob, await CardFor(bot, Bob), "🙋");
        var carolCard = await CardFor(bot, Carol);

        var waiting = await Press(bot, Carol, carolCard, "🙋");
        Assert.StartsWith("⏳", waiting.Text);
        Assert.Contains("Platz 1", waiting.Text);

        var withdrawn = await Press(bot, Alice, aliceCard, "🚪");

        Assert.Equal("🚪 Notiert: du bist ausgetragen.", withdrawn.Text);
        var told = await bot.Api.WaitForMessage(Carol, m => m.Text.Contains("Ein Platz ist frei geworden"));
        Assert.Contains("Wahlbereich 12", told.Text);
        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Carol, carolCard.MessageId)!.Text.Contains("Du: 🙋 du bist dabei"), what: "Carol's card");
        Assert.DoesNotContain(bot.Api.SentMessages(Bob), m => m.Text.Contains("frei geworden"));
    }

    [Fact]
    public async Task TheLastSlot_PressedByTwoAtOnce_GoesToExactlyOne()
    {
        var (bot, _) = await Started();
        await using var _bot = bot;
        await Post(bot, "/newshift WB 3 | 14.11. 10-13 | Kirche | slots=1");
        var aliceCard = await CardFor(bot, Alice);
        var bobCard = await CardFor(bot, Bob);

        var presses = new[] { (Alice, aliceCard), (Bob, bobCard) }.Select(p =>
            bot.Api.UserPresses(p.Item1, p.Item1, p.Item2.MessageId, p.Item2.Buttons.First(b => b.Text.StartsWith("🙋", StringComparison.Ordinal)).CallbackData!).CallbackQuery!.Id).ToList();
        await bot.Api.WaitFor(() => presses.All(id => bot.Api.AnswerTo(id) is not null), what: "both presses answered");

        var answers = presses.Select(id => bot.Api.AnswerTo(id)!.Text!).ToList();
        Assert.Single(answers, a => a.StartsWith("🙋", StringComparison.Ordinal));
        Assert.Single(answers, a => a.StartsWith("⏳", StringComparison.Ordinal));
        Assert.Equal(2, await bot.Db(db => db.ShiftSignUps.Select(s => s.Ticket).Distinct().CountAsync()));
    }

    [Theory]
    [InlineData("/newshift WB 3 | 14.11. 10-13 | Kirche | slots=abc", "„abc“ ist keine Zahl von 1 bis 500")]
    [InlineData("/newshift WB 3 | 14.11. 13-10 | Kirche | slots=2", "liegt das Ende nicht nach dem Anfang")]
    [InlineData("/newshift WB 3 | 01.11.2026 10-13 | Kirche | slots=2", "schon vorbei")]
    [InlineData("/newshift WB 3 | 14.11. 10-13 | Kirche", "plätze=6")]
    [InlineData("/newshift WB 3 | 14.11. 10-13 | Kirche | slots=2 | pin=500,1", "kein Kartenpunkt")]
    [InlineData("/newshift WB 3 | 14.11. 10-13 | Kirche | slots=2 | min=3", "Minimum (3)")]
    public async Task BadInput_GetsAShortAnswerWithALineThatWorks_AndPostsNothing(string line, string expected)
    {
        var (bot, _) = await Started();
        await using var _bot = bot;

        var reply = await bot.Ask(Olga, line);

        Assert.Contains(expected, reply.Text);
        Assert.Contains("/newshift Wahlbereich 12 |", reply.Text);
        Assert.Equal(0, await bot.Db(db => db.Shifts.CountAsync()));
    }

    [Fact]
    public async Task AMember_CannotPostAShift()
    {
        var (bot, _) = await Started();
        await using var _bot = bot;

        await bot.Ask(Alice, Line);

        Assert.Equal(0, await bot.Db(db => db.Shifts.CountAsync()));
    }

    [Fact]
    public async Task OrganizerPostsAShiftStepByStep()
    {
        var (bot, _) = await Started();
        await using var _bot = bot;

        Assert.Contains("Wahlbereich", (await bot.Ask(Olga, "/newshift")).Text);
        Assert.Contains("Wann?", (await bot.Ask(Olga, "Wahlbereich 7")).Text);
        Assert.Contains("Treffpunkt", (await bot.Ask(Olga, "14.11. 10-13")).Text);
        Assert.Contains("Plätze", (await bot.Ask(Olga, "Bahnhof")).Text);
        Assert.Contains("keine Zahl", (await bot.Ask(Olga, "viele")).Text);
        Assert.Contains("Minimum", (await bot.Ask(Olga, "4")).Text);
        Assert.StartsWith("✅", (await bot.Ask(Olga, "2")).Text);

        var shift = await bot.Db(db => db.Shifts.SingleAsync());
        Assert.Equal(("Wahlbereich 7", "Bahnhof", 4, 2), (shift.Area, shift.MeetingPoint, shift.Slots, shift.Minimum));
    }

    [Fact]
    public async Task AShiftWithAMapPin_SendsTheMeetingPointAsAVenue()
    {
        var (bot, _) = await Started();
        await using var _bot = bot;
        await Post(bot, "/newshift WB 3 | 14.11. 10-13 | Kirche | slots=2 | pin=52.52,13.405");

        await CardFor(bot, Alice);

        var venue = Assert.Single(bot.Api.SentMessages(Alice), m => m.Venue is not null).Venue!;
        Assert.Equal((52.52, 13.405, "WB 3", "Kirche"), (venue.Latitude, venue.Longitude, venue.Title, venue.Address));
    }

    [Fact]
    public async Task My_ShowsMyShiftsWithMyPlace()
    {
        var (bot, _) = await Started();
        await using var _bot = bot;
        await Post(bot, "/newshift WB 3 | 14.11. 10-13 | Kirche | slots=1");
        await Press(bot, Alice, await CardFor(bot, Alice), "🙋");
        await Press(bot, Bob, await CardFor(bot, Bob), "🙋");

        await bot.Ask(Bob, "/my");
        var mine = await bot.Api.WaitForMessage(Bob, m => m.Text.Contains("Deine Schichten"));

        Assert.Contains("WB 3", mine.Text);
        Assert.Contains("Warteliste, Platz 1", mine.Text);
        Assert.StartsWith("🚪", mine.Buttons.Single().Text);
    }

    [Fact]
    public async Task OrganizerCancels_EveryoneSignedUpIsTold()
    {
        var (bot, _) = await Started();
        await using var _bot = bot;
        var (_, organizerCard) = await Post(bot);
        await Press(bot, Alice, await CardFor(bot, Alice), "🙋");
        await Recorded(bot, Olga, organizerCard.MessageId);

        await Press(bot, Olga, organizerCard, "🚫");
        var question = await bot.Api.WaitForMessage(Olga, m => m.Text.Contains("absagen?"));
        await Press(bot, Olga, question, "🚫");

        var told = await bot.Api.WaitForMessage(Alice, m => m.Text.Contains("wurde abgesagt"));
        Assert.Contains("Wahlbereich 12", told.Text);
        Assert.NotNull(await bot.Db(db => db.Shifts.Select(s => s.CancelledAt).SingleAsync()));
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
[Collection(PostgreSqlServer.Collection)]
public sealed class ShiftTestsOnPostgreSql(PostgreSqlServer postgres) : ShiftTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
