using Bot.Domain.Chapters;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Groups;

/// <summary>/linkgroup as chapter admins use it in their group chats.</summary>
public class LinkGroupTests
{
    /// <summary>The server the tests run on in <see cref="LinkGroupTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private const long Bob = 2101;
    private const long Carol = 2102;
    private const long Group = -4001;
    private const long OtherGroup = -4002;

    [Fact]
    public async Task LinkGroup_ByAdminOfTheChapter_LinksItAndSaysWhatComesHere()
    {
        await using var bot = await GroupScenario.StartBot(postgres: Postgres);
        await bot.AddChapter("Nord & Ost <1>");
        await bot.AddMember(Bob, "Bob", "Nord & Ost <1>", Role.Admin);

        var reply = await bot.AskInGroup(Bob, Group, "/linkgroup nord & OST <1>");

        Assert.StartsWith("🔗 This group is now linked to Nord & Ost <1>.", reply.Text);
        Assert.Contains("announcements and events", reply.Text);
        Assert.Contains("buttons", reply.Text);
        Assert.Contains("/linkgroup off", reply.Text);
        Assert.Equal(Group, await bot.GroupOf("Nord & Ost <1>"));
    }

    [Fact]
    public async Task LinkGroup_WithoutName_LinksTheOneChapterTheAdminRuns()
    {
        await using var bot = await GroupScenario.StartBot(postgres: Postgres);
        await bot.AddChapter("Kreis Nord");
        await bot.AddMember(Bob, "Bob", "Kreis Nord", Role.Admin);

        var reply = await bot.AskInGroup(Bob, Group, "/linkgroup@chapter_test_bot", "de");

        Assert.StartsWith("🔗 Diese Gruppe ist jetzt mit Kreis Nord verknüpft.", reply.Text);
        Assert.Equal(Group, await bot.GroupOf("Kreis Nord"));
    }

    [Theory]
    [InlineData(Role.Member)]
    [InlineData(Role.Organizer)]
    public async Task LinkGroup_ByMemberOrOrganizer_IsRefused(Role role)
    {
        await using var bot = await GroupScenario.StartBot(postgres: Postgres);
        await bot.AddChapter("Kreis Nord");
        await bot.AddMember(Carol, "Carol", "Kreis Nord", role);

        var reply = await bot.AskInGroup(Carol, Group, "/linkgroup Kreis Nord");

        Assert.Contains("/linkgroup is for admins of a chapter", reply.Text);
        Assert.Null(await bot.GroupOf("Kreis Nord"));
    }

    [Fact]
    public async Task LinkGroup_ByAdminOfAnotherChapter_IsRefused_AndOffersTheirOwn()
    {
        await using var bot = await GroupScenario.StartBot(postgres: Postgres);
        await bot.AddChapter("Kreis Nord");
        await bot.AddChapter("Kreis Süd");
        await bot.AddMember(Bob, "Bob", "Kreis Nord", Role.Admin);

        var reply = await bot.AskInGroup(Bob, Group, "/linkgroup Kreis Süd");

        Assert.StartsWith("Only an admin of Kreis Süd can link a group to it.", reply.Text);
        Assert.Equal(["Kreis Nord"], reply.Buttons.Select(b => b.Text));
        Assert.Null(await bot.GroupOf("Kreis Süd"));
    }

    [Fact]
    public async Task LinkGroup_InAGroupOfAChapterTheyDoNotRun_IsRefused()
    {
        await using var bot = await GroupScenario.StartBot(postgres: Postgres);
        await bot.AddChapter("Kreis Nord");
        await bot.AddChapter("Kreis Süd");
        await bot.AddMember(Bob, "Bob", "Kreis Nord", Role.Admin);
        await bot.Link("Kreis Süd", Group);

        var reply = await bot.AskInGroup(Bob, Group, "/linkgroup Kreis Nord");

        Assert.Contains("/linkgroup is for admins of a chapter", reply.Text);
        Assert.Equal(Group, await bot.GroupOf("Kreis Süd"));
        Assert.Null(await bot.GroupOf("Kreis Nord"));
    }

    [Fact]
    public async Task LinkGroup_UnknownChapter_SaysSoAndOffersTheChaptersTheyMayLink()
    {
        await using var bot = await GroupScenario.StartBot(postgres: Postgres);
        await bot.AddChapter("Kreis Nord");
        await bot.AddChapter("Ortsverband Mitte", "Kreis Nord");
        await bot.AddMember(Bob, "Bob", "Kreis Nord", Role.Admin);

        var reply = await bot.AskInGroup(Bob, Group, "/linkgroup Atlantis <b>");

        Assert.StartsWith("I don't know a chapter called “Atlantis <b>”.", reply.Text);
        Assert.Contains("Press its button", reply.Text);
        Assert.Equal(["Kreis Nord", "Ortsverband Mitte"], reply.Buttons.Select(b => b.Text));
        Assert.False(await bot.Db(db => db.Chapters.AnyAsync(c => c.GroupChatId != null)));
    }

    [Fact]
    public async Task LinkGroup_HugeName_IsEchoedShortened()
    {
        await using var bot = await GroupScenario.StartBot(postgres: Postgres);

        var reply = await bot.AskInGroup(TestBot.AdminId, Group, "/linkgroup " + new string('x', 3000) + " Kreis");

        Assert.Contains(new string('x', Chapter.MaxNameLength) + "…", reply.Text);
        Assert.True(reply.Text.Length < 400);
    }

    [Fact]
    public async Task LinkGroup_ForAnAdminOfSeveralChapters_OffersButtons_AndAPressLinks()
    {
        await using var bot = await GroupScenario.StartBot(postgres: Postgres);
        await bot.AddChapter("Kreis Nord");
        await bot.AddChapter("Kreis Süd");
        await bot.AddMember(Bob, "Bob", "Kreis Nord", Role.Admin);
        await bot.AddMember(Bob, "Bob", "Kreis Süd", Role.Admin);

        var question = await bot.AskInGroup(Bob, Group, "/linkgroup");
        Assert.Equal(["Kreis Nord", "Kreis Süd"], question.Buttons.Select(b => b.Text));

        var before = bot.Api.SentMessages(Group).Count;
        var press = bot.Api.UserPresses(Bob, Group, question.MessageId, question.Button("Kreis Süd").CallbackData!);
        await bot.Api.WaitFor(() => bot.Api.SentMessages(Group).Count > before && bot.Api.AnswerTo(press.CallbackQuery!.Id) is not null);

        Assert.StartsWith("🔗 This group is now linked to Kreis Süd.", bot.Api.SentMessages(Group)[before].Text);
        Assert.Equal("Linked to Kreis Süd.", bot.Api.AnswerTo(press.CallbackQuery!.Id)!.Text);
        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Group, question.MessageId)!.Buttons.Count == 0, what: "the buttons removed");
        Assert.Equal(Group, await bot.GroupOf("Kreis Süd"));
    }

    [Fact]
    public async Task LinkGroupButton_PressedByAMember_ChangesNothing()
    {
        await using var bot = await GroupScenario.StartBot(postgres: Postgres);
        await bot.AddChapter("Kreis Nord");
        await bot.AddChapter("Kreis Süd");
        await bot.AddMember(Bob, "Bob", "Kreis Nord", Role.Admin);
        await bot.AddMember(Bob, "Bob", "Kreis Süd", Role.Admin);
        await bot.AddMember(Carol, "Carol", "Kreis Süd");
        var question = await bot.AskInGroup(Bob, Group, "/linkgroup");

        var press = bot.Api.UserPresses(Carol, Group, question.MessageId, question.Button("Kreis Süd").CallbackData!);
        await bot.Api.WaitFor(() => bot.Api.AnswerTo(press.CallbackQuery!.Id) is not null);

        Assert.Equal("Dieser Knopf steht dir nicht zur Verfügung.", bot.Api.AnswerTo(press.CallbackQuery!.Id)!.Text);
        Assert.Null(await bot.GroupOf("Kreis Süd"));
        Assert.Equal(2, bot.Api.ShownMessage(Group, question.MessageId)!.Buttons.Count);
    }

    [Fact]
    public async Task LinkGroupButton_ForgedForAChapterThePresserDoesNotRun_ChangesNothing()
    {
        await using var bot = await GroupScenario.StartBot(postgres: Postgres);
        var nord = await bot.AddChapter("Kreis Nord");
        await bot.AddChapter("Kreis Süd");
        await bot.AddMember(Bob, "Bob", "Kreis Süd", Role.Admin);
        var question = await bot.AskInGroup(Bob, Group, "/linkgroup Kreis Nord");

        var forged = Bot.Commands.Callbacks.CallbackCodec.Encode(Bot.Commands.Groups.LinkGroupButton.For(nord));
        var press = bot.Api.UserPresses(Bob, Group, question.MessageId, forged);
        await bot.Api.WaitFor(() => bot.Api.AnswerTo(press.CallbackQuery!.Id) is not null);

        Assert.Equal("Only an admin of Kreis Nord can link a group to it.", bot.Api.AnswerTo(press.CallbackQuery!.Id)!.Text);
        Assert.Null(await bot.GroupOf("Kreis Nord"));
    }

    [Fact]
    public async Task LinkGroup_AGroupLinkedElsewhere_MovesToTheNewChapter_AndSaysSo()
    {
        await using var bot = await GroupScenario.StartBot(postgres: Postgres);
        await bot.AddChapter("Kreis Nord");
        await bot.AddChapter("Kreis Süd");
        await bot.AskInGroup(TestBot.AdminId, Group, "/linkgroup Kreis Nord");

        var reply = await bot.AskInGroup(TestBot.AdminId, Group, "/linkgroup Kreis Süd");

        Assert.StartsWith("🔗 This group is now linked to Kreis Süd.", reply.Text);
        Assert.Contains("This group was linked to Kreis Nord before; that chapter has no group now.", reply.Text);
        Assert.Equal(Group, await bot.GroupOf("Kreis Süd"));
        Assert.Null(await bot.GroupOf("Kreis Nord"));
    }

    [Fact]
    public async Task LinkGroup_ASecondGroup_ReplacesTheChaptersOldGroup_AndTellsBoth()
    {
        await using var bot = await GroupScenario.StartBot(postgres: Postgres);
        await bot.AddChapter("Kreis Nord");
        await bot.AskInGroup(TestBot.AdminId, Group, "/linkgroup Kreis Nord");

        var reply = await bot.AskInGroup(TestBot.AdminId, OtherGroup, "/linkgroup Kreis Nord");
        var notice = await bot.Api.WaitForMessage(Group, m => m.Text.Contains("no longer linked"));

        Assert.Contains("Kreis Nord was linked to another group before; I no longer post there.", reply.Text);
        Assert.StartsWith("This group is no longer linked to Kreis Nord", notice.Text);
        Assert.Equal(OtherGroup, await bot.GroupOf("Kreis Nord"));
    }

    [Fact]
    public async Task LinkGroup_AgainToTheSameChapter_SaysItAlreadyIs()
    {
        await using var bot = await GroupScenario.StartBot(postgres: Postgres);
        await bot.AddChapter("Kreis Nord");
        await bot.AskInGroup(TestBot.AdminId, Group, "/linkgroup Kreis Nord");

        var reply = await bot.AskInGroup(TestBot.AdminId, Group, "/linkgroup kreis nord");

        Assert.Equal("This group is already linked to Kreis Nord. To unlink it: /linkgroup off", reply.Text);
        Assert.Equal(Group, await bot.GroupOf("Kreis Nord"));
    }

    [Fact]
    public async Task LinkGroupOff_Unlinks_AndSaysHowToLinkAgain()
    {
        await using var bot = await GroupScenario.StartBot(postgres: Postgres);
        await bot.AddChapter("Kreis Nord");
        await bot.AddMember(Bob, "Bob", "Kreis Nord", Role.Admin);
        await bot.AskInGroup(Bob, Group, "/linkgroup");

        var reply = await bot.AskInGroup(Bob, Group, "/linkgroup off");
        var again = await bot.AskInGroup(Bob, Group, "/linkgroup aus", "de");

        Assert.StartsWith("This group is no longer linked to Kreis Nord.", reply.Text);
        Assert.Contains("To link it again: /linkgroup", reply.Text);
        Assert.Equal("Diese Gruppe ist mit keinem Verband verknüpft. Verknüpfen: /linkgroup", again.Text);
        Assert.Null(await bot.GroupOf("Kreis Nord"));
    }

    [Fact]
    public async Task LinkGroup_InAPrivateChat_SaysItWorksInGroups()
    {
        await using var bot = await GroupScenario.StartBot(postgres: Postgres);

        var reply = await bot.Ask(TestBot.AdminId, "/linkgroup", "en");

        Assert.Equal("/linkgroup works only in a group chat.", reply.Text);
    }
}

[Collection(PostgreSqlServer.Collection)]
public sealed class LinkGroupTestsOnPostgreSql(PostgreSqlServer postgres) : LinkGroupTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
