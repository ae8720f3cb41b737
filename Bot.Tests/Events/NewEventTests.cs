using Bot.Persistence;
using Bot.Commands.Callbacks;
using Bot.Commands.Dialogs;
using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Bot.Tests.Fakes;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Events;

/// <summary>/newevent through the whole host and the fake Bot API, on a clock that stands at Friday 20 November
/// 2026, 14:00 in Berlin.</summary>
public class NewEventTests
{
    /// <summary>The server the tests run on in <see cref="NewEventTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private const long Olga = 3101;
    private const long Alice = 3102;
    private const long Group = -100777;

    /// <summary>Friday 20 November 2026, 14:00 in Berlin (13:00 UTC).</summary>
    private static readonly DateTimeOffset Friday = new(2026, 11, 20, 13, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task OneLine_CreatesTheEvent_AndTheOrganizerSeesItsCard()
    {
        await using var bot = await Started();

        var reply = await bot.NewEvent(Olga, "Stammtisch | Mo 23.11. 19:00 | Gasthaus Krone | plätze=20 | gäste=1");
        var card = await NextMessage(bot, Olga, reply);

        Assert.StartsWith("✅ Angelegt für Landesverband: Stammtisch am Mo, 23.11.2026, 19:00 Uhr.", reply.Text);
        Assert.Contains("Landesverband hat keine verknüpfte Gruppe", reply.Text);
        Assert.StartsWith("Stammtisch\n📅 Mo, 23.11.2026, 19:00 Uhr", card.Text);
        Assert.Contains("📍 Gasthaus Krone", card.Text);
        Assert.Contains("0 von 20 Plätzen belegt", card.Text);
        Assert.Contains("✅ Ja · 0", card.Buttons.Select(b => b.Text));
        Assert.Contains("👥 Wer kommt", card.Buttons.Select(b => b.Text));
        var stored = await bot.Db(db => db.Events.SingleAsync());
        Assert.Equal(new DateTime(2026, 11, 23, 18, 0, 0, DateTimeKind.Utc), stored.StartsAt);
        Assert.Equal((20, 1, Olga), (stored.Capacity, stored.MaxGuests, stored.CreatedBy));
    }

    [Fact]
    public async Task OneLine_PostsTheCardIntoTheChaptersLinkedGroup()
    {
        await using var bot = await Started();
        bot.Api.AddGroup(Group, "Landesverband");
        await bot.Db(async db =>
        {
            (await db.Chapters.SingleAsync(c => c.ParentId == null)).GroupChatId = Group;
            return await db.SaveChangesAsync();
        });

        var reply = await bot.NewEvent(Olga, "Stammtisch | Mo 23.11. 19:00 | Gasthaus Krone");
        var inGroup = await bot.Api.WaitForMessage(Group);

        Assert.Contains("📣 Ich habe sie auch in der Gruppe von Landesverband gepostet.", reply.Text);
        Assert.StartsWith("Stammtisch\n📅 Mo, 23.11.2026, 19:00 Uhr", inGroup.Text);
        Assert.Equal(["✅ Ja · 0", "🤔 Vielleicht · 0", "❌ Nein · 0"], inGroup.Buttons.Select(b => b.Text));
    }

    [Fact]
    public async Task Member_WhoIsNoOrganizer_IsRefused_ToldWhichRoleItNeeds_AndWhomToAsk()
    {
        await using var bot = await Started();

        var reply = await bot.Ask(Alice, "/newevent Stammtisch | Mo 23.11. 19:00 | Gasthaus Krone");

        Assert.Equal("Entschuldigung, /newevent ist für Organisator:innen. Wenn du organisieren möchtest, bitte eine:n Admin von Landesverband, dir diese Rolle zu geben. Mit /help siehst du, was du tun kannst.", reply.Text);
        Assert.Equal(0, await bot.Db(db => db.Events.CountAsync()));
    }

    [Theory]
    [InlineData("Stammtisch | 19.11.2026 19:00 | Krone", "⚠️ Datum und Uhrzeit: „19.11.2026 19:00“ ist schon vorbei.")]
    [InlineData("Stammtisch | heute 12:00 | Krone", "⚠️ Datum und Uhrzeit: „heute 12:00“ ist schon vorbei.")]
    [InlineData("Stammtisch | 31.04. 19:00 | Krone", "⚠️ Datum und Uhrzeit: Den Tag „31.04.“ gibt es nicht im Kalender.")]
    [InlineData("Stammtisch | Sa 23.11.2026 19:00 | Krone", "⚠️ Datum und Uhrzeit: „Sa 23.11.2026“ passt nicht zusammen: Der 23.11.2026 ist ein Montag.")]
    [InlineData("Stammtisch | 23.11. 25:00 | Krone", "⚠️ Datum und Uhrzeit: Die Uhrzeit „25:00“ gibt es nicht.")]
    [InlineData("Stammtisch | 23.11. 19:00", "⚠️ Der Ort fehlt: Wo findet die Veranstaltung statt?")]
    [InlineData("Stammtisch am 23.11. um 19 Uhr im Krone", "⚠️ Ich brauche mindestens drei Teile, getrennt durch |: Titel | Datum und Uhrzeit | Ort.")]
    [InlineData("Stammtisch | 23.11. 19:00 | Krone | plätze=0", "⚠️ Plätze: „0“ geht nicht, bitte 1 bis 10000.")]
    [InlineData("Stammtisch | 23.11. 19:00 | Krone | plätze=abc", "⚠️ Plätze: „abc“ ist keine Zahl. Bitte schreib eine ganze Zahl, z. B. 20.")]
    [InlineData("Stammtisch | 23.11. 19:00 | Krone | farbe=rot", "⚠️ „farbe=“ kenne ich nicht. Möglich sind plätze=, frist=, gäste=, notiz= und verband=.")]
    [InlineData("Stammtisch | 23.11. 19:00 | Krone | frist=24.11.", "⚠️ Frist: Die Antworten können nicht erst nach dem Beginn schließen.")]
    [InlineData("Stammtisch | 23.11. 19:00 | Krone | repeat=ab und zu", "⚠️ Die Wiederholung „ab und zu“ verstehe ich nicht.")]
    public async Task OneLine_WithAMistake_SaysWhatIsWrong_AndShowsALineThatWorks(string line, string expected)
    {
        await using var bot = await Started();

        var reply = await bot.Ask(Olga, "/newevent " + line);

        Assert.StartsWith(expected, reply.Text);
        Assert.Contains("So sieht eine ganze Zeile aus:\n/newevent Stammtisch | Sa 28.11. 19:00 | Gasthaus Krone", reply.Text);
        Assert.Contains("Oder schick nur /newevent, dann frage ich dich Schritt für Schritt.", reply.Text);
        Assert.Equal(0, await bot.Db(db => db.Events.CountAsync()));
    }

    [Fact]
    public async Task OneLine_DateErrors_ShowAnExampleThatWorks()
    {
        await using var bot = await Started();

        var reply = await bot.Ask(Olga, "/newevent Stammtisch | irgendwann | Krone", "en");

        Assert.StartsWith("⚠️ Date and time: I cannot read “irgendwann” as a date.\nFor example: Sat 28.11. 19:00 or tomorrow 7pm.", reply.Text);
        Assert.Contains("/newevent Stammtisch | Sat 28.11. 19:00 | Red Lion | capacity=20", reply.Text);
    }

    [Theory]
    [InlineData("👍")]
    [InlineData("🇩🇪")]
    public async Task OneLine_LongUnknownField_IsQuotedShortened_UpToTheLastWholeSymbol(string symbol)
    {
        await using var bot = await Started();
        // The quote keeps 40 UTF-16 units and the symbol straddles the 40th. Cut there, the quote held half an emoji,
        // which PostgreSQL refused to store (Olga got an apology), or half of the flag.
        var letters = new string('x', 40 - (symbol.Length / 2));

        var reply = await bot.Ask(Olga, $"/newevent Stammtisch | 23.11. 19:00 | Krone | {letters}{symbol} und noch mehr", "en");

        Assert.StartsWith($"⚠️ I do not understand “{letters}…”. After title", reply.Text);
    }

    [Fact]
    public async Task OneLine_TheExampleItShows_Works()
    {
        await using var bot = await Started();
        var refused = await bot.Ask(Olga, "/newevent Stammtisch | 31.04. 19:00 | Krone");
        var example = refused.Text.Split('\n').Single(l => l.StartsWith("/newevent", StringComparison.Ordinal));

        var summary = await bot.Ask(Olga, example);
        var reply = await bot.PressForMessage(Olga, summary, "✅");

        Assert.StartsWith("✅ Angelegt für Landesverband: Stammtisch am Sa, 28.11.2026, 19:00 Uhr.", reply.Text);
    }

    [Fact]
    public async Task OneLine_HugeTitle_IsRefused_WithoutEchoingIt()
    {
        await using var bot = await Started();
        var title = new string('A', 300);

        var reply = await bot.Ask(Olga, $"/newevent {title} | 23.11. 19:00 | Krone");

        Assert.StartsWith("⚠️ Der Titel ist zu lang: höchstens 120 Zeichen, bitte.", reply.Text);
        Assert.DoesNotContain(title, reply.Text);
        Assert.Equal(0, await bot.Db(db => db.Events.CountAsync()));
    }

    [Fact]
    public async Task OneLine_HugeMessage_IsRefused()
    {
        await using var bot = await Started();

        var reply = await bot.Ask(Olga, "/newevent " + string.Join(" | ", Enumerable.Repeat("Stammtisch", 200)));

        Assert.StartsWith("⚠️ Das ist zu lang: höchstens 1500 Zeichen, bitte.", reply.Text);
        Assert.True(reply.Text.Length < 1000);
    }

    [Fact]
    public async Task OneLine_AtTwoThirtyOnTheNightClocksGoForward_IsStoredAtThreeThirty_AndTheReplySaysSo()
    {
        await using var bot = await Started();

        var reply = await bot.NewEvent(Olga, "Frühlingsfest | 28.03.2027 02:30 | Krone");
        var card = await NextMessage(bot, Olga, reply);

        Assert.StartsWith("✅ Angelegt für Landesverband: Frühlingsfest am So, 28.03.2027, 03:30 Uhr.", reply.Text);
        Assert.Contains("ℹ️ In der Nacht zum 28.03.2027 wird die Uhr vorgestellt: 02:30 Uhr gibt es da nicht, deshalb habe ich 03:30 Uhr eingetragen.", reply.Text);
        Assert.Contains("So, 28.03.2027, 03:30 Uhr", card.Text);
        var stored = await bot.Db(db => db.Events.SingleAsync());
        Assert.Equal(new DateTime(2027, 3, 28, 1, 30, 0, DateTimeKind.Utc), stored.StartsAt);
    }

    [Fact]
    public async Task HtmlCharacters_InTitleAndPlace_AreEscaped_AndShownAsTyped()
    {
        await using var bot = await Started();

        var reply = await bot.NewEvent(Olga, "<b>Tom & Jerry</b> | Mo 23.11. 19:00 | Bar \"<Eck>\" & Co");
        var card = await NextMessage(bot, Olga, reply);

        Assert.StartsWith("✅ Angelegt für Landesverband: <b>Tom & Jerry</b> am", reply.Text);
        Assert.Contains("&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;", reply.Source);
        Assert.StartsWith("<b>Tom & Jerry</b>\n", card.Text);
        Assert.Contains("📍 Bar \"<Eck>\" & Co", card.Text);
        Assert.DoesNotContain(bot.Api.Requests, r => r.Method == "sendMessage" && !r.Succeeded);
        var stored = await bot.Db(db => db.Events.SingleAsync());
        Assert.Equal(("<b>Tom & Jerry</b>", "Bar \"<Eck>\" & Co"), (stored.Title, stored.Place));
    }

    [Fact]
    public async Task OneLine_OrganizerOfTwoChapters_IsAskedWhichOne_AndCanSayIt()
    {
        await using var bot = await Started();
        await bot.AddChapter("Ortsverband Nord");
        await bot.AddChapter("Ortsverband Süd");
        await bot.AddMember(Alice, "Alice Amsel", "Ortsverband Nord", Role.Organizer);
        await bot.AddMember(Alice, "Alice Amsel", "Ortsverband Süd", Role.Organizer);

        var asked = await bot.Ask(Alice, "/newevent Stammtisch | Mo 23.11. 19:00 | Krone");
        var created = await bot.NewEvent(Alice, "Stammtisch | Mo 23.11. 19:00 | Krone | verband=ortsverband süd");

        Assert.StartsWith("Du organisierst in mehreren Verbänden. Für welchen ist die Veranstaltung?", asked.Text);
        Assert.Contains("Du kannst Veranstaltungen anlegen für: Ortsverband Nord, Ortsverband Süd.", asked.Text);
        Assert.Contains("| verband=Ortsverband Nord", asked.Text);
        Assert.StartsWith("✅ Angelegt", created.Text);
        Assert.Equal("Ortsverband Süd", await bot.Db(db => db.Events.Join(db.Chapters, e => e.ChapterId, c => c.Id, (e, c) => c.Name).SingleAsync()));
    }

    [Fact]
    public async Task OneLine_ChapterWhereTheyDoNotOrganize_IsRefused()
    {
        await using var bot = await Started();
        await bot.AddChapter("Ortsverband Nord");
        await bot.AddChapter("Ortsverband Süd");
        await bot.AddMember(Alice, "Alice Amsel", "Ortsverband Nord", Role.Organizer);

        var unknown = await bot.Ask(Alice, "/newevent Stammtisch | Mo 23.11. 19:00 | Krone | verband=Atlantis");
        var notTheirs = await bot.Ask(Alice, "/newevent Stammtisch | Mo 23.11. 19:00 | Krone | verband=Ortsverband Süd");

        Assert.StartsWith("Einen Verband namens „Atlantis“ kenne ich nicht.\nDu kannst Veranstaltungen anlegen für: Ortsverband Nord.", unknown.Text);
        Assert.StartsWith("Für Ortsverband Süd kannst du keine Veranstaltungen anlegen", notTheirs.Text);
        Assert.Equal(0, await bot.Db(db => db.Events.CountAsync()));
    }

    [Fact]
    public async Task Dialog_AsksEveryField_WithButtonsAndTypedAnswers_AcrossARestart()
    {
        await using var bot = await Started();

        var title = await bot.Ask(Olga, "/newevent");
        var when = await bot.Ask(Olga, "Stammtisch");
        var place = await bot.Ask(Olga, "Mo 23.11. 19 Uhr");
        var capacity = await bot.Ask(Olga, "Gasthaus Krone");
        await bot.Restart();
        var guests = await bot.Ask(Olga, "25");
        var deadline = await Press(bot, Olga, guests, "1 Gast");
        var note = await bot.Ask(Olga, "22.11. 18:00");
        var summary = await bot.Ask(Olga, "Bitte Flyer mitbringen");
        var created = await Press(bot, Olga, summary, "✅ Anlegen");
        var card = await NextMessage(bot, Olga, created);

        Assert.Contains("Wie heißt sie?", title.Text);
        Assert.Contains("/cancel", title.Text);
        Assert.StartsWith("📅 Wann findet Stammtisch statt? Schreib Datum und Uhrzeit.\nZum Beispiel: Sa 28.11. 19:00", when.Text);
        Assert.StartsWith("📍 Wo?", place.Text);
        Assert.Equal(["Ohne Begrenzung"], capacity.Buttons.Select(b => b.Text));
        Assert.Equal(["Keine", "1 Gast", "2 Gäste"], guests.Buttons.Select(b => b.Text));
        Assert.Equal(["Bis zum Beginn"], deadline.Buttons.Select(b => b.Text));
        Assert.StartsWith("📝 Sollen die Mitglieder noch etwas wissen", note.Text);
        Assert.Equal(["Kein Hinweis"], note.Buttons.Select(b => b.Text));
        Assert.Equal("Bitte prüfen:\n\nStammtisch\n📅 Mo, 23.11.2026, 19:00 Uhr\n📍 Gasthaus Krone\n👥 25 Plätze\n➕ Gäste pro Person: 1\n⏰ Antworten bis So, 22.11.2026, 18:00 Uhr\n🏛 Landesverband\n📝 Bitte Flyer mitbringen",
            summary.Text.Split("\n\nStimmt alles?")[0]);
        Assert.Equal(["✅ Anlegen", "✏️ Neu anfangen", "Abbrechen", "🔁 Wiederholen …"], summary.Buttons.Select(b => b.Text));
        Assert.StartsWith("✅ Angelegt für Landesverband: Stammtisch am Mo, 23.11.2026, 19:00 Uhr.", created.Text);
        Assert.Contains("25 Plätzen", card.Text);
        Assert.Contains("📍 Gasthaus Krone\n📝 Bitte Flyer mitbringen", card.Text);
        var stored = await bot.Db(db => db.Events.SingleAsync());
        Assert.Equal((25, 1, "Bitte Flyer mitbringen"), (stored.Capacity, stored.MaxGuests, stored.Note));
        Assert.Equal(new DateTime(2026, 11, 22, 17, 0, 0, DateTimeKind.Utc), stored.DeadlineAt);
        Assert.Null(await DialogOf(bot, Olga));
    }

    [Fact]
    public async Task Dialog_NoLimit_NoGuests_UntilItStarts_ByButtons()
    {
        await using var bot = await Started();
        await bot.Ask(Olga, "/newevent");
        await bot.Ask(Olga, "Stammtisch");
        await bot.Ask(Olga, "morgen 19 Uhr");
        var capacity = await bot.Ask(Olga, "Krone");

        var guests = await Press(bot, Olga, capacity, "Ohne Begrenzung");
        var deadline = await Press(bot, Olga, guests, "Keine");
        var note = await Press(bot, Olga, deadline, "Bis zum Beginn");
        var summary = await Press(bot, Olga, note, "Kein Hinweis");
        await Press(bot, Olga, summary, "✅ Anlegen");

        Assert.Contains("👥 Plätze ohne Begrenzung\n➕ keine Gäste\n⏰ Antworten bis zum Beginn", summary.Text);
        var stored = await bot.Db(db => db.Events.SingleAsync());
        Assert.Equal((null, 0, null), (stored.Capacity, stored.MaxGuests, stored.DeadlineAt));
    }

    [Fact]
    public async Task Dialog_AMistake_IsExplained_AndTheQuestionAskedAgain()
    {
        await using var bot = await Started();
        await bot.Ask(Olga, "/newevent");
        await bot.Ask(Olga, "Stammtisch");

        var impossible = await bot.Ask(Olga, "31.04. 19:00");
        var past = await bot.Ask(Olga, "19.11.2026 19:00");
        var place = await bot.Ask(Olga, "Mo 23.11. 19:00");
        var capacity = await bot.Ask(Olga, "Krone");
        var notANumber = await bot.Ask(Olga, "viele");

        Assert.StartsWith("⚠️ Datum und Uhrzeit: Den Tag „31.04.“ gibt es nicht im Kalender.", impossible.Text);
        Assert.Contains("📅 Wann findet Stammtisch statt?", impossible.Text);
        Assert.StartsWith("⚠️ Datum und Uhrzeit: „19.11.2026 19:00“ ist schon vorbei.", past.Text);
        Assert.Contains("📅 Wann findet Stammtisch statt?", past.Text);
        Assert.StartsWith("📍 Wo?", place.Text);
        Assert.StartsWith("⚠️ Plätze: „viele“ ist keine Zahl.", notANumber.Text);
        Assert.Contains("👥 Wie viele Plätze gibt es?", notANumber.Text);
        Assert.Equal(["Ohne Begrenzung"], notANumber.Buttons.Select(b => b.Text));
        Assert.Equal("capacity", (await DialogOf(bot, Olga))!.Step);
        Assert.NotEqual(capacity.MessageId, notANumber.MessageId);
    }

    [Fact]
    public async Task Dialog_DeadlineAfterTheStart_IsAskedAgain()
    {
        await using var bot = await Started();
        await bot.Ask(Olga, "/newevent");
        await bot.Ask(Olga, "Stammtisch");
        await bot.Ask(Olga, "Mo 23.11. 19:00");
        await bot.Ask(Olga, "Krone");
        await bot.Ask(Olga, "10");
        await bot.Ask(Olga, "0");

        var refused = await bot.Ask(Olga, "24.11.");

        Assert.StartsWith("⚠️ Frist: Die Antworten können nicht erst nach dem Beginn schließen.", refused.Text);
        Assert.Contains("⏰ Bis wann kann man zu- oder absagen?", refused.Text);
        Assert.Equal(["Bis zum Beginn"], refused.Buttons.Select(b => b.Text));
    }

    [Fact]
    public async Task Dialog_OrganizerOfTwoChapters_ChoosesTheChapterByButton()
    {
        await using var bot = await Started();
        await bot.AddChapter("Ortsverband Nord");
        await bot.AddChapter("Ortsverband Süd");
        await bot.AddMember(Alice, "Alice Amsel", "Ortsverband Nord", Role.Organizer);
        await bot.AddMember(Alice, "Alice Amsel", "Ortsverband Süd", Role.Organizer);
        await bot.Ask(Alice, "/newevent");
        await bot.Ask(Alice, "Stammtisch");
        await bot.Ask(Alice, "Mo 23.11. 19:00");
        await bot.Ask(Alice, "Krone");
        await bot.Ask(Alice, "keine");
        await bot.Ask(Alice, "0");

        await bot.Ask(Alice, "22.11.");
        var chapter = await bot.Ask(Alice, "keine");
        var summary = await Press(bot, Alice, chapter, "Ortsverband Süd");
        await Press(bot, Alice, summary, "✅ Anlegen");

        Assert.StartsWith("🏛 Für welchen Verband ist die Veranstaltung?", chapter.Text);
        Assert.Equal(["Ortsverband Nord", "Ortsverband Süd"], chapter.Buttons.Select(b => b.Text));
        Assert.Contains("⏰ Antworten bis So, 22.11.2026, 23:59 Uhr\n🏛 Ortsverband Süd", summary.Text);
        Assert.Equal("Ortsverband Süd", await bot.Db(db => db.Events.Join(db.Chapters, e => e.ChapterId, c => c.Id, (e, c) => c.Name).SingleAsync()));
    }

    [Fact]
    public async Task Dialog_ForgedChapterButton_ForAChapterTheyDoNotOrganize_IsRefused()
    {
        await using var bot = await Started();
        var nord = await bot.AddChapter("Ortsverband Nord");
        var sued = await bot.AddChapter("Ortsverband Süd");
        var west = await bot.AddChapter("Ortsverband West");
        await bot.AddMember(Alice, "Alice Amsel", nord.Name, Role.Organizer);
        await bot.AddMember(Alice, "Alice Amsel", sued.Name, Role.Organizer);
        await bot.Ask(Alice, "/newevent");
        await bot.Ask(Alice, "Stammtisch");
        await bot.Ask(Alice, "Mo 23.11. 19:00");
        await bot.Ask(Alice, "Krone");
        await bot.Ask(Alice, "keine");
        await bot.Ask(Alice, "0");
        await bot.Ask(Alice, "start");
        var question = await bot.Ask(Alice, "keine");

        var before = bot.Api.SentMessages(Alice).Count;
        var forged = CallbackCodec.Encode(CallbackData.Of("dg", "chapter", $"c{west.Id}"));
        bot.Api.UserPresses(Alice, Alice, question.MessageId, forged);
        await bot.Api.WaitFor(() => bot.Api.SentMessages(Alice).Count > before, what: "the answer to the forged press");
        var refused = bot.Api.SentMessages(Alice)[before];

        Assert.StartsWith("⚠️ Für Ortsverband West kannst du keine Veranstaltungen anlegen", refused.Text);
        Assert.Equal(["Ortsverband Nord", "Ortsverband Süd"], refused.Buttons.Select(b => b.Text));
        Assert.Equal("chapter", (await DialogOf(bot, Alice))!.Step);
        Assert.Equal(0, await bot.Db(db => db.Events.CountAsync()));
    }

    [Fact]
    public async Task Dialog_WithLostAnswers_StartsAgain_RatherThanGuess()
    {
        await using var bot = await Started();
        await bot.Ask(Olga, "/newevent");
        await bot.Ask(Olga, "Stammtisch");
        await bot.Ask(Olga, "Mo 23.11. 19:00");
        await bot.Db(async db =>
        {
            var state = await db.Dialogs.SingleAsync();
            state.Data = "{\"title\":\"Stammtisch\",\"date\":\"kaputt\"}";
            return await db.SaveChangesAsync();
        });

        var reply = await bot.Ask(Olga, "Krone");

        Assert.StartsWith("Bei deinen Antworten ist etwas durcheinandergeraten, fangen wir noch einmal an.\n\n📝 Neue Veranstaltung", reply.Text);
        Assert.Equal(("title", "{}"), ((await DialogOf(bot, Olga))!.Step, (await DialogOf(bot, Olga))!.Data));
    }

    [Fact]
    public async Task Dialog_StartOver_BeginsAgainAtTheTitle_AndCancel_CreatesNothing()
    {
        await using var bot = await Started();
        var summary = await ToTheSummary(bot);

        var title = await Press(bot, Olga, summary, "✏️ Neu anfangen");
        await bot.Ask(Olga, "Vorstandssitzung");
        await bot.Ask(Olga, "Mo 23.11. 19:00");
        await bot.Ask(Olga, "Krone");
        await bot.Ask(Olga, "5");
        await bot.Ask(Olga, "0");
        await bot.Ask(Olga, "22.11.");
        var second = await bot.Ask(Olga, "kein");
        var cancelled = await Press(bot, Olga, second, "Abbrechen");

        Assert.Contains("Wie heißt sie?", title.Text);
        Assert.Contains("Vorstandssitzung", second.Text);
        Assert.Equal("Abgebrochen, es wurde nichts angelegt. Mit /newevent fängst du neu an.", cancelled.Text);
        Assert.Equal(0, await bot.Db(db => db.Events.CountAsync()));
        Assert.Null(await DialogOf(bot, Olga));
    }

    [Fact]
    public async Task Dialog_TextAtTheSummary_ShowsItAgainWithItsButtons()
    {
        await using var bot = await Started();
        await ToTheSummary(bot);

        var again = await bot.Ask(Olga, "ja passt");

        Assert.StartsWith("Bitte drück auf einen der Knöpfe darunter.\n\nBitte prüfen:", again.Text);
        Assert.Equal(["✅ Anlegen", "✏️ Neu anfangen", "Abbrechen", "🔁 Wiederholen …"], again.Buttons.Select(b => b.Text));
        Assert.Equal(0, await bot.Db(db => db.Events.CountAsync()));
    }

    [Fact]
    public async Task Dialog_CancelCommand_LeavesIt()
    {
        await using var bot = await Started();
        await bot.Ask(Olga, "/newevent");
        await bot.Ask(Olga, "Stammtisch");

        var cancelled = await bot.Ask(Olga, "/cancel");
        var afterwards = await bot.Ask(Olga, "Mo 23.11. 19:00");

        Assert.StartsWith("Abgebrochen.", cancelled.Text);
        Assert.StartsWith("Ich verstehe Befehle und Knöpfe.", afterwards.Text);
        Assert.Null(await DialogOf(bot, Olga));
        Assert.Equal(0, await bot.Db(db => db.Events.CountAsync()));
    }

    [Fact]
    public async Task Dialog_CreatePressedTwice_CreatesOneEvent()
    {
        await using var bot = await Started();
        var summary = await ToTheSummary(bot);
        await Press(bot, Olga, summary, "✅ Anlegen");

        var again = bot.Api.UserPresses(Olga, Olga, summary.MessageId, summary.Button("✅ Anlegen").CallbackData!);
        await bot.Api.WaitFor(() => bot.Api.AnswerTo(again.CallbackQuery!.Id) is not null, what: "the second press answered");

        Assert.Equal("Dieser Knopf ist nicht mehr gültig.", bot.Api.AnswerTo(again.CallbackQuery!.Id)!.Text);
        Assert.Equal(1, await bot.Db(db => db.Events.CountAsync()));
    }

    [Fact]
    public async Task Dialog_AStartThatPassedWhileTheSummaryWaited_IsAskedAgain_AndLeadsBackToTheSummary()
    {
        var clock = new FakeTimeProvider(Friday);
        await using var bot = await Started(clock);
        await bot.Ask(Olga, "/newevent");
        await bot.Ask(Olga, "Stammtisch");
        await bot.Ask(Olga, "heute 15:00");
        await bot.Ask(Olga, "Krone");
        await bot.Ask(Olga, "12");
        await bot.Ask(Olga, "0");
        await bot.Ask(Olga, "start");
        var summary = await bot.Ask(Olga, "keine");
        clock.Advance(TimeSpan.FromHours(2));

        var again = await Press(bot, Olga, summary, "✅ Anlegen");
        var summaryAgain = await bot.Ask(Olga, "morgen 19:00");
        await Press(bot, Olga, summaryAgain, "✅ Anlegen");

        Assert.StartsWith("⚠️ Datum und Uhrzeit: „20.11.2026“ ist schon vorbei.", again.Text);
        Assert.Contains("📅 Wann findet Stammtisch statt?", again.Text);
        Assert.Contains("📅 Sa, 21.11.2026, 19:00 Uhr\n📍 Krone\n👥 12 Plätze", summaryAgain.Text);
        var stored = await bot.Db(db => db.Events.SingleAsync());
        Assert.Equal(new DateTime(2026, 11, 21, 18, 0, 0, DateTimeKind.Utc), stored.StartsAt);
    }

    [Fact]
    public async Task Dialog_TheSummarySaysWhatDaylightSavingTimeDid()
    {
        await using var bot = await Started();
        await bot.Ask(Olga, "/newevent");
        await bot.Ask(Olga, "Frühlingsfest");
        await bot.Ask(Olga, "28.03.2027 02:30");
        await bot.Ask(Olga, "Krone");
        await bot.Ask(Olga, "keine");
        await bot.Ask(Olga, "0");
        await bot.Ask(Olga, "start");

        var summary = await bot.Ask(Olga, "keine");

        Assert.Contains("📅 So, 28.03.2027, 03:30 Uhr", summary.Text);
        Assert.Contains("02:30 Uhr gibt es da nicht, deshalb habe ich 03:30 Uhr eingetragen.", summary.Text);
    }

    private async Task<TestBot> Started(FakeTimeProvider? clock = null)
    {
        var bot = await TestBot.Start(TestBot.Unpaced(), clock: clock ?? new FakeTimeProvider(Friday), postgres: Postgres);
        await bot.AddMember(Olga, "Olga Organisatorin", role: Role.Organizer);
        await bot.AddMember(Alice, "Alice Amsel");
        return bot;
    }

    private static async Task<FakeMessage> ToTheSummary(TestBot bot)
    {
        await bot.Ask(Olga, "/newevent");
        await bot.Ask(Olga, "Stammtisch");
        await bot.Ask(Olga, "Mo 23.11. 19:00");
        await bot.Ask(Olga, "Krone");
        await bot.Ask(Olga, "keine");
        await bot.Ask(Olga, "0");
        await bot.Ask(Olga, "start");
        return await bot.Ask(Olga, "keine");
    }

    /// <summary>The message the bot sends after <paramref name="message"/> in the chat (e.g. the card after the
    /// confirmation).</summary>
    private static Task<FakeMessage> NextMessage(TestBot bot, long chatId, FakeMessage message) =>
        bot.Api.WaitForMessage(chatId, m => m.FromBot && m.MessageId > message.MessageId);

    /// <summary>The user presses the button with this label; returns the bot's next message in the chat.</summary>
    private static async Task<FakeMessage> Press(TestBot bot, long userId, FakeMessage message, string label)
    {
        var before = bot.Api.SentMessages(userId).Count;
        var press = bot.Api.UserPresses(userId, userId, message.MessageId, message.Button(label).CallbackData!);
        await bot.Api.WaitFor(
            () => bot.Api.AnswerTo(press.CallbackQuery!.Id) is not null && bot.Api.SentMessages(userId).Count > before,
            what: $"the press of '{label}' answered");
        return bot.Api.SentMessages(userId)[before];
    }

    private static Task<DialogState?> DialogOf(TestBot bot, long userId) =>
        bot.Db(db => db.Dialogs.AsNoTracking().SingleOrDefaultAsync(d => d.ChatId == userId && d.UserId == userId));
}

[Collection(PostgreSqlServer.Collection)]
public sealed class NewEventTestsOnPostgreSql(PostgreSqlServer postgres) : NewEventTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
