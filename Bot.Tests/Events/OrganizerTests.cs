using System.Text.RegularExpressions;
using Bot.Commands.Callbacks;
using Bot.Commands.Events;
using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Bot.Domain.Time;
using Bot.Telegram.Api;
using Bot.Tests.Fakes;
using Bot.Tests.Support;
using Bot.Texts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Telegram.Bot.Types;

namespace Bot.Tests.Events;

/// <summary>What organizers do with an event (SPEC.md "RSVP": names per answer for organizers only; "Reminders":
/// changes of time or place and cancellations reach everyone who said yes or maybe), through the whole host, on a
/// clock that says Friday 20 November 2026, 14:00 in Berlin.</summary>
public class OrganizerTests
{
    /// <summary>The server the tests run on in <see cref="OrganizerTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private static readonly DateTimeOffset Friday = new(2026, 11, 20, 13, 0, 0, TimeSpan.Zero);

    private const long Olga = 4001;
    private const long Alice = 4011;
    private const long Bob = 4012;
    private const long Carol = 4013;
    private const long Dave = 4014;
    private const long Erin = 4015;
    private const long Frank = 4016;
    private const long Group = -4900;

    [Fact]
    public async Task Organizer_SeesNamesPerAnswer_WithGuests_AndTheWaitlistInOrder()
    {
        await using var bot = await Started();
        var @event = await bot.AddEvent("Vorstandssitzung", TimeSpan.FromDays(3), capacity: 3, maxGuests: 1);
        await Answer(bot, Alice, "➕");
        await Answer(bot, Bob, "✅");
        await Answer(bot, Carol, "✅");
        await Answer(bot, Dave, "✅");
        await Answer(bot, Erin, "🤔");
        await Answer(bot, Frank, "❌");
        await bot.Db(db =>
        {
            db.Rsvps.Add(new Rsvp { EventId = @event.Id, UserId = null, Answer = Domain.Events.Answer.Maybe, AnsweredAt = bot.Clock.GetUtcNow().UtcDateTime });
            return db.SaveChangesAsync();
        });
        await SetReachable(bot, Frank, false);
        var card = await bot.Ask(Olga, "/events");

        var list = await PressForMessage(bot, Olga, card, "👥");

        Assert.Contains("Vorstandssitzung</b>: wer hat geantwortet", list.Source);
        Assert.Contains("✅ Dabei (2, dazu 1 Gast)\n• Alice Amsel (+1)\n• Bob Buchfink", list.Text);
        Assert.Contains("⏳ Warteliste (2), der Reihe nach:\n1. Carol Cornelius\n2. Dave Dachs", list.Text);
        Assert.Contains("🤔 Vielleicht (2)\n• Erin Eich\n• 1 Person (Daten gelöscht)", list.Text);
        Assert.Contains("❌ Nicht dabei (1)\n• Frank Fink ⚠️", list.Text);
        Assert.Contains("⚠️ nicht erreichbar", list.Text);
    }

    [Fact]
    public async Task PlainMember_PressingAForgedListButton_SeesNoNames()
    {
        await using var bot = await Started();
        var @event = await bot.AddEvent("Stammtisch", TimeSpan.FromDays(3));
        await Answer(bot, Alice, "✅");
        var card = await bot.Ask(Bob, "/events");
        Assert.DoesNotContain(card.Buttons, b => b.Text.StartsWith("👥", StringComparison.Ordinal));
        var before = await MessagesQueuedFor(bot, Bob);

        var answer = await PressData(bot, Bob, card, CallbackCodec.Encode(CallbackData.Of("ev", @event.Id, "list")));

        // A reply would have been queued with the answer to the press, in the same transaction.
        Assert.Equal("Dieser Knopf steht dir nicht zur Verfügung.", answer.Text);
        Assert.Equal(before, await MessagesQueuedFor(bot, Bob));
        Assert.DoesNotContain(bot.Api.SentMessages(Bob), m => m.Text.Contains("Alice"));
    }

    [Fact]
    public async Task ListPressedInAGroup_GoesToThePrivateChat_AndTheGroupSeesNoNames()
    {
        await using var bot = await Started();
        await LinkRootToGroup(bot);
        var @event = await bot.AddEvent("Stammtisch", TimeSpan.FromDays(3));
        await Answer(bot, Alice, "✅");
        await PostToGroup(bot, @event.Id);
        var groupCard = await bot.Api.WaitForMessage(Group);
        bot.Api.OpenPrivateChat(Olga);

        var press = bot.Api.UserPresses(Olga, Group, groupCard.MessageId, CallbackCodec.Encode(CallbackData.Of("ev", @event.Id, "list")));
        await bot.Api.WaitFor(() => bot.Api.AnswerTo(press.CallbackQuery!.Id) is not null, what: "the answer to the press");

        Assert.StartsWith("Ich habe dir die Liste in unserem privaten Chat geschickt.", bot.Api.AnswerTo(press.CallbackQuery!.Id)!.Text);
        var list = await bot.Api.WaitForMessage(Olga, m => m.Text.Contains("wer hat geantwortet"));
        Assert.Contains("• Alice Amsel", list.Text);
        Assert.DoesNotContain(bot.Api.SentMessages(Group), m => m.Text.Contains("Alice"));
    }

    [Fact]
    public async Task PlainMember_PressingAForgedCancelConfirmation_ChangesNothing()
    {
        await using var bot = await Started();
        var @event = await bot.AddEvent("Stammtisch", TimeSpan.FromDays(3));
        var card = await bot.Ask(Bob, "/events");

        var answer = await PressData(bot, Bob, card, CallbackCodec.Encode(CallbackData.Of("ev", @event.Id, "cancel", "yes")));

        Assert.Equal("Dieser Knopf steht dir nicht zur Verfügung.", answer.Text);
        Assert.Null(await bot.Db(db => db.Events.Where(e => e.Id == @event.Id).Select(e => e.CancelledAt).SingleAsync()));
    }

    [Fact]
    public async Task EditTime_TellsEveryYesAndMaybe_InTheirLanguage_NobodyElse_AndEditsTheCards()
    {
        await using var bot = await Started();
        await LinkRootToGroup(bot);
        await bot.AddEvent("Stammtisch", TimeSpan.FromDays(3));
        var aliceCard = await Answer(bot, Alice, "✅");
        await bot.Db(async db =>
        {
            (await db.Members.SingleAsync(m => m.UserId == Bob)).Language = "en";
            return await db.SaveChangesAsync();
        });
        await Answer(bot, Bob, "🤔", "en");
        await Answer(bot, Carol, "❌");
        await bot.Ask(Dave, "/events");
        var newDate = Berlin.Today.AddDays(5);

        var done = await EditEvent(bot, "📅", $"{newDate:dd.MM.yyyy} 19:30");

        Assert.StartsWith("✅ Geändert: Stammtisch.", done.Text);
        Assert.Contains("Ich sage den 2 Personen Bescheid", done.Text);
        var german = await bot.Api.WaitForMessage(Alice, m => m.Text.Contains("Neue Zeit"));
        Assert.Contains($"{newDate:dd.MM.yyyy}, 19:30 Uhr", german.Text);
        Assert.Contains("Änderung bei Stammtisch", german.Text);
        var english = await bot.Api.WaitForMessage(Bob, m => m.Text.Contains("New time"));
        Assert.Contains("19:30", english.Text);
        Assert.Contains("Stammtisch has changed", english.Text);
        var group = await bot.Api.WaitForMessage(Group, m => m.Text.Contains("Neue Zeit"));
        Assert.DoesNotContain("Alice", group.Text);
        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Alice, aliceCard.MessageId)!.Text.Contains("19:30 Uhr"), what: "Alice's card edited");
        Assert.DoesNotContain(bot.Api.SentMessages(Carol), m => m.Text.Contains("Neue Zeit"));
        Assert.DoesNotContain(bot.Api.SentMessages(Dave), m => m.Text.Contains("Neue Zeit"));
        Assert.DoesNotContain(bot.Api.SentMessages(Olga), m => m.Text.Contains("Neue Zeit"));
    }

    [Fact]
    public async Task EditTitle_TellsThemTheNewName()
    {
        await using var bot = await Started();
        await bot.AddEvent("Grillabend", TimeSpan.FromDays(3));
        await Answer(bot, Alice, "✅");

        await EditEvent(bot, "📝", "Sommerfest");

        var told = await bot.Api.WaitForMessage(Alice, m => m.Text.Contains("Neuer Name"));
        Assert.Contains("Neuer Name: Sommerfest (vorher: Grillabend)", told.Text);
    }

    [Fact]
    public async Task RaisingCapacity_MovesTheFirstWaitingUp_AndTellsThemAlone()
    {
        await using var bot = await Started();
        await bot.AddEvent("Busfahrt", TimeSpan.FromDays(3), capacity: 1);
        await Answer(bot, Alice, "✅");
        await Answer(bot, Bob, "✅");
        var carolCard = await Answer(bot, Carol, "✅");

        var done = await EditEvent(bot, "👥", "2");

        Assert.Contains("Von der Warteliste nachgerückt und benachrichtigt: 1.", done.Text);
        var told = await bot.Api.WaitForMessage(Bob, m => m.Text.Contains("Ein Platz ist frei geworden"));
        Assert.Contains("Busfahrt", told.Text);
        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Carol, carolCard.MessageId)!.Text.Contains("⏳ Warteliste, Platz 1"), what: "Carol's card moved up");
        Assert.DoesNotContain(bot.Api.SentMessages(Carol), m => m.Text.Contains("frei geworden"));
        Assert.DoesNotContain(bot.Api.SentMessages(Alice), m => m.Text.Contains("Änderung"));
    }

    [Fact]
    public async Task EditDialog_ReadsFieldsAsNewEventDoes_UnlimitedTypedAndATitleOverTwoLines()
    {
        await using var bot = await Started();
        var @event = await bot.AddEvent("Grillfest", TimeSpan.FromDays(3), capacity: 5);
        await StartEdit(bot, "👥");

        var confirm = await bot.Ask(Olga, "unbegrenzt");
        await PressForMessage(bot, Olga, confirm, "✅ Ja, ändern");
        Assert.Null(await bot.Db(db => db.Events.Where(e => e.Id == @event.Id).Select(e => e.Capacity).SingleAsync()));

        await StartEdit(bot, "📝");
        var retitle = await bot.Ask(Olga, "Grillfest\nam See");
        Assert.Contains("Grillfest am See", retitle.Text);
    }

    [Fact]
    public async Task EventMovedBeforeItsDeadline_AnswersCloseAtTheStart_WithoutADeadlineLine()
    {
        await using var bot = await Started();
        var @event = await bot.AddEvent("Stammtisch", TimeSpan.FromDays(6), deadlineIn: TimeSpan.FromDays(4));
        var newDate = Berlin.Today.AddDays(2);

        await EditEvent(bot, "📅", $"{newDate:dd.MM.yyyy} 19:30");

        Assert.Null(await bot.Db(db => db.Events.Where(e => e.Id == @event.Id).Select(e => e.DeadlineAt).SingleAsync()));
        Assert.DoesNotContain("⏰", (await bot.Ask(Alice, "/events")).Text);
    }

    [Fact]
    public async Task CapacityBelowTakenPlaces_IsRefused_SayingHowManyAreTaken()
    {
        await using var bot = await Started();
        var @event = await bot.AddEvent("Grillfest", TimeSpan.FromDays(3), capacity: 5, maxGuests: 1);
        await Answer(bot, Alice, "➕");
        await Answer(bot, Bob, "✅");
        var question = await StartEdit(bot, "👥");

        var refused = await bot.Ask(Olga, "2");

        Assert.StartsWith("Es sind schon 3 Plätze belegt", refused.Text);
        Assert.Equal(5, await bot.Db(db => db.Events.Where(e => e.Id == @event.Id).Select(e => e.Capacity).SingleAsync()));
        var confirm = await bot.Ask(Olga, "3");
        Assert.Contains("Nachher: 3 Plätze", confirm.Text);
        Assert.Contains("aktuell: 5 Plätze, davon 3 belegt", question.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Cancel_TellsYesAndMaybe_CardsShowCancelledWithoutButtons_AndOldButtonsSayCancelled()
    {
        await using var bot = await Started();
        await LinkRootToGroup(bot);
        await bot.AddEvent("Stammtisch", TimeSpan.FromDays(3));
        var aliceCard = await Answer(bot, Alice, "✅");
        await Answer(bot, Bob, "🤔");
        await Answer(bot, Carol, "❌");
        var card = await bot.Ask(Olga, "/events");
        var question = await PressForMessage(bot, Olga, card, "🚫");
        Assert.StartsWith("🚫 Soll ich Stammtisch am", question.Text);

        await Press(bot, Olga, question, "🚫 Ja, absagen");

        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Olga, question.MessageId)!.Text.StartsWith("🚫 Stammtisch ist abgesagt.", StringComparison.Ordinal), what: "the question answered");
        Assert.Contains("Ich sage den 2 Personen Bescheid", bot.Api.ShownMessage(Olga, question.MessageId)!.Text);
        Assert.Empty(bot.Api.ShownMessage(Olga, question.MessageId)!.Buttons);
        Assert.Contains("findet nicht statt", (await bot.Api.WaitForMessage(Alice, m => m.Text.Contains("Abgesagt:"))).Text);
        await bot.Api.WaitForMessage(Bob, m => m.Text.Contains("Abgesagt:"));
        await bot.Api.WaitForMessage(Group, m => m.Text.Contains("Abgesagt:"));
        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Alice, aliceCard.MessageId)!.Text.Contains("ABGESAGT"), what: "Alice's card shows cancelled");
        Assert.Empty(bot.Api.ShownMessage(Alice, aliceCard.MessageId)!.Buttons);
        Assert.DoesNotContain(bot.Api.SentMessages(Carol), m => m.Text.Contains("Abgesagt:"));

        var oldPress = await PressData(bot, Alice, aliceCard, aliceCard.Buttons.First(b => b.Text.StartsWith("❌", StringComparison.Ordinal)).CallbackData!);

        Assert.Equal("🚫 Diese Veranstaltung wurde abgesagt.", oldPress.Text);
    }

    [Fact]
    public async Task Cancel_WithdrawsRemindersStillQueued()
    {
        await using var bot = await Started();
        var @event = await bot.AddEvent("Stammtisch", TimeSpan.FromDays(3));
        await Answer(bot, Alice, "✅");
        // A reminder of a large fan-out, still waiting its turn in the queue.
        var now = bot.Clock.GetUtcNow().UtcDateTime;
        await bot.Db(db =>
        {
            db.Outbox.Add(new Bot.Telegram.Outbox.OutboxMessage
            {
                Kind = Bot.Telegram.Outbox.OutboxKind.SendMessage,
                ChatId = Alice,
                Text = "⏰ Erinnerung: Stammtisch",
                Urgency = Domain.Messaging.Urgency.Bulk,
                Tag = Bot.Telegram.Outbox.OutboxNotices.ReminderTag(@event.Id),
                CreatedAt = now,
                NotBefore = now.AddHours(1),
            });
            return db.SaveChangesAsync();
        });
        var card = await bot.Ask(Olga, "/events");
        var question = await PressForMessage(bot, Olga, card, "🚫");

        await Press(bot, Olga, question, "🚫 Ja, absagen");

        await bot.Api.WaitForMessage(Alice, m => m.Text.Contains("Abgesagt:"));
        var reminder = await bot.Db(db => db.Outbox.SingleAsync(o => o.Text == "⏰ Erinnerung: Stammtisch"));
        Assert.Equal(Bot.Telegram.Outbox.OutboxStatus.Superseded, reminder.Status);
    }

    [Fact]
    public async Task CancelConfirmedAfterTheEventBegan_IsRefused_AndNobodyIsTold()
    {
        await using var bot = await Started();
        var @event = await bot.AddEvent("Stammtisch", TimeSpan.FromDays(3));
        await Answer(bot, Alice, "✅");
        var card = await bot.Ask(Olga, "/events");
        var question = await PressForMessage(bot, Olga, card, "🚫");
        // The question waited in the chat while the evening began.
        await bot.Db(db => db.Events.Where(e => e.Id == @event.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.StartsAt, bot.Clock.GetUtcNow().UtcDateTime.AddMinutes(-5))));

        var answer = await Press(bot, Olga, question, "🚫 Ja, absagen");

        Assert.Equal("Diese Veranstaltung hat schon angefangen; absagen geht nicht mehr.", answer.Text);
        Assert.Null(await bot.Db(db => db.Events.Where(e => e.Id == @event.Id).Select(e => e.CancelledAt).SingleAsync()));
        // Notices are queued with the change they report: none was queued.
        Assert.False(await bot.Db(db => db.Outbox.AnyAsync(o => o.ChatId == Alice && o.Text!.Contains("Abgesagt"))));
    }

    [Fact]
    public async Task CancelledEvent_DisappearsFromEvents()
    {
        await using var bot = await Started();
        await bot.AddEvent("Stammtisch", TimeSpan.FromDays(3));
        var card = await bot.Ask(Olga, "/events");
        var question = await PressForMessage(bot, Olga, card, "🚫");
        await Press(bot, Olga, question, "🚫 Ja, absagen");

        var events = await bot.Ask(Alice, "/events");

        Assert.StartsWith("In deinen Verbänden stehen gerade keine Veranstaltungen an.", events.Text);
    }

    [Fact]
    public async Task Keep_LeavesTheEventAsItIs()
    {
        await using var bot = await Started();
        var @event = await bot.AddEvent("Stammtisch", TimeSpan.FromDays(3));
        var card = await bot.Ask(Olga, "/events");
        var question = await PressForMessage(bot, Olga, card, "🚫");

        await Press(bot, Olga, question, "Behalten");

        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Olga, question.MessageId)!.Text.Contains("bleibt, wie es ist"), what: "the question answered");
        Assert.Null(await bot.Db(db => db.Events.Where(e => e.Id == @event.Id).Select(e => e.CancelledAt).SingleAsync()));
    }

    [Fact]
    public async Task EditDialog_SurvivesARestart()
    {
        await using var bot = await Started();
        var @event = await bot.AddEvent("Stammtisch", TimeSpan.FromDays(3));
        await StartEdit(bot, "📍");

        await bot.Restart();
        var confirm = await bot.Ask(Olga, "Rathaus, Saal 2");
        await Press(bot, Olga, confirm, "✅ Ja, ändern");

        Assert.Contains("Nachher: Rathaus, Saal 2", confirm.Text);
        await bot.Api.WaitForMessage(Olga, m => m.Text.StartsWith("✅ Geändert", StringComparison.Ordinal));
        Assert.Equal("Rathaus, Saal 2", await bot.Db(db => db.Events.Where(e => e.Id == @event.Id).Select(e => e.Place).SingleAsync()));
    }

    [Fact]
    public async Task BadInputInTheEditDialog_AsksAgainWithAnExample()
    {
        await using var bot = await Started();
        await bot.AddEvent("Stammtisch", TimeSpan.FromDays(3));
        await StartEdit(bot, "📅");

        var refused = await bot.Ask(Olga, "irgendwann");

        Assert.StartsWith("⚠️ Datum und Uhrzeit: „irgendwann“ kann ich nicht als Datum lesen.\nZum Beispiel: ", refused.Text);
        var example = Regex.Match(refused.Text, @"Zum Beispiel: (\w\w \d\d\.\d\d\. \d\d:\d\d) oder morgen 19 Uhr\.");
        Assert.True(example.Success, refused.Text);
        var confirm = await bot.Ask(Olga, example.Groups[1].Value);
        Assert.StartsWith("Soll ich bei Stammtisch Datum und Uhrzeit ändern?", confirm.Text);
    }

    [Fact]
    public async Task TimeTheClocksSkip_InTheEditDialog_SaysWhichTimeItUsed()
    {
        await using var bot = await Started();
        await bot.AddEvent("Stammtisch", TimeSpan.FromDays(3));
        await StartEdit(bot, "📅");
        var springForward = Berlin.LastSundayOfMarch(Berlin.Today.Year + 1);

        var confirm = await bot.Ask(Olga, $"{springForward:dd.MM.yyyy} 02:30");

        Assert.StartsWith("Soll ich bei Stammtisch Datum und Uhrzeit ändern?", confirm.Text);
        Assert.Contains($"ℹ️ In der Nacht zum {springForward:dd.MM.yyyy} wird die Uhr vorgestellt: 02:30 Uhr gibt es da nicht, deshalb habe ich 03:30 Uhr eingetragen.", confirm.Text);
    }

    [Fact]
    public async Task OrganizerWhoLostTheRoleInTheEventsChapter_CannotFinishAnOpenEdit()
    {
        await using var bot = await Started();
        await bot.AddChapter("Ortsverband Nord");
        var @event = await bot.AddEvent("Stammtisch", TimeSpan.FromDays(3));
        await StartEdit(bot, "📝");
        var confirm = await bot.Ask(Olga, "Geheimtreffen");
        await bot.Db(async db =>
        {
            // Still an organizer, but now of a sub-chapter: the root's event is no longer hers to change.
            var nord = await db.Chapters.SingleAsync(c => c.Name == "Ortsverband Nord");
            db.Memberships.Remove(await db.Memberships.SingleAsync(m => m.UserId == Olga));
            db.Memberships.Add(new Membership { UserId = Olga, ChapterId = nord.Id, Role = Role.Organizer, Since = bot.Clock.GetUtcNow().UtcDateTime });
            return await db.SaveChangesAsync();
        });

        var refused = await PressForMessage(bot, Olga, confirm, "✅ Ja, ändern");

        Assert.Equal("Nur wer im Verband organisiert, kann diese Veranstaltung ändern.", refused.Text);
        Assert.Equal("Stammtisch", await bot.Db(db => db.Events.Where(e => e.Id == @event.Id).Select(e => e.Title).SingleAsync()));
    }

    [Fact]
    public void EveryDateMistake_HasWordsAndAnExample_InBothLanguages()
    {
        var texts = new TextCatalog(Options.Create(new BotOptions()));
        foreach (var culture in TextCatalog.Languages)
        {
            foreach (var code in Enum.GetValues<WhenErrorCode>())
            {
                foreach (var example in Enum.GetValues<WhenExample>())
                {
                    var error = new WhenError(code, "<x>", example) { Date = new DateOnly(2026, 11, 24), ActualWeekday = DayOfWeek.Tuesday };
                    var lines = WhenTexts.Error(texts, culture, error, "<x> 18:00", new DateOnly(2026, 11, 20)).Value.Split('\n');
                    Assert.Equal(2, lines.Length);
                    Assert.All(lines, line => Assert.False(string.IsNullOrWhiteSpace(line), $"{culture} {code} {example}"));
                }
            }
        }
    }

    private async Task<TestBot> Started()
    {
        var bot = await TestBot.Start(TestBot.Unpaced(), clock: new FakeTimeProvider(Friday), postgres: Postgres);
        foreach (var (id, first, last) in new[]
        {
            (Olga, "Olga", "Ortmann"), (Alice, "Alice", "Amsel"), (Bob, "Bob", "Buchfink"), (Carol, "Carol", "Cornelius"),
            (Dave, "Dave", "Dachs"), (Erin, "Erin", "Eich"), (Frank, "Frank", "Fink"),
        })
        {
            bot.Api.AddUser(new User { Id = id, IsBot = false, FirstName = first, LastName = last, LanguageCode = "de" });
            await bot.AddMember(id, $"{first} {last}", role: id == Olga ? Role.Organizer : Role.Member);
        }

        return bot;
    }

    private static class Berlin
    {
        /// <summary>The day of <see cref="Friday"/>, the bot's clock here.</summary>
        public static readonly DateOnly Today = new(2026, 11, 20);

        /// <summary>The night the clocks go forward in Berlin: 02:00 to 03:00.</summary>
        public static DateOnly LastSundayOfMarch(int year)
        {
            var day = new DateOnly(year, 3, 31);
            return day.AddDays(-(int)day.DayOfWeek);
        }
    }

    private static Task LinkRootToGroup(TestBot bot)
    {
        bot.Api.AddGroup(Group, "Landesverband");
        return bot.Db(async db =>
        {
            (await db.Chapters.SingleAsync(c => c.ParentId == null)).GroupChatId = Group;
            return await db.SaveChangesAsync();
        });
    }

    private static async Task PostToGroup(TestBot bot, long eventId)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<EventCards>()
            .Post(Group, eventId, null, TextCatalog.German, Domain.Messaging.Urgency.Interactive, CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<Bot.Persistence.BotDbContext>().SaveChangesAsync();
        bot.Services.GetRequiredService<Bot.Telegram.Outbox.OutboxSignal>().Notify();
    }

    private static Task<int> MessagesQueuedFor(TestBot bot, long chatId) =>
        bot.Db(db => db.Outbox.CountAsync(o => o.ChatId == chatId && o.Kind == Bot.Telegram.Outbox.OutboxKind.SendMessage));

    private static Task SetReachable(TestBot bot, long userId, bool reachable) =>
        bot.Db(async db =>
        {
            (await db.Members.SingleAsync(m => m.UserId == userId)).Reachable = reachable;
            return await db.SaveChangesAsync();
        });

    /// <summary>The member opens /events and presses the button starting with <paramref name="label"/> on its card.</summary>
    private static async Task<FakeMessage> Answer(TestBot bot, long userId, string label, string language = "de")
    {
        var card = await bot.Ask(userId, "/events", language);
        await Press(bot, userId, card, label);
        return card;
    }

    /// <summary>The organizer opens the card, presses ✏️, then the field's button; returns the question for it.</summary>
    private static async Task<FakeMessage> StartEdit(TestBot bot, string field)
    {
        var card = await bot.Ask(Olga, "/events");
        var what = await PressForMessage(bot, Olga, card, "✏️");
        return await PressForMessage(bot, Olga, what, field);
    }

    /// <summary>The whole edit: field, value, "yes"; returns the organizer's confirmation that it is done.</summary>
    private static async Task<FakeMessage> EditEvent(TestBot bot, string field, string value)
    {
        await StartEdit(bot, field);
        var confirm = await bot.Ask(Olga, value);
        return await PressForMessage(bot, Olga, confirm, "✅ Ja, ändern");
    }

    private static async Task<CallbackAnswer> Press(TestBot bot, long userId, FakeMessage message, string label)
    {
        var shown = bot.Api.ShownMessage(userId, message.MessageId) ?? message;
        var button = shown.Buttons.FirstOrDefault(b => b.Text.StartsWith(label, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No button \"{label}\" under \"{shown.Text}\"; there are: {string.Join(", ", shown.Buttons.Select(b => b.Text))}");
        return await PressData(bot, userId, message, button.CallbackData!);
    }

    private static async Task<CallbackAnswer> PressData(TestBot bot, long userId, FakeMessage message, string data)
    {
        var press = bot.Api.UserPresses(userId, userId, message.MessageId, data);
        await bot.Api.WaitFor(() => bot.Api.AnswerTo(press.CallbackQuery!.Id) is not null, what: $"the answer to {data}");
        return bot.Api.AnswerTo(press.CallbackQuery!.Id)!;
    }

    /// <summary>Presses and waits for the next message the bot sends into that chat.</summary>
    private static async Task<FakeMessage> PressForMessage(TestBot bot, long userId, FakeMessage message, string label)
    {
        var before = bot.Api.SentMessages(userId).Count;
        await Press(bot, userId, message, label);
        await bot.Api.WaitFor(() => bot.Api.SentMessages(userId).Count > before, what: $"a message after pressing {label}");
        return bot.Api.SentMessages(userId)[before];
    }
}

[Collection(PostgreSqlServer.Collection)]
public sealed class OrganizerTestsOnPostgreSql(PostgreSqlServer postgres) : OrganizerTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
