using Bot.Telegram.Outbox;
using Bot.Telegram.Rendering;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Privacy;

/// <summary>Messages tagged <see cref="OutboxWriter.EphemeralTag"/> reach the chat and then leave no row behind.</summary>
public class EphemeralMessageTests
{
    /// <summary>The server the tests run on in <see cref="EphemeralMessageTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private const long Alice = 2101;

    [Fact]
    public async Task EphemeralMessage_IsDelivered_ThenItsRowIsGone()
    {
        await using var bot = await TestBot.Start(postgres: Postgres);
        bot.Api.OpenPrivateChat(Alice);

        await Queue(bot, o => o.Send(Alice, Html.Text("gone after sending"), tag: OutboxWriter.EphemeralTag));
        await bot.Api.WaitForMessage(Alice, m => m.Text == "gone after sending");

        await bot.Api.WaitFor(() => !bot.Db(db => db.Outbox.AnyAsync(o => o.ChatId == Alice)).Result, what: "the row deleted");
    }

    [Fact]
    public async Task EphemeralMessage_ToABlockedChat_IsDropped_AndMarksNothingAboutTheChat()
    {
        await using var bot = await TestBot.Start(postgres: Postgres);
        bot.Api.OpenPrivateChat(Alice);
        bot.Api.Block(Alice);

        await Queue(bot, o => o.SendDocument(Alice, "x.json", "{}", tag: OutboxWriter.EphemeralTag));
        await bot.Api.WaitForRequest(r => r.Method == "sendDocument" && r.ChatId == Alice);

        await bot.Api.WaitFor(() => !bot.Db(db => db.Outbox.AnyAsync(o => o.ChatId == Alice)).Result, what: "the row deleted");
        Assert.False(await bot.Db(db => db.Chats.AnyAsync(c => c.ChatId == Alice)));
    }

    [Fact]
    public async Task OrdinaryMessage_IsKept()
    {
        await using var bot = await TestBot.Start(postgres: Postgres);
        bot.Api.OpenPrivateChat(Alice);

        await Queue(bot, o => o.Send(Alice, Html.Text("kept")));
        await bot.Api.WaitForMessage(Alice, m => m.Text == "kept");

        await bot.Api.WaitFor(() => bot.Db(db => db.Outbox.AnyAsync(o => o.ChatId == Alice && o.Status == OutboxStatus.Sent)).Result, what: "the row sent");
    }

    private static async Task Queue(TestBot bot, Action<OutboxWriter> write)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        write(scope.ServiceProvider.GetRequiredService<OutboxWriter>());
        await scope.ServiceProvider.GetRequiredService<Bot.Persistence.BotDbContext>().SaveChangesAsync();
        bot.Services.GetRequiredService<OutboxSignal>().Notify();
    }
}

[Collection(PostgreSqlServer.Collection)]
public sealed class EphemeralMessageTestsOnPostgreSql(PostgreSqlServer postgres) : EphemeralMessageTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
