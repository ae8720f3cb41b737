using Bot.Commands;
using Bot.Domain.Chapters;
using Bot.Telegram.Rendering;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Groups;

/// <summary>In a group, a command whose answer shows personal data answers in the sender's private chat, and the
/// group only hears where the answer went, with the link to open that chat.</summary>
public class PrivateAnswerTests
{
    /// <summary>The server the tests run on in <see cref="PrivateAnswerTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private const long Carol = 2301;
    private const long Dave = 2302;
    private const long Group = -4301;

    [Fact]
    public async Task PersonalCommand_InAGroup_AnswersInPrivate_AndTellsTheGroupWhere()
    {
        await using var bot = await GroupScenario.StartBot(s => s.AddScoped<IBotCommand, WhoAmICommand>(), Postgres);
        await bot.AddChapter("Kreis Nord");
        await bot.AddMember(Carol, "Carol", "Kreis Nord");
        await bot.Link("Kreis Nord", Group);
        bot.Api.OpenPrivateChat(Carol);

        var inGroup = await bot.AskInGroup(Carol, Group, "/whoami");
        var inPrivate = await bot.Api.WaitForMessage(Carol);

        Assert.Equal("Your chapters: Kreis Nord (Member)", inPrivate.Text);
        Assert.StartsWith("I have sent you the answer to /whoami in our private chat", inGroup.Text);
        Assert.Contains("https://t.me/chapter_test_bot", inGroup.Text);
        Assert.DoesNotContain(bot.Api.SentMessages(Group), m => m.Text.Contains("Your chapters"));
    }

    [Fact]
    public async Task PersonalCommand_FromAMemberWhoNeverStartedTheBot_LeavesThemTheLinkToStart()
    {
        await using var bot = await GroupScenario.StartBot(s => s.AddScoped<IBotCommand, WhoAmICommand>(), Postgres);
        await bot.AddChapter("Kreis Nord");
        await bot.AddMember(Dave, "Dave", "Kreis Nord");
        await bot.Link("Kreis Nord", Group);

        var inGroup = await bot.AskInGroup(Dave, Group, "/whoami", "de");
        await bot.WaitForDb(() => bot.IsUnreachable(Dave), "Dave's private chat found closed");

        Assert.Contains(bot.Api.RequestsOf("sendMessage"), r => r.ChatId == Dave && r.StatusCode == 403);
        Assert.Contains("Öffne https://t.me/chapter_test_bot, tippe auf „Starten“ und schick /whoami dann noch einmal.", inGroup.Text);
        Assert.DoesNotContain(bot.Api.SentMessages(Group), m => m.Text.Contains("Your chapters"));

        // A little later Dave follows the link, presses Start, and asks again: now the answer reaches him.
        await bot.Ask(Dave, "/start", "de");
        await bot.AskInGroup(Dave, Group, "/whoami", "de");
        var answer = await bot.Api.WaitForMessage(Dave, m => m.Text.StartsWith("Your chapters", StringComparison.Ordinal));
        Assert.Equal("Your chapters: Kreis Nord (Member)", answer.Text);
    }

    /// <summary>Shows the sender's own chapters and roles: personal data, so never in a group.</summary>
    private sealed class WhoAmICommand : IBotCommand, IAnswersInPrivate
    {
        public string Name => "whoami";
        public Access Access => Access.Member;
        public ChatKinds Chats => ChatKinds.Any;

        public Task Run(ChatContext ctx, CancellationToken ct)
        {
            var chapters = ctx.Permissions.Memberships.Select(m => $"{ctx.Permissions.Tree.Find(m.ChapterId)!.Name} ({m.Role})");
            ctx.Reply(Html.Format($"Your chapters: {string.Join(", ", chapters)}"));
            return Task.CompletedTask;
        }
    }
}

[Collection(PostgreSqlServer.Collection)]
public sealed class PrivateAnswerTestsOnPostgreSql(PostgreSqlServer postgres) : PrivateAnswerTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
