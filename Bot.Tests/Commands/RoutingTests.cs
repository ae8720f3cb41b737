using Bot.Commands;
using Bot.Commands.Callbacks;
using Bot.Domain.Chapters;
using Bot.Telegram.Outbox;
using Bot.Telegram.Rendering;
using Bot.Tests.Fakes;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Commands;

/// <summary>What the router does before any command or button runs: chat kinds, commands meant for other bots,
/// unknown buttons, and the one answer every press gets. Through the whole host.</summary>
public class RoutingTests
{
    /// <summary>The server the tests run on in <see cref="RoutingTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private const long Alice = 5001;
    private const long Group = -6001;

    [Fact]
    public async Task PrivateOnlyCommand_InAGroup_PointsToThePrivateChat()
    {
        await using var bot = await StartBot();

        var reply = await bot.AskIn(Alice, Group, "/start", "en");

        Assert.Equal("Please use /start in our private chat: https://t.me/chapter_test_bot", reply.Text);
        Assert.DoesNotContain(bot.Api.SentMessages(Group), m => m.Text.Contains("Welcome"));
    }

    [Fact]
    public async Task GroupOnlyCommand_InPrivate_SaysItWorksOnlyInGroups()
    {
        await using var bot = await StartBot();

        var reply = await bot.Ask(Alice, "/tally", "en");

        Assert.Equal("/tally works only in a group chat.", reply.Text);
    }

    [Fact]
    public async Task GroupOnlyCommand_InAGroup_Runs()
    {
        await using var bot = await StartBot();

        var reply = await bot.AskIn(Alice, Group, "/tally", "en");

        Assert.Equal("tally in the group", reply.Text);
    }

    [Fact]
    public async Task CommandForAnotherBot_InAGroup_IsIgnored()
    {
        await using var bot = await StartBot();

        bot.Api.UserSends(Alice, Group, "/help@other_bot", "en");
        // Updates are handled in order: once the later command is answered, the first had its chance.
        var tally = await bot.AskIn(Alice, Group, "/tally", "en");

        Assert.Equal([tally.MessageId], bot.Api.SentMessages(Group).Select(m => m.MessageId));
    }

    [Fact]
    public async Task CommandAddressedToThisBot_InAGroup_Runs_WhateverTheCase()
    {
        await using var bot = await StartBot();

        var reply = await bot.AskIn(Alice, Group, "/tally@Chapter_Test_Bot", "en");

        Assert.Equal("tally in the group", reply.Text);
    }

    [Fact]
    public async Task UnknownCommand_InAGroup_IsIgnored()
    {
        await using var bot = await StartBot();

        bot.Api.UserSends(Alice, Group, "/frobnicate", "en");
        var tally = await bot.AskIn(Alice, Group, "/tally", "en");

        Assert.Equal([tally.MessageId], bot.Api.SentMessages(Group).Select(m => m.MessageId));
    }

    [Fact]
    public async Task ButtonOfAnUnknownRoute_GetsTheStaleNotice()
    {
        await using var bot = await StartBot();
        var welcome = await bot.Ask(Alice, "/start", "en");

        var answer = await Press(bot, Alice, welcome, CallbackCodec.Encode(CallbackData.Of("gone", 42, "yes")));

        Assert.Equal("This button is no longer valid.", answer.Text);
        Assert.Single(bot.Api.SentMessages(Alice));
    }

    [Fact]
    public async Task HandlerThatDoesNotAnswer_ThePressIsStillAnsweredExactlyOnce()
    {
        await using var bot = await StartBot();
        var welcome = await bot.Ask(Alice, "/start", "en");

        var answer = await Press(bot, Alice, welcome, CallbackCodec.Encode(CallbackData.Of("quiet")));
        await bot.Api.WaitFor(() => bot.Api.SentMessages(Alice).Count == 2, what: "the handler's reply");

        Assert.Null(answer.Text);
        Assert.Equal("done quietly", bot.Api.SentMessages(Alice)[1].Text);
        Assert.Equal(1, await AnswerRows(bot, answer.CallbackQueryId));
        Assert.Single(bot.Api.RequestsOf("answerCallbackQuery"), r => r.Body.Contains($"\"{answer.CallbackQueryId}\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HandlerThatAnswers_IsNotAnsweredAgainByTheRouter()
    {
        await using var bot = await StartBot();
        var welcome = await bot.Ask(Alice, "/start", "en");

        var answer = await Press(bot, Alice, welcome, CallbackCodec.Encode(CallbackData.Of("loud")));

        Assert.Equal("Noted!", answer.Text);
        Assert.Equal(1, await AnswerRows(bot, answer.CallbackQueryId));
    }

    [Fact]
    public async Task ButtonAboveTheUsersAccess_IsRefused_AndItsHandlerDoesNotRun()
    {
        await using var bot = await StartBot();
        var welcome = await bot.Ask(Alice, "/start", "en");

        var answer = await Press(bot, Alice, welcome, CallbackCodec.Encode(CallbackData.Of("admin")));

        Assert.Equal("This button is not available to you.", answer.Text);
        Assert.Single(bot.Api.SentMessages(Alice));
    }

    private Task<TestBot> StartBot() =>
        TestBot.Start(TestBot.Unpaced(), s =>
        {
            s.AddScoped<IBotCommand, TallyCommand>();
            s.AddScoped<ICallbackHandler, QuietHandler>();
            s.AddScoped<ICallbackHandler, LoudHandler>();
            s.AddScoped<ICallbackHandler, AdminHandler>();
        }, postgres: Postgres);

    private static async Task<CallbackAnswer> Press(TestBot bot, long userId, FakeMessage message, string data)
    {
        var press = bot.Api.UserPresses(userId, message.ChatId, message.MessageId, data);
        var id = press.CallbackQuery!.Id;
        await bot.Api.WaitFor(() => bot.Api.AnswerTo(id) is not null, what: $"the press of '{data}' answered");
        return bot.Api.AnswerTo(id)!;
    }

    /// <summary>The callback answers the bot committed for the press; all of them, since a press commits at once.</summary>
    private static Task<int> AnswerRows(TestBot bot, string callbackQueryId) =>
        bot.Db(db => db.Outbox.CountAsync(o => o.Kind == OutboxKind.AnswerCallbackQuery && o.CallbackQueryId == callbackQueryId));

    private sealed class TallyCommand : IBotCommand
    {
        public string Name => "tally";
        public Access Access => Access.Anyone;
        public ChatKinds Chats => ChatKinds.Group;

        public Task Run(ChatContext ctx, CancellationToken ct)
        {
            ctx.Reply(Html.Text("tally in the group"));
            return Task.CompletedTask;
        }
    }

    private sealed class QuietHandler : ICallbackHandler
    {
        public string Route => "quiet";
        public Access Access => Access.Anyone;

        public Task Handle(CallbackContext ctx, CallbackData data, CancellationToken ct)
        {
            ctx.Reply(Html.Text("done quietly"));
            return Task.CompletedTask;
        }
    }

    private sealed class LoudHandler : ICallbackHandler
    {
        public string Route => "loud";
        public Access Access => Access.Anyone;

        public Task Handle(CallbackContext ctx, CallbackData data, CancellationToken ct)
        {
            ctx.Answer("Noted!");
            return Task.CompletedTask;
        }
    }

    private sealed class AdminHandler : ICallbackHandler
    {
        public string Route => "admin";
        public Access Access => Access.Admin;

        public Task Handle(CallbackContext ctx, CallbackData data, CancellationToken ct)
        {
            ctx.Reply(Html.Text("admin things"));
            return Task.CompletedTask;
        }
    }
}

[Collection(PostgreSqlServer.Collection)]
public sealed class RoutingTestsOnPostgreSql(PostgreSqlServer postgres) : RoutingTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
