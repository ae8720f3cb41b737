using Bot.Domain.Chapters;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Commands;

/// <summary>Issue 15, point 6: a command typed in the middle of a dialog says that the dialog was left.</summary>
public class DialogLeftTests
{
    /// <summary>The server the tests run on in <see cref="DialogLeftTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private const long Olga = 3301;

    [Fact]
    public async Task CommandTypedMidDialog_SaysTheDialogWasLeft_AndAnswersTheCommand()
    {
        await using var bot = await TestBot.Start(TestBot.Unpaced(), postgres: Postgres);
        await bot.AddMember(Olga, "Olga Organisatorin", role: Role.Organizer);
        await bot.Ask(Olga, "/newevent");

        var first = await bot.Ask(Olga, "/my");

        Assert.Contains("Deine angefangene Eingabe habe ich beendet, weil du /my geschickt hast", first.Text);
        await bot.Api.WaitForMessage(Olga, m => m.MessageId > first.MessageId && m.Text.Contains("noch auf keine kommende Veranstaltung"));
        Assert.False(await bot.Db(db => db.Dialogs.AnyAsync()));
    }

    [Fact]
    public async Task OneLineNewEvent_Cancelled_ItsSummaryLosesTheCreateButton_AndNothingIsCreated()
    {
        await using var bot = await TestBot.Start(TestBot.Unpaced(), clock: new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 13, 0, 0, TimeSpan.Zero)), postgres: Postgres);
        await bot.AddMember(Olga, "Olga Organisatorin", role: Role.Organizer);
        var summary = await bot.Ask(Olga, "/newevent Stammtisch | Di 24.11. 19:00 | Krone");
        Assert.Contains(summary.Buttons, b => b.Text.StartsWith('✅'));

        var cancelled = await bot.Ask(Olga, "/cancel");

        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Olga, summary.MessageId)!.Buttons.Count == 0, what: "the summary's buttons removed");
        Assert.Equal("Abgebrochen. Mit /help siehst du, was du tun kannst.", cancelled.Text);
        Assert.False(await bot.Db(db => db.Events.AnyAsync()));
    }

    [Fact]
    public async Task OneLineNewEvent_LeftForAnotherCommand_ItsSummaryLosesTheCreateButton()
    {
        await using var bot = await TestBot.Start(TestBot.Unpaced(), clock: new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 13, 0, 0, TimeSpan.Zero)), postgres: Postgres);
        await bot.AddMember(Olga, "Olga Organisatorin", role: Role.Organizer);
        var summary = await bot.Ask(Olga, "/newevent Stammtisch | Di 24.11. 19:00 | Krone");

        await bot.Ask(Olga, "/my");

        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Olga, summary.MessageId)!.Buttons.Count == 0, what: "the summary's buttons removed");
    }

    [Fact]
    public async Task CommandTypedWithoutADialog_SaysNothingAboutDialogs()
    {
        await using var bot = await TestBot.Start(TestBot.Unpaced(), postgres: Postgres);
        await bot.AddMember(Olga, "Olga Organisatorin", role: Role.Organizer);

        var reply = await bot.Ask(Olga, "/my");

        Assert.DoesNotContain("Eingabe", reply.Text);
    }
}

[Collection(PostgreSqlServer.Collection)]
public sealed class DialogLeftTestsOnPostgreSql(PostgreSqlServer postgres) : DialogLeftTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
