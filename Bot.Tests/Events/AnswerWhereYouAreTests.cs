using Bot.Domain.Events;
using Bot.Domain.Reminders;
using Bot.Tests.Fakes;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Events;

/// <summary>Issue 15, points 1 and 3: a place that comes free reaches the next on the waitlist whatever freed it, and
/// every message about one event lets the member answer from where they are.</summary>
public class AnswerWhereYouAreTests
{
    /// <summary>The server the tests run on in <see cref="AnswerWhereYouAreTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private const long Alice = 15_001;
    private const long Bob = 15_002;
    private const long Carol = 15_003;

    [Fact]
    public async Task MemberWithAPlaceErasesTheirData_TheFirstWaitingIsTold_WithButtons_AndEveryCardShowsTheNewWaitlist()
    {
        await using var bot = await Started();
        await bot.AddEvent("Vorstandssitzung", TimeSpan.FromDays(3), capacity: 1);
        await Press(bot, Alice, await bot.Ask(Alice, "/events"), "✅");
        var bobsCard = await bot.Ask(Bob, "/events");
        await Press(bot, Bob, bobsCard, "✅");
        var carolsCard = await bot.Ask(Carol, "/events");
        await Press(bot, Carol, carolsCard, "✅");
        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Carol, carolsCard.MessageId)!.Text.Contains("Platz 2"), what: "Carol second in line");

        var warning = await bot.Ask(Alice, "/deleteme");
        bot.Api.UserPresses(Alice, Alice, warning.MessageId, warning.Button("🗑 Ja, meine Daten löschen").CallbackData!);

        var told = await bot.Api.WaitForMessage(Bob, m => m.Text.Contains("Ein Platz ist frei geworden"));
        Assert.Contains("Vorstandssitzung", told.Text);
        Assert.Equal(["✅ Ja", "🤔 Vielleicht", "❌ Nein"], told.Buttons.Select(b => b.Text));
        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Bob, bobsCard.MessageId)!.Text.Contains("Deine Antwort: ✅ du bist dabei"), what: "Bob's card showing his place");
        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Carol, carolsCard.MessageId)!.Text.Contains("⏳ Warteliste, Platz 1"), what: "Carol's card showing her moving up");
        Assert.DoesNotContain(bot.Api.SentMessages(Carol), m => m.Text.Contains("frei geworden"));
    }

    [Fact]
    public async Task PromotedMember_PressesNoOnTheNotice_TheNoticeStays_AndTheNextWaitingMovesUp()
    {
        await using var bot = await Started();
        await bot.AddEvent("Vorstandssitzung", TimeSpan.FromDays(3), capacity: 1);
        var alicesCard = await bot.Ask(Alice, "/events");
        await Press(bot, Alice, alicesCard, "✅");
        await Press(bot, Bob, await bot.Ask(Bob, "/events"), "✅");
        await Press(bot, Carol, await bot.Ask(Carol, "/events"), "✅");
        await Press(bot, Alice, alicesCard, "❌");
        var notice = await bot.Api.WaitForMessage(Bob, m => m.Text.Contains("Ein Platz ist frei geworden"));

        var answer = await Press(bot, Bob, notice, "❌");

        Assert.Equal("❌ Notiert: du bist nicht dabei.", answer.Text);
        Assert.Equal(Answer.No, await AnswerOf(bot, Bob));
        await bot.Api.WaitForMessage(Carol, m => m.Text.Contains("Ein Platz ist frei geworden"));
        Assert.Contains("Ein Platz ist frei geworden", bot.Api.ShownMessage(Bob, notice.MessageId)!.Text);
    }

    [Fact]
    public async Task My_ShowsEachAnsweredEventAsACard_WithMyAnswerAndTheButtonsToChangeIt()
    {
        await using var bot = await Started();
        await bot.AddEvent("Stammtisch", TimeSpan.FromDays(3));
        await bot.AddEvent("Infostand", TimeSpan.FromDays(4));
        await Press(bot, Alice, await bot.Ask(Alice, "/events"), "🤔");

        var header = await bot.Ask(Alice, "/my");
        await bot.Api.WaitFor(() => bot.Api.SentMessages(Alice).Count(m => m.MessageId > header.MessageId) >= 2, what: "the card and the footer");
        var card = bot.Api.SentMessages(Alice).First(m => m.MessageId > header.MessageId);

        Assert.Contains("Deine Antworten", header.Text);
        Assert.Contains("Stammtisch", card.Text);
        Assert.Contains("Deine Antwort: 🤔 vielleicht", card.Text);
        Assert.DoesNotContain(bot.Api.SentMessages(Alice).Where(m => m.MessageId > header.MessageId), m => m.Text.Contains("Infostand"));
        await Press(bot, Alice, card, "✅");
        Assert.Equal(Answer.Yes, await AnswerOf(bot, Alice));
    }

    [Fact]
    public async Task Reminder_CarriesTheAnswerButtons_AndNoPressedOnIt_IsRecorded()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 11, 0, 0, TimeSpan.Zero));
        await using var bot = await Started(clock, new Dictionary<string, string?>(TestBot.Unpaced()) { ["Bot:QuietHours"] = "" });
        var @event = await bot.AddEvent("Stammtisch", TimeSpan.FromDays(3), clock: clock);
        await Press(bot, Alice, await bot.Ask(Alice, "/events"), "✅");
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReminderService>().SendDue(new DateTimeOffset(@event.StartsAt - TimeSpan.FromDays(1), TimeSpan.Zero), CancellationToken.None);
        }

        var reminder = await bot.Api.WaitForMessage(Alice, m => m.Text.Contains("Erinnerung"));
        Assert.Contains("drück unten auf ❌", reminder.Text);
        Assert.Equal(["✅ Ja", "🤔 Vielleicht", "❌ Nein"], reminder.Buttons.Take(3).Select(b => b.Text));
        Assert.StartsWith("🔕", reminder.Buttons[^1].Text);

        await Press(bot, Alice, reminder, "❌");

        Assert.Equal(Answer.No, await AnswerOf(bot, Alice));
    }

    [Fact]
    public async Task GuestButton_ShowsHowManyGuestsTheMemberBrings_AndSaysSoWhenTheyGoAgain()
    {
        await using var bot = await Started();
        await bot.AddEvent("Grillfest", TimeSpan.FromDays(3), capacity: 10, maxGuests: 2);
        var card = await bot.Ask(Alice, "/events");
        Assert.Contains(card.Buttons, b => b.Text == "➕ Gast mitbringen");

        await Press(bot, Alice, card, "➕");
        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Alice, card.MessageId)!.Buttons.Any(b => b.Text == "➕ Noch ein Gast (bisher 1 Gast)"), what: "one guest on the button");
        var second = await Press(bot, Alice, card, "➕");
        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Alice, card.MessageId)!.Buttons.Any(b => b.Text == "➖ Ohne Gäste (bisher 2 Gäste)"), what: "two guests on the button");
        var none = await Press(bot, Alice, card, "➖");

        Assert.Equal("✅ Notiert: du bist dabei, mit 2 Gästen.", second.Text);
        Assert.Equal("✅ Notiert: du bist dabei, jetzt ohne Gast.", none.Text);
        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Alice, card.MessageId)!.Buttons.Any(b => b.Text == "➕ Gast mitbringen"), what: "the button back to bringing one");
    }

    private async Task<TestBot> Started(FakeTimeProvider? clock = null, Dictionary<string, string?>? settings = null)
    {
        var bot = await TestBot.Start(settings ?? TestBot.Unpaced(), clock: clock, postgres: Postgres);
        await bot.AddMember(Alice, "Alice Amsel");
        await bot.AddMember(Bob, "Bob Buchfink");
        await bot.AddMember(Carol, "Carol Cornelius");
        bot.Api.OpenPrivateChat(Alice);
        bot.Api.OpenPrivateChat(Bob);
        bot.Api.OpenPrivateChat(Carol);
        return bot;
    }

    /// <summary>The member presses the button whose label starts with <paramref name="label"/> once the message is
    /// recorded as sent (as a person presses only what they see), and the test waits for the answer to the press.</summary>
    private static async Task<CallbackAnswer> Press(TestBot bot, long userId, FakeMessage message, string label)
    {
        await bot.Api.WaitFor(() => bot.Db(db => db.Outbox.AnyAsync(o => o.ChatId == userId && o.SentMessageId == message.MessageId)).Result, what: "the message recorded as sent");
        var shown = bot.Api.ShownMessage(userId, message.MessageId) ?? message;
        var button = shown.Buttons.First(b => b.Text.StartsWith(label, StringComparison.Ordinal));
        var press = bot.Api.UserPresses(userId, userId, message.MessageId, button.CallbackData!);
        await bot.Api.WaitFor(() => bot.Api.AnswerTo(press.CallbackQuery!.Id) is not null, what: $"the answer to {label}");
        return bot.Api.AnswerTo(press.CallbackQuery!.Id)!;
    }

    private static Task<Answer?> AnswerOf(TestBot bot, long userId) =>
        bot.Db(db => db.Rsvps.Where(r => r.UserId == userId).Select(r => (Answer?)r.Answer).SingleOrDefaultAsync());
}

[Collection(PostgreSqlServer.Collection)]
public sealed class AnswerWhereYouAreTestsOnPostgreSql(PostgreSqlServer postgres) : AnswerWhereYouAreTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
