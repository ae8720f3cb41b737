using Bot.Domain.Chapters;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Commands;

/// <summary>Issue 15, point 6: a command typed in the middle of a dialog says that the dialog was left.</summary>
public sealed class DialogLeftTests
{
    private const long Olga = 3301;

    [Fact]
    public async Task CommandTypedMidDialog_SaysTheDialogWasLeft_AndAnswersTheCommand()
    {
        await using var bot = await TestBot.Start(TestBot.Unpaced());
        await bot.AddMember(Olga, "Olga Organisatorin", role: Role.Organizer);
        await bot.Ask(Olga, "/newevent");

        var first = await bot.Ask(Olga, "/my");

        Assert.Contains("Deine angefangene Eingabe habe ich beendet, weil du /my geschickt hast", first.Text);
        await bot.Api.WaitForMessage(Olga, m => m.MessageId > first.MessageId && m.Text.Contains("noch auf keine kommende Veranstaltung"));
        Assert.False(await bot.Db(db => db.Dialogs.AnyAsync()));
    }

    [Fact]
    public async Task CommandTypedWithoutADialog_SaysNothingAboutDialogs()
    {
        await using var bot = await TestBot.Start(TestBot.Unpaced());
        await bot.AddMember(Olga, "Olga Organisatorin", role: Role.Organizer);

        var reply = await bot.Ask(Olga, "/my");

        Assert.DoesNotContain("Eingabe", reply.Text);
    }
}
