using System.Globalization;
using System.Text.Json;
using Bot.Commands.Callbacks;
using Bot.Domain.Events;
using Bot.Telegram.Updates;
using Bot.Tests.Fakes;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Bot.Tests.Telegram;

/// <summary>Updates as they come in through polling, the whole host against the fake Bot API: a broken update is
/// skipped without holding up the others, and a flood of them is applied once each, in order per chat.</summary>
public class UpdateIntakeTests
{
    /// <summary>The server the tests run on in <see cref="UpdateIntakeTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private const long Alice = 3001;
    private const long Bob = 3002;
    /// <summary>Only a guard against a hung run: 2,000 presses take about half a minute alone and more than a minute
    /// beside the rest of the suite on two cores; what the tests decide never depends on it.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task MessageWithoutChat_IsSkipped_AndTheMessageAfterItIsAnswered()
    {
        await using var bot = await TestBot.Start(TestBot.Unpaced(), postgres: Postgres);
        var broken = bot.Api.EnqueueRawUpdate(id => $$$"""
            {"update_id":{{{id}}},"message":{"message_id":7,"date":1767225600,"from":{"id":{{{Alice}}},"is_bot":false,"first_name":"Alice"},"text":"/help"}}
            """);

        var reply = await bot.Ask(Bob, "/help");

        Assert.NotEmpty(reply.Text);
        await bot.Api.WaitFor(() => bot.Api.PendingUpdateCount == 0, what: "every update confirmed");
        Assert.True(await bot.Db(db => db.ProcessedUpdates.AnyAsync(p => p.UpdateId == broken)));
        Assert.Empty(bot.Api.SentMessages(Alice));
    }

    [Fact]
    public async Task FieldOfTheWrongType_InTheMiddleOfABatch_IsSkipped_AndItsBatchMatesAreAnswered()
    {
        await using var bot = await TestBot.Start(TestBot.Unpaced(), postgres: Postgres);
        await bot.StopHost();
        bot.Api.UserSends(Alice, Alice, "/help", "de");
        var broken = bot.Api.EnqueueRawUpdate(id => $$$"""
            {"update_id":{{{id}}},"message":{"message_id":8,"date":1767225600,"chat":{"id":"not a number","type":"private"},"from":{"id":{{{Bob}}},"is_bot":false,"first_name":"Bob"},"text":"/help"}}
            """);
        bot.Api.UserSends(Bob, Bob, "/help", "de");

        await bot.StartHost();
        await bot.Api.WaitFor(() => bot.Api.SentMessages(Alice).Count > 0 && bot.Api.SentMessages(Bob).Count > 0, Patience, "both replies");

        await bot.Api.WaitFor(() => bot.Api.PendingUpdateCount == 0, what: "every update confirmed");
        Assert.True(await bot.Db(db => db.ProcessedUpdates.AnyAsync(p => p.UpdateId == broken)));
        var warning = Assert.Single(bot.Logs.Entries, l => l.Level == LogLevel.Warning && l.Text.Contains("could not be read", StringComparison.Ordinal));
        Assert.Contains(broken.ToString(CultureInfo.InvariantCulture), warning.Text);
        Assert.DoesNotContain(bot.Api.Token.Split(':')[1], string.Join("\n", bot.Logs.Entries.Select(l => l.Text)));
    }

    [Fact]
    public async Task UpdateThatFailsInTheRouterAndInTheApology_IsRecordedOnce_AndChangesNothingWhenDeliveredAgain()
    {
        await using var bot = await TestBot.Start(TestBot.Unpaced(), postgres: Postgres);
        var handler = bot.Services.GetRequiredService<IUpdateHandler>();
        var chatless = new Update
        {
            Id = bot.Api.NextUpdateId(),
            Message = new Message { Id = 9, Date = bot.Clock.GetUtcNow().UtcDateTime, From = new User { Id = Alice, FirstName = "Alice" }, Text = "/help" },
        };

        var queuedBefore = await bot.Db(db => db.Outbox.CountAsync());

        await handler.Handle(chatless, CancellationToken.None);
        await handler.Handle(chatless, CancellationToken.None);

        Assert.Equal(1, await bot.Db(db => db.ProcessedUpdates.CountAsync(p => p.UpdateId == chatless.Id)));
        Assert.Equal(queuedBefore, await bot.Db(db => db.Outbox.CountAsync()));
        Assert.Single(bot.Logs.Entries, l => l.Level == LogLevel.Error && l.Text.Contains("could not even be apologised for", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FailingUpdate_InABatch_IsApologisedFor_WhileItsBatchMatesCommit()
    {
        await using var bot = await TestBot.Start(TestBot.Unpaced(), postgres: Postgres);
        await bot.AddMember(Alice, "Alice Amsel");
        var @event = await bot.AddEvent("Stammtisch", TimeSpan.FromDays(3));
        var handler = bot.Services.GetRequiredService<IUpdateHandler>();
        var chatless = new Update
        {
            Id = bot.Api.NextUpdateId(),
            Message = new Message { Id = 9, Date = bot.Clock.GetUtcNow().UtcDateTime, From = new User { Id = Bob, FirstName = "Bob" }, Text = "/help" },
        };
        var batch = new[] { Press(bot, Alice, @event.Id, "y", 1), chatless, Press(bot, Alice, @event.Id, "n", 2) };

        var committed = await handler.Handle(batch, CancellationToken.None);

        Assert.Equal(3, committed);
        Assert.Equal(3, await bot.Db(db => db.ProcessedUpdates.CountAsync(p => batch.Select(u => (long)u.Id).Contains(p.UpdateId))));
        Assert.Equal(Answer.No, await bot.Db(db => db.Rsvps.Where(r => r.UserId == Alice).Select(r => r.Answer).SingleAsync()));
    }

    [Fact]
    public async Task TwoThousandPresses_ThroughPolling_AreEachAppliedOnce_InOrderPerMember()
    {
        const int members = 100;
        const int pressesEach = 20;
        // Debug lines of 2,000 updates, each kept as text, would cost more than the updates themselves.
        var settings = TestBot.Unpaced();
        // Presses that wait a second for their turn are acknowledged while the application runs beside: each press must
        // still be answered exactly once, by one or the other.
        settings["Telegram:CallbackPatience"] = "00:00:01";
        await using var bot = await TestBot.Start(settings, services => services.Configure<LoggerFilterOptions>(o => o.MinLevel = LogLevel.Warning), postgres: Postgres);
        var @event = await bot.AddEvent("Großdemo", TimeSpan.FromDays(3));
        for (var m = 0; m < members; m++)
        {
            await bot.AddMember(Alice + m, $"Mitglied {m}");
            bot.Api.OpenPrivateChat(Alice + m);
        }

        // Interleaved as a crowd presses: every member's presses spread over the whole queue.
        var presses = new List<Update>();
        for (var round = 0; round < pressesEach; round++)
        {
            for (var m = 0; m < members; m++)
            {
                // Each member ends on a different answer, so a press applied out of order shows in the result.
                var answer = ((round + m) % 3) switch { 0 => "y", 1 => "m", _ => "n" };
                presses.Add(bot.Api.EnqueueUpdate(Press(bot, Alice + m, @event.Id, answer, round + 1)));
            }
        }

        await bot.Api.WaitFor(() => bot.Api.PendingUpdateCount == 0, Patience, "every press confirmed");
        await bot.Api.WaitFor(() => presses.All(p => bot.Api.AnswerTo(p.CallbackQuery!.Id) is not null), Patience, "every press answered");
        var ids = presses.Select(p => (long)p.Id).ToList();
        await bot.WaitForDb(async db => await db.ProcessedUpdates.CountAsync(p => ids.Contains(p.UpdateId)) == presses.Count, Patience, "every press applied");
        await bot.WaitForDb(async db => !await db.Outbox.AnyAsync(o => o.Status == Bot.Telegram.Outbox.OutboxStatus.Pending), Patience, "every answer sent");

        var answered = bot.Api.RequestsOf("answerCallbackQuery")
            .Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("callback_query_id").GetString())
            .GroupBy(id => id)
            .ToList();
        Assert.Equal(presses.Count, answered.Count);
        Assert.All(answered, a => Assert.Single(a));
        var final = await bot.Db(db => db.Rsvps.Where(r => r.EventId == @event.Id).ToDictionaryAsync(r => r.UserId!.Value, r => r.Answer));
        for (var m = 0; m < members; m++)
        {
            var last = ((pressesEach - 1 + m) % 3) switch { 0 => Answer.Yes, 1 => Answer.Maybe, _ => Answer.No };
            Assert.Equal(last, final[Alice + m]);
        }
    }

    private static Update Press(TestBot bot, long userId, long eventId, string answer, int round) => new()
    {
        Id = bot.Api.NextUpdateId(),
        CallbackQuery = new CallbackQuery
        {
            Id = $"press-{userId}-{round}",
            From = new User { Id = userId, IsBot = false, FirstName = "Member", LanguageCode = "de" },
            Data = CallbackCodec.Encode(CallbackData.Of("rv", eventId, answer)),
            Message = new Message { Id = 1, Chat = new Chat { Id = userId, Type = ChatType.Private }, Date = bot.Clock.GetUtcNow().UtcDateTime },
            ChatInstance = userId.ToString(CultureInfo.InvariantCulture),
        },
    };
}

/// <summary>The same tests on PostgreSQL.</summary>
[Collection(PostgreSqlServer.Collection)]
public sealed class UpdateIntakeTestsOnPostgreSql(PostgreSqlServer postgres) : UpdateIntakeTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
