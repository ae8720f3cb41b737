using Bot.Telegram.Outbox;
using Bot.Telegram.Updates;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Telegram;

/// <summary>What webhook mode keeps in the database: the inbox that stores each update once, and the lease by which one
/// of several instances at a time drains it. Several instances share a database only on PostgreSQL, so these run there too.</summary>
public class WebhookInboxStorageTests
{
    /// <summary>The server the tests run on in <see cref="WebhookInboxStorageTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    [Fact]
    public async Task Lease_IsHeldByOneInstanceAtATime_AndTakenOverWhenItsHolderFallsSilent()
    {
        // On PostgreSQL the bot's own dispatcher would hold the outbox lease on the real clock: it sends as the sole
        // sender here, so the leases are the test's alone.
        await using var bot = await TestBot.Start(services: s => s.AddSingleton<ISendingTurn>(new SoleSender()), postgres: Postgres);
        var clock = new FakeTimeProvider();
        await using var scope = bot.Services.CreateAsyncScope();
        var leases = new Bot.Persistence.Leases(scope.ServiceProvider.GetRequiredService<Bot.Persistence.BotDbContext>(), clock);
        Task<bool> Take(string node) => leases.Take(InboxLease.Inbox, node, TimeSpan.FromSeconds(30), CancellationToken.None);

        var first = await Take("node-a");
        var second = await Take("node-b");
        var renewed = await Take("node-a");
        var otherLease = await leases.Take(InboxLease.Outbox, "node-b", TimeSpan.FromSeconds(30), CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(31));
        var takenOver = await Take("node-b");
        var formerHolder = await Take("node-a");
        await leases.Release(InboxLease.Inbox, "node-b", CancellationToken.None);
        var afterRelease = await Take("node-a");

        Assert.Equal((true, false, true, true), (first, second, renewed, otherLease));
        Assert.Equal((true, false, true), (takenOver, formerHolder, afterRelease));
    }

    [Fact]
    public async Task Store_SameUpdateTwice_OrAfterItWasProcessed_KeepsNothingNew()
    {
        await using var bot = await TestBot.Start(postgres: Postgres);
        await using var scope = bot.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Bot.Persistence.BotDbContext>();
        var clock = new FakeTimeProvider();
        var inbox = new WebhookInbox(db, clock);
        db.ProcessedUpdates.Add(new ProcessedUpdate { UpdateId = 42, ProcessedAt = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync();

        var firstTime = await inbox.Store(41, "{\"update_id\":41}", CancellationToken.None);
        var again = await inbox.Store(41, "{\"update_id\":41,\"changed\":true}", CancellationToken.None);
        var processed = await inbox.Store(42, "{\"update_id\":42}", CancellationToken.None);

        Assert.Equal((true, false, false), (firstTime, again, processed));
        Assert.Equal(["{\"update_id\":41}"], await bot.Db(d => d.WebhookInbox.Select(u => u.Payload).ToListAsync()));
    }
}

[Collection(PostgreSqlServer.Collection)]
public sealed class WebhookInboxStorageTestsOnPostgreSql(PostgreSqlServer postgres) : WebhookInboxStorageTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
