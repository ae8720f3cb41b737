using Bot.Commands;
using Bot.Domain.Chapters;
using Bot.Telegram.Api;
using Bot.Telegram.Outbox;
using Bot.Tests.Fakes;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telegram.Bot.Types;

namespace Bot.Tests.EndToEnd;

/// <summary>The platform as a user meets it: the whole host against the fake Bot API over loopback HTTP.</summary>
public class PlatformTests
{
    /// <summary>The server the tests run on in <see cref="PlatformTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private const long Alice = 2001;

    [Fact]
    public async Task Start_InPrivate_GreetsInTheUsersLanguage()
    {
        await using var bot = await TestBot.Start(postgres: Postgres);

        var german = await bot.Ask(Alice, "/start", "de-DE");
        var english = await bot.Ask(Alice + 1, "/start", "en");

        Assert.Contains("Willkommen", german.Text);
        Assert.Contains("Welcome", english.Text);
        Assert.Contains("/help", english.Text);
    }

    [Fact]
    public async Task Help_ListsOnlyWhatThisUserMayRunHere()
    {
        await using var bot = await TestBot.Start(services: s => s.AddScoped<IBotCommand, AdminOnlyCommand>(), postgres: Postgres);

        var stranger = await bot.Ask(Alice, "/help", "en");
        var admin = await bot.Ask(TestBot.AdminId, "/help", "en");

        Assert.Contains("/start", stranger.Text);
        Assert.DoesNotContain("/secret", stranger.Text);
        Assert.Contains("/secret", admin.Text);
    }

    [Fact]
    public async Task Command_AboveTheUsersAccess_IsRefusedAndDoesNotRun()
    {
        await using var bot = await TestBot.Start(services: s => s.AddScoped<IBotCommand, AdminOnlyCommand>(), postgres: Postgres);

        var reply = await bot.Ask(Alice, "/secret", "en");

        Assert.StartsWith("Sorry, /secret is for ", reply.Text);
        Assert.DoesNotContain(bot.Api.SentMessages(Alice), m => m.Text.Contains("the secret"));
    }

    [Fact]
    public async Task Startup_RegistersCommandMenus_PerScopeAndLanguage()
    {
        await using var bot = await TestBot.Start(postgres: Postgres);

        await bot.Api.WaitFor(() => bot.Api.CommandsFor(BotCommandScope.AllGroupChats(), "en") is not null);

        var german = bot.Api.CommandsFor(BotCommandScope.AllPrivateChats(), "de")!;
        Assert.Contains(german, c => c.Command == "help" && c.Description == "Was du hier tun kannst");
        Assert.Contains(bot.Api.CommandsFor(BotCommandScope.AllPrivateChats(), "en")!, c => c.Command == "help" && c.Description == "What you can do here");
    }

    [Fact]
    public async Task UnknownCommand_InPrivate_SaysSoAndPointsToHelp()
    {
        await using var bot = await TestBot.Start(postgres: Postgres);

        var reply = await bot.Ask(Alice, "/frobnicate now", "en");

        Assert.Equal("I don't know the command /frobnicate. Type /help to see what you can do.", reply.Text);
    }

    [Fact]
    public async Task RedeliveredUpdate_IsProcessedOnce()
    {
        await using var bot = await TestBot.Start(services: s => s.AddScoped<IBotCommand, CountingCommand>(), postgres: Postgres);
        var update = bot.Api.UserSends(Alice, Alice, "/count", "en");
        await bot.Api.WaitFor(() => bot.Api.SentMessages(Alice).Count == 1);

        // Telegram delivers the same update again (a lost confirmation, a restart, a webhook retry).
        bot.Api.EnqueueUpdate(update);
        var after = await bot.Ask(Alice, "/count", "en");

        Assert.Equal("count 2", after.Text);
        Assert.Equal(2, bot.Api.SentMessages(Alice).Count);
    }

    [Fact]
    public async Task FailingUpdate_GetsAnApology_AndTheLoopGoesOn()
    {
        await using var bot = await TestBot.Start(services: s => s.AddScoped<IBotCommand, BrokenCommand>(), postgres: Postgres);

        var apology = await bot.Ask(Alice, "/broken", "en");
        var next = await bot.Ask(Alice, "/start", "en");

        Assert.StartsWith("😕 Sorry, something went wrong", apology.Text);
        Assert.DoesNotContain("InvalidOperationException", apology.Text);
        Assert.Contains("Welcome", next.Text);
        Assert.Contains(bot.Logs.Entries, l => l.Text.Contains("InvalidOperationException"));
    }

    [Fact]
    public async Task LongReply_ArrivesAsValidMessagesOfAtMost4096Characters()
    {
        await using var bot = await TestBot.Start(services: s => s.AddScoped<IBotCommand, EchoCommand>(), postgres: Postgres);
        var lines = Enumerable.Range(1, 100).Select(i => $"Zeile {i}: " + new string('x', 40) + " <&>");
        var text = string.Join('\n', lines);
        Assert.InRange(text.Length, 5000, 5600);

        bot.Api.UserSends(Alice, Alice, "/echo " + text, "en");
        await bot.Api.WaitFor(() => bot.Api.SentMessages(Alice).Count == 2, what: "two messages");

        var parts = bot.Api.SentMessages(Alice);
        Assert.All(parts, p => Assert.InRange(p.Text.Length, 1, 4096));
        Assert.Equal(text, string.Join('\n', parts.Select(p => p.Text)));
        Assert.DoesNotContain(bot.Api.Requests, r => r.Method == "sendMessage" && !r.Succeeded);
    }

    [Fact]
    public async Task UserText_WithHtmlCharacters_ReachesTelegramEscaped()
    {
        await using var bot = await TestBot.Start(services: s => s.AddScoped<IBotCommand, EchoCommand>(), postgres: Postgres);

        var reply = await bot.Ask(Alice, "/echo <b>Tom & Jerry</b> > 3 < 4", "en");

        Assert.Equal("<b>Tom & Jerry</b> > 3 < 4", reply.Text);
        var request = bot.Api.RequestsOf("sendMessage").Single(r => r.ChatId == Alice);
        Assert.Equal("&lt;b&gt;Tom &amp; Jerry&lt;/b&gt; &gt; 3 &lt; 4", request.Text);
    }

    [Fact]
    public async Task ForgedButtonData_GetsAShortNotice_AndChangesNothing()
    {
        await using var bot = await TestBot.Start(postgres: Postgres);
        var welcome = await bot.Ask(Alice, "/start", "en");
        var outboxBefore = await bot.Db(db => db.Outbox.CountAsync());

        var press = bot.Api.UserPresses(Alice, Alice, welcome.MessageId, "1.rv.zzzzzzzzzzzzzz.'; DROP TABLE outbox;--");
        await bot.Api.WaitFor(() => bot.Api.AnswerTo(press.CallbackQuery!.Id) is not null);

        Assert.Equal("This button is no longer valid.", bot.Api.AnswerTo(press.CallbackQuery!.Id)!.Text);
        Assert.Equal(outboxBefore + 1, await bot.Db(db => db.Outbox.CountAsync()));
        Assert.Single(bot.Api.SentMessages(Alice));
    }

    [Fact]
    public async Task BlockedUser_IsMarkedUnreachable_AndNotRetried()
    {
        await using var bot = await TestBot.Start(postgres: Postgres);
        await bot.Ask(Alice, "/start", "en");
        bot.Api.Block(Alice);

        await Broadcast(bot, Alice, "first news", "second news");
        await bot.Api.WaitFor(() => bot.Db(db => db.Chats.AnyAsync(c => c.ChatId == Alice && c.Unreachable)).Result, what: "the chat marked unreachable");
        await bot.Api.WaitFor(() => bot.Db(db => db.Outbox.AllAsync(o => o.Status != OutboxStatus.Pending)).Result, what: "nothing left pending");

        var news = await bot.Db(db => db.Outbox.Where(o => o.Kind == OutboxKind.SendMessage && o.Text!.Contains("news")).Select(o => o.Status).ToListAsync());
        Assert.Equal([OutboxStatus.Undeliverable, OutboxStatus.Undeliverable], news);
        Assert.Single(bot.Api.RequestsOf("sendMessage"), r => r.ChatId == Alice && r.Text!.Contains("news"));
    }

    [Fact]
    public async Task BlockedUser_WhoWritesAgain_IsReachableAgain()
    {
        await using var bot = await TestBot.Start(postgres: Postgres);
        bot.Api.OpenPrivateChat(Alice);
        bot.Api.Block(Alice);
        await Broadcast(bot, Alice, "news");
        await bot.Api.WaitFor(() => bot.Db(db => db.Chats.AnyAsync(c => c.ChatId == Alice && c.Unreachable)).Result);

        var reply = await bot.Ask(Alice, "/start", "en");

        Assert.Contains("Welcome", reply.Text);
        Assert.False(await bot.Db(db => db.Chats.AnyAsync(c => c.ChatId == Alice && c.Unreachable)));
    }

    [Fact]
    public async Task RefusalArrivingAfterTheUserWroteAgain_DoesNotSwallowTheReply()
    {
        await using var bot = await TestBot.Start(postgres: Postgres);
        await bot.AddMember(Alice, "Alice Amsel");
        bot.Api.OpenPrivateChat(Alice);
        // The news goes out while Alice still blocks the bot; Telegram's refusal reaches us only later.
        bot.Api.DelayNext(TimeSpan.FromSeconds(3), method: "sendMessage");
        bot.Api.FailNext(1, 403, "Forbidden: bot was blocked by the user", method: "sendMessage");
        await Broadcast(bot, Alice, "news");
        var dispatcher = bot.Services.GetRequiredService<Bot.Telegram.Outbox.OutboxDispatcher>();
        await bot.Api.WaitFor(() => dispatcher.Sending == 1, what: "the news on its way");

        // Meanwhile she unblocks the bot and writes.
        bot.Api.UserSends(Alice, Alice, "/start", "en");
        var reply = await bot.Api.WaitForMessage(Alice, m => m.Text.Contains("Welcome"));

        Assert.NotNull(reply);
        Assert.Equal(OutboxStatus.Undeliverable, await bot.Db(db => db.Outbox.Where(o => o.Kind == OutboxKind.SendMessage && o.Text!.Contains("news")).Select(o => o.Status).SingleAsync()));
        Assert.False(await bot.Db(db => db.Chats.AnyAsync(c => c.ChatId == Alice && c.Unreachable)));
    }

    [Fact]
    public async Task Token_NeverReachesTheLogs()
    {
        await using var bot = await TestBot.Start(services: s => s.AddScoped<IBotCommand, BrokenCommand>(), postgres: Postgres);
        bot.Api.Block(Alice + 5);
        await bot.Ask(Alice, "/start", "en");
        await bot.Ask(Alice, "/broken", "en");
        bot.Api.UserSends(Alice + 5, Alice + 5, "/start", "en");
        await bot.Api.WaitFor(() => bot.Api.RequestsOf("sendMessage").Any(r => r.ChatId == Alice + 5));

        Assert.NotEmpty(bot.Logs.Entries);
        Assert.DoesNotContain(bot.Logs.Entries, l => l.Text.Contains(bot.Api.Token, StringComparison.Ordinal));
        Assert.DoesNotContain(bot.Logs.Entries, l => l.Text.Contains(bot.Api.Token.Split(':')[1], StringComparison.Ordinal));
    }

    /// <summary>Bulk messages as a feature (a reminder, an announcement) would queue them.</summary>
    private static async Task Broadcast(TestBot bot, long chatId, params string[] texts)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<OutboxWriter>();
        foreach (var text in texts)
        {
            outbox.Send(chatId, Bot.Telegram.Rendering.Html.Text(text), urgency: Bot.Domain.Messaging.Urgency.Bulk);
        }

        await scope.ServiceProvider.GetRequiredService<Bot.Persistence.BotDbContext>().SaveChangesAsync();
        bot.Services.GetRequiredService<OutboxSignal>().Notify();
    }

    private sealed class AdminOnlyCommand : IBotCommand
    {
        public string Name => "secret";
        public Access Access => Access.Admin;
        public ChatKinds Chats => ChatKinds.Private;

        public Task Run(ChatContext ctx, CancellationToken ct)
        {
            ctx.Reply(Bot.Telegram.Rendering.Html.Text("the secret"));
            return Task.CompletedTask;
        }
    }

    /// <summary>Counts how often it really ran, in the database, so a second run would show.</summary>
    private sealed class CountingCommand(Bot.Persistence.BotDbContext db) : IBotCommand
    {
        public string Name => "count";
        public Access Access => Access.Anyone;
        public ChatKinds Chats => ChatKinds.Private;

        public async Task Run(ChatContext ctx, CancellationToken ct)
        {
            var runs = await db.Outbox.CountAsync(o => o.ChatId == ctx.Chat.Id && o.Text!.StartsWith("count"), ct);
            ctx.Reply(Bot.Telegram.Rendering.Html.Text($"count {runs + 1}"));
        }
    }

    private sealed class BrokenCommand : IBotCommand
    {
        public string Name => "broken";
        public Access Access => Access.Anyone;
        public ChatKinds Chats => ChatKinds.Private;

        public Task Run(ChatContext ctx, CancellationToken ct)
        {
            ctx.Reply(Bot.Telegram.Rendering.Html.Text("half an answer that must not be sent"));
            throw new InvalidOperationException("a bug");
        }
    }

    private sealed class EchoCommand : IBotCommand
    {
        public string Name => "echo";
        public Access Access => Access.Anyone;
        public ChatKinds Chats => ChatKinds.Private;

        public Task Run(ChatContext ctx, CancellationToken ct)
        {
            ctx.Reply(Bot.Telegram.Rendering.Html.Text(ctx.Args));
            return Task.CompletedTask;
        }
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
[Collection(PostgreSqlServer.Collection)]
public sealed class PlatformTestsOnPostgreSql(PostgreSqlServer postgres) : PlatformTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
