using Bot.Telegram.Outbox;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Groups;

/// <summary>What the bot does when it is added to or removed from a chat (my_chat_member updates).</summary>
public class BotMembershipTests
{
    /// <summary>The server the tests run on in <see cref="BotMembershipTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private const long Alice = 2201;
    private const long Group = -4101;

    [Fact]
    public async Task BotAddedToAGroup_SaysHello_AndHowToLinkIt()
    {
        await using var bot = await GroupScenario.StartBot(postgres: Postgres);

        bot.BotStatusChanges(Group, "left", "member");
        var hello = await bot.Api.WaitForMessage(Group);

        Assert.StartsWith("👋 Hello!", hello.Text);
        Assert.Contains("/linkgroup", hello.Text);
        Assert.Contains("press Start: https://t.me/chapter_test_bot", hello.Text);
    }

    [Fact]
    public async Task BotPromotedInALinkedGroup_SaysNothing()
    {
        await using var bot = await GroupScenario.StartBot(postgres: Postgres);
        await bot.AddChapter("Kreis Nord");
        await bot.Link("Kreis Nord", Group);

        bot.BotStatusChanges(Group, "member", "administrator");
        await bot.Ask(Alice, "/start", "en"); // handled after the status change: by now it has had its effect

        Assert.False(await bot.Db(db => db.Outbox.AnyAsync(o => o.ChatId == Group)));
        Assert.Equal(Group, await bot.GroupOf("Kreis Nord"));
    }

    [Fact]
    public async Task BotAddedBackToAGroupStillLinked_DoesNotAskToLinkIt()
    {
        await using var bot = await GroupScenario.StartBot(postgres: Postgres);
        await bot.AddChapter("Kreis Nord");
        await bot.Link("Kreis Nord", Group); // its removal was never seen, e.g. while the bot was down for days

        bot.BotStatusChanges(Group, "left", "member");
        await bot.Ask(Alice, "/start", "en");

        Assert.False(await bot.Db(db => db.Outbox.AnyAsync(o => o.ChatId == Group)));
        Assert.Equal(Group, await bot.GroupOf("Kreis Nord"));
    }

    [Fact]
    public async Task BotRemovedFromAGroup_UnlinksTheChapter_AndNothingIsSentThereAnyMore()
    {
        await using var bot = await GroupScenario.StartBot(postgres: Postgres);
        await bot.AddChapter("Kreis Nord");
        await bot.AskInGroup(TestBot.AdminId, Group, "/linkgroup Kreis Nord");

        bot.Api.Block(Group); // as on Telegram: a bot that was kicked cannot write there
        bot.BotStatusChanges(Group, "member", "kicked");
        await bot.WaitForDb(async () => await bot.IsUnreachable(Group) && await bot.GroupOf("Kreis Nord") is null, "the link ended");

        await bot.Announce(Group, "news for the old group");
        await bot.WaitForDb(() => bot.Db(db => db.Outbox.AnyAsync(o => o.Text == "news for the old group" && o.Status == OutboxStatus.Undeliverable)), "the news given up");

        Assert.DoesNotContain(bot.Api.RequestsOf("sendMessage"), r => r.ChatId == Group && r.Text!.Contains("news"));
    }

    [Fact]
    public async Task BotWhoLeftAGroup_AndIsAddedAgain_GreetsIt()
    {
        await using var bot = await GroupScenario.StartBot(postgres: Postgres);
        await bot.AddChapter("Kreis Nord");
        await bot.Link("Kreis Nord", Group);
        bot.BotStatusChanges(Group, "administrator", "left");
        await bot.WaitForDb(() => bot.IsUnreachable(Group), "the group marked unreachable");

        bot.BotStatusChanges(Group, "left", "member");
        var hello = await bot.Api.WaitForMessage(Group);

        Assert.StartsWith("👋 Hello!", hello.Text);
        Assert.False(await bot.IsUnreachable(Group));
        Assert.Null(await bot.GroupOf("Kreis Nord"));
    }

    [Fact]
    public async Task HelloInTheAddersLanguage()
    {
        await using var bot = await GroupScenario.StartBot(postgres: Postgres);

        bot.BotStatusChanges(Group, "left", "member", languageCode: "de");
        var hello = await bot.Api.WaitForMessage(Group);

        Assert.StartsWith("👋 Hallo!", hello.Text);
        Assert.Contains("tippe auf „Starten“", hello.Text);
    }

    [Fact]
    public async Task UserWhoBlocksTheBot_IsUnreachable_UntilTheyUnblockIt()
    {
        await using var bot = await GroupScenario.StartBot(postgres: Postgres);
        await bot.AddMember(Alice, "Alice");
        await bot.Ask(Alice, "/start", "en");

        bot.BotStatusChanges(Alice, "member", "kicked", byUserId: Alice);
        await bot.WaitForDb(() => bot.IsUnreachable(Alice), "Alice unreachable");
        Assert.False(await bot.Db(db => db.Members.Where(m => m.UserId == Alice).Select(m => m.Reachable).SingleAsync()));

        bot.BotStatusChanges(Alice, "kicked", "member", byUserId: Alice);
        await bot.WaitForDb(async () => !await bot.IsUnreachable(Alice), "Alice reachable again");
        Assert.True(await bot.Db(db => db.Members.Where(m => m.UserId == Alice).Select(m => m.Reachable).SingleAsync()));
    }
}

[Collection(PostgreSqlServer.Collection)]
public sealed class BotMembershipTestsOnPostgreSql(PostgreSqlServer postgres) : BotMembershipTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
