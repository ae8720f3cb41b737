using Bot.Commands.Callbacks;
using Bot.Domain.Events;
using Bot.Telegram.Api;
using Bot.Telegram.Updates;
using Bot.Tests.Fakes;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Bot.Tests.Events;

/// <summary>SPEC.md "RSVP", sentence by sentence, through the whole host and the fake Bot API.</summary>
public class RsvpTests
{
    /// <summary>The server the tests run on in <see cref="RsvpTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private const long Alice = 3001;
    private const long Bob = 3002;
    private const long Carol = 3003;

    [Fact]
    public async Task EventMessage_HasButtonsStartingWithYesMaybeNo()
    {
        await using var bot = await Started();
        await bot.AddEvent("Stammtisch", TimeSpan.FromDays(3) + TimeSpan.FromHours(1));

        var card = await bot.Ask(Alice, "/events");

        Assert.Contains("Stammtisch", card.Text);
        Assert.Contains("in 3 Tagen", card.Text);
        var labels = card.Buttons.Select(b => b.Text).ToList();
        Assert.StartsWith("✅", labels[0]);
        Assert.StartsWith("🤔", labels[1]);
        Assert.StartsWith("❌", labels[2]);
    }

    [Fact]
    public async Task Pressing_RecordsTheAnswer_ConfirmsIt_AndUpdatesTheCounts()
    {
        await using var bot = await Started();
        await bot.AddEvent("Stammtisch", TimeSpan.FromDays(3));
        var card = await bot.Ask(Alice, "/events");

        var answer = await Press(bot, Alice, card, "✅");

        Assert.Equal("✅ Notiert: du bist dabei.", answer.Text);
        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Alice, card.MessageId)!.Edited, what: "the card edited");
        var shown = bot.Api.ShownMessage(Alice, card.MessageId)!;
        Assert.Contains("✅ 1 · 🤔 0 · ❌ 0", shown.Text);
        Assert.Contains("Deine Antwort: ✅ du bist dabei", shown.Text);
        Assert.Equal(Answer.Yes, await AnswerOf(bot, Alice));
    }

    [Fact]
    public async Task PressingAgain_ChangesTheAnswer()
    {
        await using var bot = await Started();
        await bot.AddEvent("Stammtisch", TimeSpan.FromDays(3));
        var card = await bot.Ask(Alice, "/events");
        await Press(bot, Alice, card, "✅");

        var answer = await Press(bot, Alice, card, "🤔");

        Assert.Equal("🤔 Notiert: vielleicht.", answer.Text);
        Assert.Equal(Answer.Maybe, await AnswerOf(bot, Alice));
        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Alice, card.MessageId)!.Text.Contains("✅ 0 · 🤔 1 · ❌ 0"));
    }

    [Fact]
    public async Task PressingTheSameAnswerAgain_ConfirmsIt_WithoutEditingTheCardOrItsCopies()
    {
        await using var bot = await Started();
        var eventId = (await bot.AddEvent("Stammtisch", TimeSpan.FromDays(3))).Id;
        var card = await bot.Ask(Alice, "/events");
        var bobs = await bot.Ask(Bob, "/events");
        await Recorded(bot, Bob, bobs.MessageId);
        await Press(bot, Alice, card, "✅");
        // The first press's own edit and the refresh of the other copies (Bob's) written, before counting.
        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Alice, card.MessageId)!.Edited, what: "the card edited");
        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Bob, bobs.MessageId)!.Text.Contains("✅ 1 · 🤔 0 · ❌ 0"), what: "Bob's copy refreshed");
        await bot.WaitForDb(async db => !await db.CardRefreshes.AnyAsync(), what: "no refresh asked for");
        var edits = await Edits(bot);
        var version = await bot.Db(db => db.Events.Where(e => e.Id == eventId).Select(e => e.Version).SingleAsync());

        var again = await Press(bot, Alice, card, "✅");

        Assert.Equal("✅ Notiert: du bist dabei.", again.Text);
        // The press's edits would have been written with its answer, in one transaction: none was.
        Assert.Equal(edits, await Edits(bot));
        Assert.Equal(version, await bot.Db(db => db.Events.Where(e => e.Id == eventId).Select(e => e.Version).SingleAsync()));
        Assert.Contains("✅ 1 · 🤔 0 · ❌ 0", bot.Api.ShownMessage(Alice, card.MessageId)!.Text);

        static Task<int> Edits(TestBot bot) =>
            bot.Db(db => db.Outbox.CountAsync(o => o.Kind == Bot.Telegram.Outbox.OutboxKind.EditMessageText || o.Kind == Bot.Telegram.Outbox.OutboxKind.EditReplyMarkup));
    }

    [Fact]
    public async Task YesBeyondCapacity_GoesOnTheWaitlist_WithItsPlace()
    {
        await using var bot = await Started();
        await bot.AddEvent("Vorstandssitzung", TimeSpan.FromDays(3), capacity: 1);
        await Press(bot, Alice, await bot.Ask(Alice, "/events"), "✅");
        await Press(bot, Bob, await bot.Ask(Bob, "/events"), "✅");
        var carolCard = await bot.Ask(Carol, "/events");

        var answer = await Press(bot, Carol, carolCard, "✅");

        Assert.StartsWith("⏳", answer.Text);
        Assert.Contains("Platz 2", answer.Text);
        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Carol, carolCard.MessageId)!.Text.Contains("⏳ Warteliste, Platz 2"));
        Assert.Contains("⏳ 2 auf der Warteliste", bot.Api.ShownMessage(Carol, carolCard.MessageId)!.Text);
    }

    [Fact]
    public async Task DroppingOut_MovesTheFirstOnTheWaitlistUp_AndTellsThem()
    {
        await using var bot = await Started();
        await bot.AddEvent("Vorstandssitzung", TimeSpan.FromDays(3), capacity: 1);
        var aliceCard = await bot.Ask(Alice, "/events");
        await Press(bot, Alice, aliceCard, "✅");
        await Press(bot, Bob, await bot.Ask(Bob, "/events"), "✅");
        await Press(bot, Carol, await bot.Ask(Carol, "/events"), "✅");
        var bobBefore = bot.Api.SentMessages(Bob).Count;

        await Press(bot, Alice, aliceCard, "❌");

        var told = await bot.Api.WaitForMessage(Bob, m => m.Text.Contains("Ein Platz ist frei geworden"));
        Assert.Contains("Vorstandssitzung", told.Text);
        Assert.Equal(bobBefore + 1, bot.Api.SentMessages(Bob).Count);
        Assert.DoesNotContain(bot.Api.SentMessages(Carol), m => m.Text.Contains("frei geworden"));
        await bot.Api.WaitFor(() => bot.Api.ShownMessages(Carol).Any(m => m.Text.Contains("⏳ Warteliste, Platz 1")));
    }

    [Fact]
    public async Task Guests_CountAgainstCapacity()
    {
        await using var bot = await Started();
        await bot.AddEvent("Grillfest", TimeSpan.FromDays(3), capacity: 2, maxGuests: 1);
        var aliceCard = await bot.Ask(Alice, "/events");
        await Press(bot, Alice, aliceCard, "➕");

        var bobAnswer = await Press(bot, Bob, await bot.Ask(Bob, "/events"), "✅");

        Assert.StartsWith("⏳", bobAnswer.Text);
        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Alice, aliceCard.MessageId)!.Text.Contains("2 von 2 Plätzen belegt, 0 frei"));
    }

    [Fact]
    public async Task OneGuest_ReadsOneGuest_InTheConfirmationAndOnTheCard()
    {
        await using var bot = await Started();
        await bot.AddEvent("Grillfest", TimeSpan.FromDays(3), capacity: 10, maxGuests: 1);
        var card = await bot.Ask(Alice, "/events");

        var answer = await Press(bot, Alice, card, "➕");

        Assert.Equal("✅ Notiert: du bist dabei, mit 1 Gast.", answer.Text);
        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Alice, card.MessageId)!.Edited, what: "the card edited");
        var shown = bot.Api.ShownMessage(Alice, card.MessageId)!.Text;
        Assert.Contains("👥 2 von 10 Plätzen belegt, 8 frei", shown);
        Assert.Contains("➕ Bis zu 1 Gast pro Person", shown);
        Assert.Contains("✅ 1 (+1 Gast) · 🤔 0 · ❌ 0", shown);
        Assert.Contains("Deine Antwort: ✅ du bist dabei, mit 1 Gast", shown);
    }

    [Fact]
    public async Task AfterTheDeadline_AnswersAreClosed_AndTheButtonSaysSo()
    {
        var clock = new FakeTimeProvider();
        await using var bot = await Started(clock);
        await bot.AddEvent("Mitgliederversammlung", TimeSpan.FromDays(3), deadlineIn: TimeSpan.FromDays(1), clock: clock);
        var card = await bot.Ask(Alice, "/events");
        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));

        var answer = await Press(bot, Alice, card, "✅");

        Assert.Equal("🔒 Für diese Veranstaltung sind die Antworten geschlossen.", answer.Text);
        Assert.Null(await AnswerOf(bot, Alice));
        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Alice, card.MessageId)!.Edited, what: "the card edited");
        var shown = bot.Api.ShownMessage(Alice, card.MessageId)!;
        Assert.Contains("🔒 Antworten sind geschlossen", shown.Text);
        Assert.Equal("🔒 Antworten geschlossen", Assert.Single(shown.Buttons).Text);
    }

    [Theory]
    [InlineData("1.rv.zz~y")]
    [InlineData("1.rv.1~x")]
    [InlineData("1.rv~y")]
    [InlineData("1.rv.1~y~y")]
    [InlineData("9.rv.1~y")]
    [InlineData("1.rv.-1~y")]
    public async Task ForgedOrStalePress_ChangesNothing(string data)
    {
        await using var bot = await Started();
        await bot.AddEvent("Stammtisch", TimeSpan.FromDays(3));
        var card = await bot.Ask(Alice, "/events");

        var press = bot.Api.UserPresses(Alice, Alice, card.MessageId, data);
        await bot.Api.WaitFor(() => bot.Api.AnswerTo(press.CallbackQuery!.Id) is not null);

        Assert.Equal("Dieser Knopf ist nicht mehr gültig.", bot.Api.AnswerTo(press.CallbackQuery!.Id)!.Text);
        Assert.Equal(0, await bot.Db(db => db.Rsvps.CountAsync()));
    }

    [Fact]
    public async Task PressForAnEventOfAnotherChapter_ChangesNothing()
    {
        await using var bot = await Started();
        await bot.AddChapter("Ortsverband Nord");
        await bot.AddChapter("Ortsverband Süd");
        await bot.AddMember(Bob + 100, "Dora Süd", "Ortsverband Süd");
        var hidden = await bot.AddEvent("Interne Sitzung Nord", TimeSpan.FromDays(3), chapter: "Ortsverband Nord");
        var visible = await bot.Ask(Bob + 100, "/events", "en");
        Assert.DoesNotContain("Interne Sitzung Nord", visible.Text);

        var forged = CallbackCodec.Encode(CallbackData.Of("rv", hidden.Id, "y"));
        var press = bot.Api.UserPresses(Bob + 100, Bob + 100, visible.MessageId, forged);
        await bot.Api.WaitFor(() => bot.Api.AnswerTo(press.CallbackQuery!.Id) is not null);

        Assert.Equal(0, await bot.Db(db => db.Rsvps.CountAsync()));
    }

    [Fact]
    public async Task Answers_SurviveARestart()
    {
        await using var bot = await Started();
        await bot.AddEvent("Stammtisch", TimeSpan.FromDays(3));
        await Press(bot, Alice, await bot.Ask(Alice, "/events"), "✅");

        await bot.Restart();
        var header = await bot.Ask(Alice, "/my");
        var mine = await bot.Api.WaitForMessage(Alice, m => m.MessageId > header.MessageId);

        Assert.Contains("Stammtisch", mine.Text);
        Assert.Contains("✅ du bist dabei", mine.Text);
    }

    [Fact]
    public async Task TwoPressesForTheLastPlace_AtTheSameMoment_OnlyOneGetsIt()
    {
        await using var bot = await Started();
        var @event = await bot.AddEvent("Busfahrt", TimeSpan.FromDays(3), capacity: 1);
        var handler = bot.Services.GetRequiredService<IUpdateHandler>();
        var data = CallbackCodec.Encode(CallbackData.Of("rv", @event.Id, "y"));

        for (var round = 0; round < 5; round++)
        {
            await bot.Db(db => db.Rsvps.ExecuteDeleteAsync());
            var presses = new[] { Alice, Bob }.Select(user => new Update
            {
                Id = bot.Api.NextUpdateId(),
                CallbackQuery = new CallbackQuery
                {
                    Id = $"race-{round}-{user}",
                    From = new User { Id = user, IsBot = false, FirstName = "Member", LanguageCode = "de" },
                    Data = data,
                    Message = new Message { Id = 1, Chat = new Chat { Id = user, Type = ChatType.Private }, Date = default },
                },
            }).ToList();

            await Task.WhenAll(presses.Select(p => Task.Run(() => handler.Handle(p, CancellationToken.None))));

            var rsvps = await bot.Db(db => db.Rsvps.Where(r => r.EventId == @event.Id).ToListAsync());
            var waitlist = Waitlist.Of(@event, rsvps);
            Assert.Equal(2, rsvps.Count);
            Assert.Equal(1, waitlist.Confirmed);
            Assert.Equal(1, waitlist.Waitlisted);
            Assert.Equal([1, 2], rsvps.Select(r => r.Ticket - rsvps.Min(x => x.Ticket) + 1).Order());
        }
    }

    [Fact]
    public async Task TwentyMembersPressingOnTheirOwnCards_EachPressEditsOnlyThePressersCardAtOnce_AndEveryCardEndsWithAllTwenty()
    {
        await using var bot = await TestBot.Start(TestBot.Unpaced(), postgres: Postgres);
        var members = Enumerable.Range(1, 20).Select(i => 6000L + i).ToList();
        foreach (var member in members)
        {
            await bot.AddMember(member, $"Mitglied {member}");
        }

        await bot.AddEvent("Stammtisch", TimeSpan.FromDays(3));
        var cards = new Dictionary<long, FakeMessage>();
        foreach (var member in members)
        {
            cards[member] = await bot.Ask(member, "/events");
            await Recorded(bot, member, cards[member].MessageId);
        }

        var presses = members.Select(m => bot.Api.UserPresses(m, m, cards[m].MessageId,
            cards[m].Buttons.First(b => b.Text.StartsWith('✅')).CallbackData!).CallbackQuery!.Id).ToList();

        // Only a guard against a hung run: twenty presses and their cards' refreshes on PostgreSQL beside the rest of the
        // suite on two cores have taken over ten seconds.
        await bot.Api.WaitFor(() => presses.All(id => bot.Api.AnswerTo(id) is not null), TimeSpan.FromMinutes(1), "every press answered");
        await bot.Api.WaitFor(() => members.All(m => bot.Api.ShownMessage(m, cards[m].MessageId)!.Text.Contains("✅ 20 ·")),
            TimeSpan.FromMinutes(1), "every card showing all twenty");
        // A refresh edit that overtook a press's edit takes over its urgency and the press's edit is superseded: of
        // those, one per card counts. If the press's edit was already on its way to Telegram, it is sent too: then two.
        var atOnce = await bot.Db(db => db.Outbox
            .Where(o => o.Kind == Bot.Telegram.Outbox.OutboxKind.EditMessageText && o.Urgency == Bot.Domain.Messaging.Urgency.Interactive
                && o.Status != Bot.Telegram.Outbox.OutboxStatus.Superseded)
            .GroupBy(o => o.ChatId).Select(g => new { Chat = g.Key!.Value, Count = g.Count() }).ToListAsync());
        Assert.Equal(members.Order(), atOnce.Select(e => e.Chat).Order());
        Assert.All(atOnce, e => Assert.InRange(e.Count, 1, 2));
    }

    [Fact]
    public async Task TenPresses_QueueOnlyThePressersOwnCardEdits_AndOneRefreshForAllOtherCopies()
    {
        // Without the refresher running, what the presses themselves queued stays visible.
        await using var bot = await TestBot.Start(TestBot.Unpaced(), services: s =>
            s.Remove(s.Single(d => d.ImplementationType == typeof(Bot.Commands.Events.CardRefresher))), postgres: Postgres);
        var members = Enumerable.Range(1, 10).Select(i => 6100L + i).ToList();
        foreach (var member in members)
        {
            await bot.AddMember(member, $"Mitglied {member}");
        }

        var @event = await bot.AddEvent("Stammtisch", TimeSpan.FromDays(3));
        foreach (var member in members)
        {
            var card = await bot.Ask(member, "/events");
            await Recorded(bot, member, card.MessageId);
            await Press(bot, member, card, "✅");
        }

        var edits = await bot.Db(db => db.Outbox.Where(o => o.Kind == Bot.Telegram.Outbox.OutboxKind.EditMessageText)
            .Select(o => o.ChatId!.Value).ToListAsync());
        Assert.Equal(members, edits.Order());
        Assert.Equal([@event.Id], await bot.Db(db => db.CardRefreshes.Select(r => r.EventId).ToListAsync()));

        // A refresher that starts now (as after a crash that left the request behind) brings every card up to date.
        using var refresher = ActivatorUtilities.CreateInstance<Bot.Commands.Events.CardRefresher>(bot.Services);
        await refresher.StartAsync(CancellationToken.None);
        await bot.Api.WaitFor(() => members.All(m => bot.Api.ShownMessages(m).Any(shown => shown.Text.Contains("✅ 10 ·"))), what: "every card showing all ten");
        Assert.Empty(await bot.Db(db => db.CardRefreshes.ToListAsync()));
        await refresher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task GroupCard_IsUpdatedWhenAMemberAnswersInPrivate()
    {
        await using var bot = await Started();
        const long group = -100500;
        bot.Api.AddGroup(group, "Landesverband");
        await bot.Db(async db =>
        {
            (await db.Chapters.SingleAsync(c => c.ParentId == null)).GroupChatId = group;
            return await db.SaveChangesAsync();
        });
        var @event = await bot.AddEvent("Stammtisch", TimeSpan.FromDays(3));
        await PostToGroup(bot, @event.Id, group);
        var groupCard = await bot.Api.WaitForMessage(group);

        await Press(bot, Alice, await bot.Ask(Alice, "/events"), "✅");

        await bot.Api.WaitFor(() => bot.Api.ShownMessage(group, groupCard.MessageId)!.Text.Contains("✅ 1 · 🤔 0 · ❌ 0"));
        Assert.DoesNotContain("Deine Antwort", bot.Api.ShownMessage(group, groupCard.MessageId)!.Text);
    }

    private async Task<TestBot> Started(TimeProvider? clock = null)
    {
        var bot = await TestBot.Start(TestBot.Unpaced(), clock: clock, postgres: Postgres);
        await bot.AddMember(Alice, "Alice Amsel");
        await bot.AddMember(Bob, "Bob Buchfink");
        await bot.AddMember(Carol, "Carol Cornelius");
        return bot;
    }

    private static async Task PostToGroup(TestBot bot, long eventId, long group)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Bot.Commands.Events.EventCards>()
            .Post(group, eventId, null, Bot.Texts.TextCatalog.German, Bot.Domain.Messaging.Urgency.Interactive, CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<Bot.Persistence.BotDbContext>().SaveChangesAsync();
        bot.Services.GetRequiredService<Bot.Telegram.Outbox.OutboxSignal>().Notify();
    }

    /// <summary>The member presses the button whose label starts with <paramref name="label"/> and the test waits
    /// for the answer to the press.</summary>
    private static async Task<CallbackAnswer> Press(TestBot bot, long userId, FakeMessage card, string label)
    {
        // A person presses after seeing the card; the bot records the card as sent only after Telegram answered, so a
        // test that presses within that moment would find no posted copy to update.
        await Recorded(bot, userId, card.MessageId);
        var shown = bot.Api.ShownMessage(userId, card.MessageId) ?? card;
        var button = shown.Buttons.First(b => b.Text.StartsWith(label, StringComparison.Ordinal));
        var press = bot.Api.UserPresses(userId, userId, card.MessageId, button.CallbackData!);
        await bot.Api.WaitFor(() => bot.Api.AnswerTo(press.CallbackQuery!.Id) is not null, what: $"the answer to {label}");
        return bot.Api.AnswerTo(press.CallbackQuery!.Id)!;
    }

    private static async Task Recorded(TestBot bot, long chatId, long messageId)
    {
        for (var i = 0; i < 100 && !await bot.Db(db => db.Outbox.AnyAsync(o => o.ChatId == chatId && o.SentMessageId == messageId)); i++)
        {
            await Task.Delay(50);
        }
    }

    private static Task<Answer?> AnswerOf(TestBot bot, long userId) =>
        bot.Db(db => db.Rsvps.Where(r => r.UserId == userId).Select(r => (Answer?)r.Answer).SingleOrDefaultAsync());
}

/// <summary>The same tests on PostgreSQL.</summary>
[Collection(PostgreSqlServer.Collection)]
public sealed class RsvpTestsOnPostgreSql(PostgreSqlServer postgres) : RsvpTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
