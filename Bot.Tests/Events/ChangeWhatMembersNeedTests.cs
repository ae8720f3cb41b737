using Bot.Commands.Callbacks;
using Bot.Domain.Chapters;
using Bot.Tests.Fakes;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Telegram.Bot.Types;

namespace Bot.Tests.Events;

/// <summary>What organizers could not do before without cancelling and creating again: a note members read on the
/// card, a new deadline, answers opened again after they closed, a new number of guests allowed; and the one-line
/// /newevent that shows what it will create before it does. Through the whole host, on a clock that says Friday 20
/// November 2026, 14:00 in Berlin.</summary>
public class ChangeWhatMembersNeedTests
{
    /// <summary>The server the tests run on in <see cref="ChangeWhatMembersNeedTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private static readonly DateTimeOffset Friday = new(2026, 11, 20, 13, 0, 0, TimeSpan.Zero);

    private const long Olga = 4501;
    private const long Alice = 4511;
    private const long Bob = 4512;

    [Fact]
    public async Task OneLine_ShowsWhatWillBeCreated_AndCreatesNothingBeforeTheConfirmation()
    {
        await using var bot = await Started();

        var summary = await bot.Ask(Olga, "/newevent Stammtisch | Mo 23.11. 19:00 | Gasthaus Krone | plätze=20 | notiz=Bitte Flyer mitbringen");

        Assert.StartsWith("Bitte prüfen:\n\nStammtisch\n📅 Mo, 23.11.2026, 19:00 Uhr\n📍 Gasthaus Krone\n👥 20 Plätze", summary.Text);
        Assert.Contains("🏛 Landesverband\n📝 Bitte Flyer mitbringen", summary.Text);
        Assert.Equal(["✅ Anlegen", "✏️ Neu anfangen", "Abbrechen", "🔁 Wiederholen …"], summary.Buttons.Select(b => b.Text));
        Assert.Equal(0, await bot.Db(db => db.Events.CountAsync()));
    }

    [Fact]
    public async Task OneLine_ConfirmPressedTwice_OrForged_CreatesOneEvent()
    {
        await using var bot = await Started();
        var summary = await bot.Ask(Olga, "/newevent Stammtisch | Mo 23.11. 19:00 | Gasthaus Krone");
        var create = summary.Button("✅ Anlegen").CallbackData!;

        var created = await bot.PressForMessage(Olga, summary, "✅");
        var second = await bot.PressData(Olga, summary, create);
        var forged = await bot.PressData(Olga, summary, CallbackCodec.Encode(CallbackData.Of("dg", "confirm", "create")));

        Assert.StartsWith("✅ Angelegt für Landesverband: Stammtisch am Mo, 23.11.2026, 19:00 Uhr.", created.Text);
        Assert.Equal("Dieser Knopf ist nicht mehr gültig.", second.Text);
        Assert.Equal("Dieser Knopf ist nicht mehr gültig.", forged.Text);
        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Olga, summary.MessageId)!.Buttons.Count == 0, what: "the summary's buttons removed");
        Assert.Equal(1, await bot.Db(db => db.Events.CountAsync()));
    }

    [Fact]
    public async Task OneLine_SameTitleAtTheSameTime_IsWarnedAboutInThePreview()
    {
        await using var bot = await Started();
        await bot.NewEvent(Olga, "Stammtisch | Mo 23.11. 19:00 | Gasthaus Krone");

        var twin = await bot.Ask(Olga, "/newevent stammtisch | 23.11. 19:00 | Krone");
        var otherTime = await bot.Ask(Olga, "/newevent Stammtisch | 23.11. 20:00 | Krone");

        Assert.Contains("⚠️ Landesverband hat „stammtisch“ zu dieser Zeit schon (siehe /events).", twin.Text);
        Assert.DoesNotContain("⚠️", otherTime.Text);
        Assert.Equal(1, await bot.Db(db => db.Events.CountAsync()));
    }

    [Fact]
    public async Task OneLine_NoteWithARepeatingEvent_SaysHowToAddItInstead()
    {
        await using var bot = await Started();

        var reply = await bot.Ask(Olga, "/newevent Stammtisch | Di 24.11. 19:00 | Krone | repeat=weekly | notiz=Flyer");

        Assert.StartsWith("⚠️ Ein Hinweis geht bei wiederkehrenden Terminen noch nicht", reply.Text);
        Assert.Equal(0, await bot.Db(db => db.Events.CountAsync()));
    }

    [Fact]
    public async Task Note_SetInTheEditDialog_IsOnTheCard_AndWhoSaidYesIsTold()
    {
        await using var bot = await Started();
        await bot.AddEvent("Stammtisch", TimeSpan.FromDays(3));
        var aliceCard = await bot.Ask(Alice, "/events");
        await bot.PressButton(Alice, aliceCard, "✅");

        var question = await StartEdit(bot, "📝 Hinweis");
        var confirm = await bot.Ask(Olga, "Bitte Flyer mitbringen");
        var done = await bot.PressForMessage(Olga, confirm, "✅ Ja, ändern");

        Assert.StartsWith("Aktueller Hinweis: kein Hinweis", question.Text);
        Assert.Contains("Vorher: kein Hinweis\nNachher: Bitte Flyer mitbringen", confirm.Text);
        Assert.StartsWith("✅ Geändert: Stammtisch.", done.Text);
        var told = await bot.Api.WaitForMessage(Alice, m => m.Text.Contains("Änderung bei"));
        Assert.Contains("📝 Hinweis: Bitte Flyer mitbringen", told.Text);
        Assert.Contains("❌", string.Join(" ", told.Buttons.Select(b => b.Text)));
        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Alice, aliceCard.MessageId)!.Text.Contains("📝 Bitte Flyer mitbringen"), what: "Alice's card shows the note");
        Assert.DoesNotContain(bot.Api.SentMessages(Bob), m => m.Text.Contains("Änderung bei"));
    }

    [Fact]
    public async Task ClosedAnswers_ReopenedByTheOrganizer_TakeAnswersAgain_AndThoseWhoAnsweredAreTold()
    {
        await using var bot = await Started();
        await bot.AddEvent("Stammtisch", TimeSpan.FromDays(5), deadlineIn: TimeSpan.FromDays(1));
        var aliceCard = await bot.Ask(Alice, "/events");
        await bot.PressButton(Alice, aliceCard, "✅");
        ((FakeTimeProvider)bot.Clock).Advance(TimeSpan.FromDays(2));
        var closed = await bot.Ask(Bob, "/events");
        Assert.Contains("🔒", closed.Text);

        var card = await bot.Ask(Olga, "/events");
        var what = await bot.PressForMessage(Olga, card, "✏️");
        var confirm = await bot.PressForMessage(Olga, what, "🔓 Antworten wieder öffnen");
        var done = await bot.PressForMessage(Olga, confirm, "✅ Ja, ändern");
        var open = await bot.Ask(Bob, "/events");

        Assert.Contains("🔒 Die Antworten sind geschlossen.", what.Text);
        Assert.Contains("Nachher: zum Beginn (Mi, 25.11.2026, 14:00 Uhr)", confirm.Text);
        Assert.Contains("🔓 Man kann wieder antworten.", done.Text);
        Assert.DoesNotContain("🔒", open.Text);
        await bot.PressButton(Bob, open, "✅");
        Assert.Contains("🔓 Man kann wieder antworten, bis zum Beginn (Mi, 25.11.2026, 14:00 Uhr).", (await bot.Api.WaitForMessage(Alice, m => m.Text.Contains("Änderung bei"))).Text);
        Assert.Equal(2, await bot.Db(db => db.Rsvps.CountAsync(r => r.Answer == Domain.Events.Answer.Yes)));
    }

    [Fact]
    public async Task Deadline_ChangedByTheOrganizer_IsOnTheCard_AndWhoAnsweredIsTold()
    {
        await using var bot = await Started();
        await bot.AddEvent("Stammtisch", TimeSpan.FromDays(5));
        var aliceCard = await bot.Ask(Alice, "/events");
        await bot.PressButton(Alice, aliceCard, "🤔");

        var question = await StartEdit(bot, "⏰");
        var refused = await bot.Ask(Olga, "30.11.");
        var confirm = await bot.Ask(Olga, "23.11. 18:00");
        await bot.PressForMessage(Olga, confirm, "✅ Ja, ändern");

        Assert.StartsWith("Aktuell: Antworten bis zum Beginn (Mi, 25.11.2026, 14:00 Uhr)", question.Text);
        Assert.Equal(["Bis zum Beginn"], question.Buttons.Select(b => b.Text));
        Assert.StartsWith("⚠️ Frist: Die Antworten können nicht erst nach dem Beginn schließen.", refused.Text);
        Assert.Contains("⏰ Antworten jetzt bis Mo, 23.11.2026, 18:00 Uhr (vorher: zum Beginn (Mi, 25.11.2026, 14:00 Uhr))",
            (await bot.Api.WaitForMessage(Alice, m => m.Text.Contains("Änderung bei"))).Text);
        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Alice, aliceCard.MessageId)!.Text.Contains("⏰ Antworten bis Mo, 23.11.2026, 18:00 Uhr"), what: "the card shows the deadline");
    }

    [Fact]
    public async Task GuestsAllowed_Raised_ShowsOnTheCard_ButNotBelowWhatSomeoneBrings()
    {
        await using var bot = await Started();
        await bot.AddEvent("Sommerfest", TimeSpan.FromDays(5), maxGuests: 2);
        var aliceCard = await bot.Ask(Alice, "/events");
        await bot.PressButton(Alice, aliceCard, "➕");
        await bot.PressButton(Alice, aliceCard, "➕");

        var question = await StartEdit(bot, "➕ Gäste");
        var tooFew = await bot.PressForMessage(Olga, question, "1 Gast");
        var refused = await bot.PressForMessage(Olga, tooFew, "✅ Ja, ändern");
        var confirm = await bot.Ask(Olga, "3");
        await bot.PressForMessage(Olga, confirm, "✅ Ja, ändern");

        Assert.Equal(["Keine", "1 Gast", "2 Gäste"], question.Buttons.Select(b => b.Text));
        Assert.StartsWith("Jemand bringt schon 2 Gäste mit; weniger als 2 geht deshalb nicht.", refused.Text);
        Assert.Contains("Vorher: 2 Gäste pro Person\nNachher: 3 Gäste pro Person", confirm.Text);
        Assert.Contains("➕ Gäste pro Person jetzt: 3 (vorher: 2)", (await bot.Api.WaitForMessage(Alice, m => m.Text.Contains("Änderung bei"))).Text);
        Assert.Equal(3, await bot.Db(db => db.Events.Select(e => e.MaxGuests).SingleAsync()));
    }

    private async Task<TestBot> Started()
    {
        var bot = await TestBot.Start(TestBot.Unpaced(), clock: new FakeTimeProvider(Friday), postgres: Postgres);
        foreach (var (id, first, last) in new[] { (Olga, "Olga", "Ortmann"), (Alice, "Alice", "Amsel"), (Bob, "Bob", "Buchfink") })
        {
            bot.Api.AddUser(new User { Id = id, IsBot = false, FirstName = first, LastName = last, LanguageCode = "de" });
            await bot.AddMember(id, $"{first} {last}", role: id == Olga ? Role.Organizer : Role.Member);
        }

        return bot;
    }

    /// <summary>The organizer opens the card, presses ✏️, then the field's button; returns the question for it.</summary>
    private static async Task<FakeMessage> StartEdit(TestBot bot, string field)
    {
        var card = await bot.Ask(Olga, "/events");
        var what = await bot.PressForMessage(Olga, card, "✏️");
        return await bot.PressForMessage(Olga, what, field);
    }
}

[Collection(PostgreSqlServer.Collection)]
public sealed class ChangeWhatMembersNeedTestsOnPostgreSql(PostgreSqlServer postgres) : ChangeWhatMembersNeedTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
