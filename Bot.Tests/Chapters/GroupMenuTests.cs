using Bot.Tests.Groups;
using Bot.Tests.Support;
using Telegram.Bot.Types;

namespace Bot.Tests.Chapters;

/// <summary>In a linked group each member's command menu is the one of their own role there (Telegram's
/// chat_member scope): an organizer finds /members in it, a member does not.</summary>
public class GroupMenuTests
{
    /// <summary>The server the tests run on in <see cref="GroupMenuTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private const long Admin = TestBot.AdminId;
    private const long Bob = 3601;
    private const long Carol = 3602;
    private const long Group = -4601;

    [Fact]
    public async Task OrganizersGroupMenu_HasTheOrganizerCommands_AMembersDoesNot()
    {
        await using var bot = await TestBot.Start(postgres: Postgres);
        await bot.AddChapter("Kreisverband Süd");
        await bot.AddPerson(Bob, "Bob Baumann", "Kreisverband Süd", username: "bob");
        await bot.AddPerson(Carol, "Carol Cornelius", "Kreisverband Süd", username: "carol");
        await bot.LinkGroup("Kreisverband Süd", Group);

        await bot.Ask(Admin, "/role @bob organizer", "en");
        await bot.Api.WaitFor(() => bot.Api.CommandsFor(BotCommandScope.ChatMember(Group, Bob)) is not null, what: "Bob's group menu");

        var bobs = bot.Api.CommandsFor(BotCommandScope.ChatMember(Group, Bob))!.Select(c => c.Command).ToList();
        // Carol holds no role beyond member: she sees the menu of every group chat.
        Assert.Null(bot.Api.CommandsFor(BotCommandScope.ChatMember(Group, Carol)));
        var carols = bot.Api.CommandsFor(BotCommandScope.AllGroupChats())!.Select(c => c.Command).ToList();
        Assert.Contains("members", bobs);
        Assert.Contains("help", carols);
        Assert.DoesNotContain("members", carols);
        Assert.DoesNotContain("role", bobs);
    }

    [Fact]
    public async Task DemotedOrganizer_LosesTheOrganizerCommandsInTheGroupMenu()
    {
        await using var bot = await TestBot.Start(postgres: Postgres);
        await bot.AddChapter("Kreisverband Süd");
        await bot.AddPerson(Bob, "Bob Baumann", "Kreisverband Süd", username: "bob");
        await bot.LinkGroup("Kreisverband Süd", Group);
        await bot.Ask(Admin, "/role @bob organizer", "en");

        await bot.Ask(Admin, "/role @bob member", "en");

        await bot.Api.WaitFor(() => bot.Api.CommandsFor(BotCommandScope.ChatMember(Group, Bob)) is { } menu && menu.All(c => c.Command != "members"), what: "Bob's member menu in the group");
    }

    [Fact]
    public async Task GroupLinkedByLinkgroup_ItsOrganizerFindsTheOrganizerCommandsThereAtOnce_AndTheAdminTheirs()
    {
        await using var bot = await TestBot.Start(postgres: Postgres);
        await bot.AddChapter("Kreisverband Süd");
        await bot.AddPerson(Bob, "Bob Baumann", "Kreisverband Süd", username: "bob");
        await bot.AddPerson(Carol, "Carol Cornelius", "Kreisverband Süd", username: "carol");
        await bot.Ask(Admin, "/role @bob organizer", "en");

        await bot.AskInGroup(Admin, Group, "/linkgroup Kreisverband Süd");

        await bot.Api.WaitFor(() => bot.Api.CommandsFor(BotCommandScope.ChatMember(Group, Bob)) is not null, what: "Bob's group menu");
        await bot.Api.WaitFor(() => bot.Api.CommandsFor(BotCommandScope.ChatMember(Group, Admin)) is not null, what: "the admin's group menu");
        Assert.Contains(bot.Api.CommandsFor(BotCommandScope.ChatMember(Group, Bob))!, c => c.Command == "members");
        Assert.Contains(bot.Api.CommandsFor(BotCommandScope.ChatMember(Group, Admin))!, c => c.Command == "linkgroup");
        Assert.Null(bot.Api.CommandsFor(BotCommandScope.ChatMember(Group, Carol)));
    }

    [Fact]
    public async Task GroupUnlinked_ItsOrganizerSeesAMembersMenuThereAgain()
    {
        await using var bot = await TestBot.Start(postgres: Postgres);
        await bot.AddChapter("Kreisverband Süd");
        await bot.AddPerson(Bob, "Bob Baumann", "Kreisverband Süd", username: "bob");
        await bot.Ask(Admin, "/role @bob organizer", "en");
        await bot.AskInGroup(Admin, Group, "/linkgroup Kreisverband Süd");
        await bot.Api.WaitFor(() => bot.Api.CommandsFor(BotCommandScope.ChatMember(Group, Bob)) is { } menu && menu.Any(c => c.Command == "members"), what: "Bob's organizer menu");

        await bot.AskInGroup(Admin, Group, "/linkgroup off");

        await bot.Api.WaitFor(() => bot.Api.CommandsFor(BotCommandScope.ChatMember(Group, Bob)) is { } menu && menu.All(c => c.Command != "members"), what: "Bob's member menu in the group");
        Assert.Contains(bot.Api.CommandsFor(BotCommandScope.ChatMember(Group, Bob))!, c => c.Command == "help");
    }

    [Fact]
    public async Task GroupMovedToAnotherChapter_TheOldChaptersOrganizerSeesAMembersMenuThere()
    {
        await using var bot = await TestBot.Start(postgres: Postgres);
        await bot.AddChapter("Kreisverband Süd");
        await bot.AddChapter("Kreisverband Nord");
        await bot.AddPerson(Bob, "Bob Baumann", "Kreisverband Süd", username: "bob");
        await bot.Ask(Admin, "/role @bob organizer", "en");
        await bot.AskInGroup(Admin, Group, "/linkgroup Kreisverband Süd");
        await bot.Api.WaitFor(() => bot.Api.CommandsFor(BotCommandScope.ChatMember(Group, Bob)) is { } menu && menu.Any(c => c.Command == "members"), what: "Bob's organizer menu");

        await bot.AskInGroup(Admin, Group, "/linkgroup Kreisverband Nord");

        await bot.Api.WaitFor(() => bot.Api.CommandsFor(BotCommandScope.ChatMember(Group, Bob)) is { } menu && menu.All(c => c.Command != "members"), what: "Bob's member menu in the group");
    }

    [Fact]
    public async Task AfterARestart_OrganizersGetTheirMenuInAGroupLinkedMeanwhile()
    {
        await using var bot = await TestBot.Start(postgres: Postgres);
        await bot.AddChapter("Kreisverband Süd");
        await bot.AddPerson(Bob, "Bob Baumann", "Kreisverband Süd", username: "bob");
        await bot.Ask(Admin, "/role @bob organizer", "en");
        await bot.LinkGroup("Kreisverband Süd", Group);

        await bot.Restart();
        await bot.Api.WaitFor(() => bot.Api.CommandsFor(BotCommandScope.ChatMember(Group, Bob)) is not null, what: "Bob's group menu");

        Assert.Contains(bot.Api.CommandsFor(BotCommandScope.ChatMember(Group, Bob))!, c => c.Command == "members");
    }
}

[Collection(PostgreSqlServer.Collection)]
public sealed class GroupMenuTestsOnPostgreSql(PostgreSqlServer postgres) : GroupMenuTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
