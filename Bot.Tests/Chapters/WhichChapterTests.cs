using Bot.Domain.Chapters;
using Bot.Tests.Groups;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Chapters;

/// <summary>Issue 15, point 2: whenever the person could mean more than one chapter, the bot asks with buttons
/// instead of picking the root; the answer names the chapter it was for.</summary>
public class WhichChapterTests
{
    /// <summary>The server the tests run on in <see cref="WhichChapterTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private const long Root = TestBot.AdminId;
    private const long Group = -100_777;

    [Fact]
    public async Task BareInvite_ByTheRootAdmin_AsksWhichChapter_AndTheInviteNamesIt()
    {
        await using var bot = await InviteSteps.StartBot(postgres: Postgres);
        await bot.AddChapter("Kreisverband Nord");

        var question = await bot.Write(Root, "/invite");

        Assert.Contains("Für welchen Verband", question.Text);
        Assert.Equal(["Landesverband", "Kreisverband Nord"], question.Buttons.Select(b => b.Text));
        Assert.Equal(0, await bot.Count<Invite>());
        await bot.Press(Root, question, "Kreisverband Nord");
        Assert.Contains("Einladung für Kreisverband Nord", bot.Api.ShownMessage(Root, question.MessageId)!.Text);
    }

    [Fact]
    public async Task BareInvite_ByTheAdminOfOneChapterWithoutSubChapters_MakesItsInvite_AndNamesIt()
    {
        await using var bot = await InviteSteps.StartBot(postgres: Postgres);
        await bot.AddChapter("Kreisverband Nord");
        await bot.AddMember(2001, "Nora", "Kreisverband Nord", Role.Admin);

        var card = await bot.Write(2001, "/invite");

        Assert.Contains("Einladung für Kreisverband Nord", card.Text);
    }

    [Fact]
    public async Task BareLinkGroup_ByTheRootAdmin_AsksWhichChapter_InsteadOfLinkingTheRoot()
    {
        await using var bot = await GroupScenario.StartBot(postgres: Postgres);
        await bot.AddChapter("Kreisverband Nord");
        bot.Api.AddGroup(Group, "Nord");

        var question = await bot.AskInGroup(Root, Group, "/linkgroup", "de");

        Assert.Contains("Mit welchem Verband", question.Text);
        Assert.Contains(question.Buttons, b => b.Text.Contains("Kreisverband Nord"));
        Assert.Null(await bot.Db(db => db.Chapters.Where(c => c.GroupChatId == Group).Select(c => (long?)c.Id).SingleOrDefaultAsync()));
    }

    [Fact]
    public async Task GuidedNewEvent_ByTheRootOrganizer_AsksWhichChapter_AndTheConfirmationNamesIt()
    {
        await using var bot = await InviteSteps.StartBot(postgres: Postgres);
        await bot.AddChapter("Kreisverband Nord");
        await bot.Write(Root, "/newevent");
        await bot.Write(Root, "Stammtisch");
        await bot.Write(Root, "morgen 19:00");
        var capacity = await bot.Write(Root, "Gasthaus Krone");
        await bot.Press(Root, capacity, capacity.Buttons[0].Text);
        await bot.Write(Root, "0");
        var deadline = bot.Api.SentMessages(Root)[^1];

        await bot.Press(Root, deadline, "Bis zum Beginn");
        await bot.Press(Root, bot.Api.SentMessages(Root)[^1], "Kein Hinweis");

        var question = bot.Api.SentMessages(Root)[^1];
        Assert.Contains("Für welchen Verband", question.Text);
        Assert.Equal(["Landesverband", "Kreisverband Nord"], question.Buttons.Select(b => b.Text));
        await bot.Press(Root, question, "Kreisverband Nord");
        var summary = bot.Api.SentMessages(Root)[^1];
        Assert.Contains("Kreisverband Nord", summary.Text);
        await bot.Press(Root, summary, summary.Buttons[0].Text);
        Assert.Contains(bot.Api.SentMessages(Root), m => m.Text.StartsWith("✅ Angelegt für Kreisverband Nord: Stammtisch", StringComparison.Ordinal));
    }
}

[Collection(PostgreSqlServer.Collection)]
public sealed class WhichChapterTestsOnPostgreSql(PostgreSqlServer postgres) : WhichChapterTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
