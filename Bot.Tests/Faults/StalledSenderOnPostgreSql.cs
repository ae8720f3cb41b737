using Bot.Domain.Messaging;
using Bot.Persistence;
using Bot.Telegram.Outbox;
using Bot.Telegram.Rendering;
using Bot.Tests.Fakes;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Faults;

/// <summary>Two instances on one PostgreSQL database, where the sending one does not die but hangs: Telegram holds
/// every request it has in flight longer than its outbox lease, so the other instance takes over the sending. When
/// the hung requests come back, the first must not go on through the batch it had read, or members get the rest of
/// the broadcast twice and Telegram sees two senders at once.</summary>
[Collection(PostgreSqlServer.Collection)]
public sealed class StalledSenderOnPostgreSql(PostgreSqlServer postgres)
{
    private const int MaxConcurrency = 16;

    [Fact]
    public async Task A_sender_hung_past_its_lease_sends_nothing_more_once_the_other_instance_took_over()
    {
        var clock = new FakeTimeProvider();
        var database = await postgres.CreateDatabase();
        var settings = new Dictionary<string, string?>(TestBot.Unpaced()) { ["ConnectionStrings:Bot"] = database };
        var first = await TestBot.Start(settings, clock: clock);
        var second = await TestBot.Start(settings, clock: clock);
        try
        {
            var members = Enumerable.Range(1, 100).Select(i => 8000L + i).ToList();
            foreach (var bot in new[] { first, second })
            {
                members.ForEach(bot.Api.OpenPrivateChat);
                bot.Api.Faults = new FaultPlan(1);
                bot.Api.Faults.HoldAfter(deliveries: 5);
            }

            await Broadcast(first, members);
            await first.Api.WaitFor(() => new[] { first, second }.Any(b => b.Api.Faults!.Held == MaxConcurrency), what: "the sender's requests all hanging");
            var (hung, other) = first.Api.Faults!.Held == MaxConcurrency ? (first, second) : (second, first);
            other.Api.Faults!.Release();

            // The hung instance renews nothing; a second at a time, as a real clock goes, its lease runs out.
            for (var i = 0; i < 3000 && await other.Db(db => db.Outbox.AnyAsync(o => o.Status == OutboxStatus.Pending)); i++)
            {
                await Task.Delay(20);
                clock.Advance(TimeSpan.FromSeconds(1));
            }

            hung.Api.Faults!.Release();
            await hung.Api.WaitFor(() => hung.Services.GetRequiredService<OutboxDispatcher>().Sending == 0, what: "the hung requests answered");
            using var idle = new CancellationTokenSource(FakeBotApi.DefaultWait);
            await hung.Services.GetRequiredService<OutboxDispatcher>().Idle(idle.Token);

            var received = members.ToDictionary(m => m, m => first.Api.SentMessages(m).Count + second.Api.SentMessages(m).Count);
            Assert.All(received.Values, count => Assert.InRange(count, 1, 2));
            Assert.InRange(received.Values.Sum() - members.Count, 0, MaxConcurrency);
        }
        finally
        {
            await first.DisposeAsync();
            await second.DisposeAsync();
            await postgres.Drop(database);
        }
    }

    [Fact]
    public async Task A_pause_for_a_429_longer_than_the_lease_keeps_the_sending_with_the_paused_instance()
    {
        var clock = new FakeTimeProvider();
        var database = await postgres.CreateDatabase();
        var settings = new Dictionary<string, string?>(TestBot.Unpaced()) { ["ConnectionStrings:Bot"] = database };
        var first = await TestBot.Start(settings, clock: clock);
        var second = await TestBot.Start(settings, clock: clock);
        try
        {
            var members = Enumerable.Range(1, 50).Select(i => 8100L + i).ToList();
            foreach (var bot in new[] { first, second })
            {
                members.ForEach(bot.Api.OpenPrivateChat);
                bot.Api.TooManyRequests(retryAfterSeconds: 30, method: "sendMessage");
            }

            await Broadcast(first, members);
            await first.Api.WaitFor(() => new[] { first, second }.Any(b => b.Api.RequestsOf("sendMessage").Any(r => r.StatusCode == 429)), what: "a 429");
            var (paused, other) = first.Api.RequestsOf("sendMessage").Any(r => r.StatusCode == 429) ? (first, second) : (second, first);

            // Twice the lease, a second at a time, each second only once both instances have done what it brought.
            for (var i = 0; i < 28; i++)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                await Idle(paused, other);
            }

            var duringThePause = other.Api.RequestsOf("sendMessage").Count;
            for (var i = 0; i < 3000 && await other.Db(db => db.Outbox.AnyAsync(o => o.Status == OutboxStatus.Pending)); i++)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                await Idle(paused, other);
            }

            Assert.Equal(0, duringThePause);
            Assert.All(members, m => Assert.Equal(1, first.Api.SentMessages(m).Count + second.Api.SentMessages(m).Count));
        }
        finally
        {
            await first.DisposeAsync();
            await second.DisposeAsync();
            await postgres.Drop(database);
        }
    }

    private static async Task Idle(params TestBot[] bots)
    {
        using var patience = new CancellationTokenSource(FakeBotApi.DefaultWait);
        foreach (var bot in bots)
        {
            await bot.Services.GetRequiredService<OutboxDispatcher>().Idle(patience.Token);
        }
    }

    private static async Task Broadcast(TestBot bot, IReadOnlyList<long> members)
    {
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<OutboxWriter>();
            foreach (var member in members)
            {
                outbox.Send(member, Html.Text("Morgen 19:00 Stammtisch"), urgency: Urgency.Bulk);
            }

            await scope.ServiceProvider.GetRequiredService<BotDbContext>().SaveChangesAsync();
        }

        bot.Services.GetRequiredService<OutboxSignal>().Notify();
    }
}
