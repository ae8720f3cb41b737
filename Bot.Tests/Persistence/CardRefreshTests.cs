using Bot.Domain.Messaging;
using Bot.Persistence;
using Bot.Telegram.Outbox;
using Bot.Telegram.Rendering;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Persistence;

/// <summary>The card refresher renders every copy of a card before it takes the writer, so a change can commit while
/// it renders. What members then see must be the newer state, and nothing a change asked for may be lost.</summary>
public class CardRefreshTests
{
    /// <summary>The server the tests run on in <see cref="CardRefreshTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private const long Alice = 7101;
    private const long Bob = 7102;
    private const long EventId = 42;
    private const string Tag = "card:42";
    private static readonly DateTime Asked = new(2026, 11, 23, 11, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task OrganizersChangeCommittedWhileTheRefreshRendered_IsWhatTheCardShows_NotTheRefreshsOlderCard()
    {
        await using var bot = await TestBot.Start(postgres: Postgres);
        await Request(bot);

        var refreshed = await Refresh(bot, async () =>
        {
            // Meanwhile the organizer changes the event and edits Alice's copy (not Bob's) with the new note.
            await using var organizer = bot.Services.CreateAsyncScope();
            organizer.ServiceProvider.GetRequiredService<OutboxWriter>().Edit(Alice, 11, Html.Text("📝 Bitte Flyer mitbringen"), urgency: Urgency.Bulk, tag: Tag);
            await organizer.ServiceProvider.GetRequiredService<BotDbContext>().SaveChangesAsync();
        });

        // Whatever the dispatcher made of them since: the rows written, not their status.
        var written = await bot.Db(db => db.Outbox.Where(o => o.Tag == Tag)
            .OrderBy(o => o.ChatId).Select(o => new { o.ChatId, o.Text }).ToListAsync());
        Assert.Equal(2, refreshed);
        Assert.Equal([(Alice, "📝 Bitte Flyer mitbringen"), (Bob, "older card")], written.Select(p => (p.ChatId!.Value, p.Text!)));
        Assert.Empty(await bot.Db(db => db.CardRefreshes.ToListAsync()));
    }

    [Fact]
    public async Task PressCommittedWhileTheRefreshRendered_KeepsTheRequest_SoEveryCopyIsRefreshedAgain()
    {
        await using var bot = await TestBot.Start(postgres: Postgres);
        await Request(bot);

        await Refresh(bot, async () =>
        {
            await using var press = bot.Services.CreateAsyncScope();
            await press.ServiceProvider.GetRequiredService<ICardRefreshes>().Request(EventId, Asked, CancellationToken.None);
        });

        Assert.Equal([EventId], await bot.Db(db => db.CardRefreshes.Select(r => r.EventId).ToListAsync()));
        Assert.Equal(2, await bot.Db(db => db.Outbox.CountAsync(o => o.Tag == Tag)));
    }

    private static async Task Request(TestBot bot)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ICardRefreshes>().Request(EventId, Asked, CancellationToken.None);
    }

    /// <summary>A refresh that renders Alice's and Bob's copies as they were, while <paramref name="meanwhile"/>
    /// commits.</summary>
    private static async Task<int> Refresh(TestBot bot, Func<Task> meanwhile)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<OutboxWriter>();
        return await scope.ServiceProvider.GetRequiredService<ICardRefreshes>().Refresh(EventId, async _ =>
        {
            await meanwhile();
            outbox.Edit(Alice, 11, Html.Text("older card"), urgency: Urgency.Bulk, tag: Tag);
            outbox.Edit(Bob, 12, Html.Text("older card"), urgency: Urgency.Bulk, tag: Tag);
            return 2;
        }, CancellationToken.None);
    }
}

[Collection(PostgreSqlServer.Collection)]
public sealed class CardRefreshTestsOnPostgreSql(PostgreSqlServer postgres) : CardRefreshTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
