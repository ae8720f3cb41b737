using Bot.Telegram.Api;
using Bot.Tests.Support;

namespace Bot.Tests.Groups;

/// <summary>A linked group that becomes a supergroup gets a new chat id; the chapter's link follows it, however
/// the bot learns of it first.</summary>
public sealed class GroupMigrationTests
{
    private const long Group = -4201;
    private const long Supergroup = -1_001_234_567_890;

    [Fact]
    public async Task MigrationServiceMessage_MovesTheLink_AndAnnouncementsArriveInTheSupergroup()
    {
        await using var bot = await GroupScenario.StartBot();
        await bot.AddChapter("Kreis Nord");
        await bot.AskInGroup(TestBot.AdminId, Group, "/linkgroup Kreis Nord");
        bot.Api.MigrateGroup(Group, Supergroup);

        var upgraded = new Message(999, new Chat(Group, "group") { Title = "Kreis Nord" }, bot.Clock.GetUtcNow().ToUnixTimeSeconds())
        {
            From = new User(TestBot.AdminId, false, "Admin"),
            MigrateToChatId = Supergroup,
        };
        bot.Api.EnqueueUpdate(new Update(bot.Api.NextUpdateId()) { Message = upgraded });
        await bot.WaitForDb(async () => await bot.GroupOf("Kreis Nord") == Supergroup, "the link moved");

        await bot.Announce(Supergroup, "Stammtisch on Tuesday");

        var arrived = await bot.Api.WaitForMessage(Supergroup, m => m.Text == "Stammtisch on Tuesday");
        Assert.NotNull(arrived);
    }

    [Fact]
    public async Task SendRefusedBecauseTheGroupMigrated_MovesTheLink_AndTheMessageArrivesInTheSupergroup()
    {
        await using var bot = await GroupScenario.StartBot();
        await bot.AddChapter("Kreis Nord");
        await bot.AskInGroup(TestBot.AdminId, Group, "/linkgroup Kreis Nord");
        bot.Api.MigrateGroup(Group, Supergroup);

        await bot.Announce(Group, "Stammtisch on Tuesday");

        await bot.Api.WaitForMessage(Supergroup, m => m.Text == "Stammtisch on Tuesday");
        Assert.Contains(bot.Api.RequestsOf("sendMessage"), r => r.ChatId == Group && r.StatusCode == 400);
        await bot.WaitForDb(async () => await bot.GroupOf("Kreis Nord") == Supergroup, "the link moved");
    }
}
