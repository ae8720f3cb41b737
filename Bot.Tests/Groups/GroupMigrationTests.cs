using Bot.Telegram.Api;
using Bot.Tests.Support;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Bot.Tests.Groups;

/// <summary>A linked group that becomes a supergroup gets a new chat id; the chapter's link follows it, however
/// the bot learns of it first.</summary>
public class GroupMigrationTests
{
    /// <summary>The server the tests run on in <see cref="GroupMigrationTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private const long Group = -4201;
    private const long Supergroup = -1_001_234_567_890;

    [Fact]
    public async Task MigrationServiceMessage_MovesTheLink_AndAnnouncementsArriveInTheSupergroup()
    {
        await using var bot = await LinkedGroupThatMigrates();

        ServiceMessage(bot, new Message { Id = 999, Chat = new Chat { Id = Group, Type = ChatType.Group }, MigrateToChatId = Supergroup });
        await bot.WaitForDb(async () => await bot.GroupOf("Kreis Nord") == Supergroup, "the link moved");

        await bot.Announce(Supergroup, "Stammtisch on Tuesday");

        var arrived = await bot.Api.WaitForMessage(Supergroup, m => m.Text == "Stammtisch on Tuesday");
        Assert.NotNull(arrived);
    }

    [Fact]
    public async Task SupergroupsFirstMessageSaysWhereItCameFrom_BeforeTheOldGroupsMessage_TheSupergroupIsTheLinkedOne()
    {
        await using var bot = await LinkedGroupThatMigrates();

        // Only the supergroup's side of the migration has been applied; the old group's may come later or not at all.
        ServiceMessage(bot, new Message { Id = 1, Chat = new Chat { Id = Supergroup, Type = ChatType.Supergroup }, MigrateFromChatId = Group });
        var again = await bot.AskInGroup(TestBot.AdminId, Supergroup, "/linkgroup Kreis Nord");

        Assert.StartsWith("This group is already linked to Kreis Nord.", again.Text, StringComparison.Ordinal);
        Assert.Equal(Supergroup, await bot.GroupOf("Kreis Nord"));
    }

    [Fact]
    public async Task SendRefusedBecauseTheGroupMigrated_MovesTheLink_AndTheMessageArrivesInTheSupergroup()
    {
        await using var bot = await LinkedGroupThatMigrates();

        await bot.Announce(Group, "Stammtisch on Tuesday");

        await bot.Api.WaitForMessage(Supergroup, m => m.Text == "Stammtisch on Tuesday");
        Assert.Contains(bot.Api.RequestsOf("sendMessage"), r => r.ChatId == Group && r.StatusCode == 400);
        await bot.WaitForDb(async () => await bot.GroupOf("Kreis Nord") == Supergroup, "the link moved");
    }

    /// <summary>Kreis Nord's group linked, and Telegram already knowing it as the supergroup it became.</summary>
    private async Task<TestBot> LinkedGroupThatMigrates()
    {
        var bot = await GroupScenario.StartBot(postgres: Postgres);
        await bot.AddChapter("Kreis Nord");
        await bot.AskInGroup(TestBot.AdminId, Group, "/linkgroup Kreis Nord");
        bot.Api.MigrateGroup(Group, Supergroup);
        return bot;
    }

    /// <summary>A service message in a chat (who sent it, when, the chat's title filled in), as an update.</summary>
    private static void ServiceMessage(TestBot bot, Message message)
    {
        message.Chat.Title = "Kreis Nord";
        message.Date = bot.Clock.GetUtcNow().UtcDateTime;
        message.From = new User { Id = TestBot.AdminId, IsBot = false, FirstName = "Admin" };
        bot.Api.EnqueueUpdate(new Update { Id = bot.Api.NextUpdateId(), Message = message });
    }
}

[Collection(PostgreSqlServer.Collection)]
public sealed class GroupMigrationTestsOnPostgreSql(PostgreSqlServer postgres) : GroupMigrationTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
