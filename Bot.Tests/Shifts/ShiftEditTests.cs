using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Bot.Tests.Shifts.ShiftScenario;

namespace Bot.Tests.Shifts;

/// <summary>An organizer changes a shift from the bot: ✏️ on the card offers the /editshift line filled in; the
/// change reaches everyone signed up and every copy of the card.</summary>
public class ShiftEditTests
{
    /// <summary>The server the tests run on in <see cref="ShiftEditTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private Task<(TestBot Bot, FakeTimeProvider Clock)> Started() => ShiftScenario.Started(Postgres);

    [Fact]
    public async Task EditOnTheCard_OffersTheLineFilledInWithTheShiftAsItIs()
    {
        var (bot, _) = await Started();
        await using var _bot = bot;
        var (shift, organizerCard) = await Post(bot);
        await Recorded(bot, Olga, organizerCard.MessageId);

        await Press(bot, Olga, organizerCard, "✏️");

        var offer = await bot.Api.WaitForMessage(Olga, m => m.Text.Contains("/editshift"));
        Assert.Contains($"/editshift {shift.Id} | Sa 14.11. 10:00-13:00 | Marktplatz | slots=2 | min=2", offer.Text);
    }

    [Fact]
    public async Task AMovedShift_TellsTheSignedUpMembers_AndUpdatesTheirCards()
    {
        var (bot, _) = await Started();
        await using var _bot = bot;
        var (shift, organizerCard) = await Post(bot);
        var aliceCard = await CardFor(bot, Alice);
        await Press(bot, Alice, aliceCard, "🙋");

        var done = await bot.Ask(Olga, $"/editshift {shift.Id} | 15.11. 14-17 | Rathaus");

        Assert.Contains("ist geändert; 1 Eingetragene", done.Text);
        var told = await bot.Api.WaitForMessage(Alice, m => m.Text.Contains("wurde geändert"));
        Assert.Contains("Wahlbereich 12", told.Text);
        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Alice, aliceCard.MessageId)!.Text.Contains("So, 15.11.2026, 14:00–17:00 Uhr"), what: "Alice's card");
        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Alice, aliceCard.MessageId)!.Text.Contains("Treffpunkt: Rathaus"), what: "Alice's card");
        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Olga, organizerCard.MessageId)!.Text.Contains("Treffpunkt: Rathaus"), what: "the organizer's card");
    }

    [Fact]
    public async Task MoreSlots_MoveTheWaitingUp_AndTellThem()
    {
        var (bot, _) = await Started();
        await using var _bot = bot;
        var (shift, _) = await Post(bot);
        await Press(bot, Alice, await CardFor(bot, Alice), "🙋");
        await Press(bot, Bob, await CardFor(bot, Bob), "🙋");
        var carolCard = await CardFor(bot, Carol);
        await Press(bot, Carol, carolCard, "🙋");

        await bot.Ask(Olga, $"/editshift {shift.Id} | - | - | slots=3");

        var told = await bot.Api.WaitForMessage(Carol, m => m.Text.Contains("Ein Platz ist frei geworden"));
        Assert.Contains("Wahlbereich 12", told.Text);
        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Carol, carolCard.MessageId)!.Text.Contains("Du: 🙋 du bist dabei"), what: "Carol's card");
        Assert.Equal(3, await bot.Db(db => db.Shifts.Select(s => s.Slots).SingleAsync()));
    }

    [Fact]
    public async Task ALowerMinimum_ShowsOnTheCards_WithoutTellingTheSignedUp()
    {
        var (bot, _) = await Started();
        await using var _bot = bot;
        var (shift, _) = await Post(bot);
        var aliceCard = await CardFor(bot, Alice);
        await Press(bot, Alice, aliceCard, "🙋");

        var done = await bot.Ask(Olga, $"/editshift {shift.Id} | - | - | - | min=1");

        Assert.Contains("ist geändert; 0 Eingetragene", done.Text);
        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Alice, aliceCard.MessageId)!.Text.Contains("mindestens 1 gebraucht"), what: "Alice's card");
        Assert.DoesNotContain(bot.Api.SentMessages(Alice), m => m.Text.Contains("wurde geändert"));
    }

    [Fact]
    public async Task FewerSlotsThanTaken_AreRefused_AndTheShiftStaysAsItWas()
    {
        var (bot, _) = await Started();
        await using var _bot = bot;
        var (shift, _) = await Post(bot);
        await Press(bot, Alice, await CardFor(bot, Alice), "🙋");
        await Press(bot, Bob, await CardFor(bot, Bob), "🙋");

        var refused = await bot.Ask(Olga, $"/editshift {shift.Id} | - | - | slots=1");

        Assert.Contains("2 sind schon eingetragen", refused.Text);
        Assert.Equal(2, await bot.Db(db => db.Shifts.Select(s => s.Slots).SingleAsync()));
    }

    [Theory]
    [InlineData("| 14.11. 13-10", "Ende")]
    [InlineData("| 01.11.2026 10-13", "")]
    [InlineData("| - | - | slots=lots", "")]
    [InlineData("| - | - | colour=red", "colour=red")]
    [InlineData("| - | - | min=3", "")]
    public async Task BadInput_GetsAShortAnswer_AndChangesNothing(string rest, string expected)
    {
        var (bot, _) = await Started();
        await using var _bot = bot;
        var (shift, _) = await Post(bot);

        var answer = await bot.Ask(Olga, $"/editshift {shift.Id} {rest}");

        Assert.StartsWith("⚠️", answer.Text);
        Assert.Contains(expected, answer.Text);
        var after = await bot.Db(db => db.Shifts.SingleAsync());
        Assert.Equal((shift.StartsAt, shift.EndsAt, shift.Slots, shift.Version), (after.StartsAt, after.EndsAt, after.Slots, after.Version));
    }

    [Fact]
    public async Task AShiftNumberThatDoesNotExist_IsAnsweredWithHowToFindIt()
    {
        var (bot, _) = await Started();
        await using var _bot = bot;
        await Post(bot);

        var answer = await bot.Ask(Olga, "/editshift 999 | - | Rathaus");

        Assert.Contains("Nr. 999", answer.Text);
        Assert.Contains("✏️", answer.Text);
    }

    [Fact]
    public async Task AMember_CannotEditAShift_NeitherByCommandNorByAForgedButton()
    {
        var (bot, _) = await Started();
        await using var _bot = bot;
        var (shift, _) = await Post(bot);
        var aliceCard = await CardFor(bot, Alice);
        Assert.DoesNotContain(aliceCard.Buttons, b => b.Text.StartsWith("✏️", StringComparison.Ordinal));

        var refused = await bot.Ask(Alice, $"/editshift {shift.Id} | - | Rathaus");
        Assert.Contains("/editshift ist für Organisator:innen", refused.Text);
        await Recorded(bot, Alice, aliceCard.MessageId);
        var press = bot.Api.UserPresses(Alice, Alice, aliceCard.MessageId, Bot.Commands.Callbacks.CallbackCodec.Encode(Bot.Commands.Callbacks.CallbackData.Of(Bot.Commands.Shifts.ShiftCard.Route, shift.Id, Bot.Commands.Shifts.ShiftCard.Edit)));
        await bot.Api.WaitFor(() => bot.Api.AnswerTo(press.CallbackQuery!.Id) is not null, what: "the answer to the forged button");

        Assert.True(bot.Api.AnswerTo(press.CallbackQuery!.Id)!.ShowAlert);
        Assert.DoesNotContain(bot.Api.SentMessages(Alice), m => m.Text.Contains("schick diese Zeile", StringComparison.Ordinal));
        Assert.Equal("Marktplatz", await bot.Db(db => db.Shifts.Select(s => s.MeetingPoint).SingleAsync()));
    }
}

[Collection(PostgreSqlServer.Collection)]
public sealed class ShiftEditTestsOnPostgreSql(PostgreSqlServer postgres) : ShiftEditTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
