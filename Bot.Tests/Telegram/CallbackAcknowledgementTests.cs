using System.Globalization;
using Bot.Commands.Callbacks;
using Bot.Domain.Events;
using Bot.Telegram.Outbox;
using Bot.Telegram.Updates;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Bot.Tests.Telegram;

/// <summary>Presses that wait for their turn while the bot applies the ones before them: the member's button is
/// answered "received" once the patience is out, the press is applied all the same, and no press is answered twice.
/// The application is held at a gate the test opens, and the patience runs on the test's clock.</summary>
public class CallbackAcknowledgementTests
{
    /// <summary>The server the tests run on in <see cref="CallbackAcknowledgementTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private const long Alice = 4101;
    private const long Bob = 4102;
    private const long Carla = 4103;

    [Fact]
    public async Task PressesWaitingForTheirTurn_AreAnsweredReceived_ThenAppliedWithoutASecondAnswer()
    {
        var clock = new FakeTimeProvider();
        var gate = new HeldApplication();
        await using var bot = await StartHeld(clock, gate);
        var @event = await bot.AddEvent("Infostand", TimeSpan.FromDays(3));
        var presses = new List<Update>();
        foreach (var (member, language) in new[] { (Alice, "de"), (Bob, "en"), (Carla, "de") })
        {
            await bot.AddMember(member, $"Mitglied {member}");
            presses.Add(bot.Api.EnqueueUpdate(Press(bot, member, @event.Id, language)));
        }

        await bot.Api.WaitFor(() => bot.Api.PendingUpdateCount == 0, what: "the presses kept");
        await gate.Entered.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.All(presses, p => Assert.Null(bot.Api.AnswerTo(p.CallbackQuery!.Id)));

        // The application is stuck on the presses before; a second of waiting later each member sees "received".
        await AdvanceUntil(clock, () => presses.All(p => bot.Api.AnswerTo(p.CallbackQuery!.Id) is not null), "the acknowledgements");
        Assert.Equal("✓ Angekommen – wird gleich erledigt.", bot.Api.AnswerTo(presses[0].CallbackQuery!.Id)!.Text);
        Assert.Equal("✓ Received – being taken care of now.", bot.Api.AnswerTo(presses[1].CallbackQuery!.Id)!.Text);
        Assert.Equal(0, await bot.Db(db => db.Rsvps.CountAsync(r => r.EventId == @event.Id)));

        gate.Open();
        var ids = presses.Select(p => (long)p.Id).ToList();
        await bot.WaitForDb(async db => await db.ProcessedUpdates.CountAsync(p => ids.Contains(p.UpdateId)) == presses.Count, what: "the presses applied");
        await bot.WaitForDb(async db => !await db.Outbox.AnyAsync(o => o.Status == OutboxStatus.Pending), what: "the outbox sent");

        Assert.Equal(3, await bot.Db(db => db.Rsvps.CountAsync(r => r.EventId == @event.Id && r.Answer == Answer.Yes)));
        Assert.Equal(presses.Count, bot.Api.RequestsOf("answerCallbackQuery").Count);
        Assert.Empty(await bot.Db(db => db.WebhookInbox.ToListAsync()));
    }

    [Fact]
    public async Task APressAcknowledgedBeforeARestart_IsAppliedAfterIt_WithoutASecondAnswer()
    {
        var clock = new FakeTimeProvider();
        var gate = new HeldApplication();
        await using var bot = await StartHeld(clock, gate);
        var @event = await bot.AddEvent("Infostand", TimeSpan.FromDays(3));
        await bot.AddMember(Alice, "Alice");
        var press = bot.Api.EnqueueUpdate(Press(bot, Alice, @event.Id, "de"));
        await gate.Entered.WaitAsync(TimeSpan.FromMinutes(1));
        await AdvanceUntil(clock, () => bot.Api.AnswerTo(press.CallbackQuery!.Id) is not null, "the acknowledgement");

        // Stopped before its turn came; the inbox remembers that the press was answered.
        await bot.StopHost();
        gate.Open();
        await bot.StartHost();

        await bot.WaitForDb(async db => await db.ProcessedUpdates.AnyAsync(p => p.UpdateId == press.Id), what: "the press applied");
        await bot.WaitForDb(async db => !await db.Outbox.AnyAsync(o => o.Status == OutboxStatus.Pending), what: "the outbox sent");
        Assert.Equal(Answer.Yes, await bot.Db(db => db.Rsvps.Where(r => r.UserId == Alice).Select(r => r.Answer).SingleAsync()));
        Assert.Single(bot.Api.RequestsOf("answerCallbackQuery"));
    }

    [Fact]
    public async Task APressAppliedWithinThePatience_GetsItsOwnAnswer()
    {
        var clock = new FakeTimeProvider();
        var gate = new HeldApplication();
        gate.Open();
        await using var bot = await StartHeld(clock, gate);
        var @event = await bot.AddEvent("Infostand", TimeSpan.FromDays(3));
        await bot.AddMember(Alice, "Alice");

        var press = bot.Api.EnqueueUpdate(Press(bot, Alice, @event.Id, "de"));
        await bot.Api.WaitFor(() => bot.Api.AnswerTo(press.CallbackQuery!.Id) is not null, what: "the answer");
        clock.Advance(TimeSpan.FromSeconds(5));
        await bot.WaitForDb(async db => !await db.Outbox.AnyAsync(o => o.Status == OutboxStatus.Pending), what: "the outbox sent");

        Assert.DoesNotContain("Angekommen", bot.Api.AnswerTo(press.CallbackQuery!.Id)!.Text ?? "", StringComparison.Ordinal);
        Assert.Single(bot.Api.RequestsOf("answerCallbackQuery"));
    }

    [Fact]
    public async Task AnAcknowledgedPressThatWasRefused_IsToldAsAMessageInThePrivateChat()
    {
        var clock = new FakeTimeProvider();
        var gate = new HeldApplication();
        await using var bot = await StartHeld(clock, gate);
        var @event = await bot.AddEvent("Infostand", TimeSpan.FromDays(3));
        bot.Api.OpenPrivateChat(Alice);
        // Alice is no member: her answer is refused with an alert, which the acknowledgement took the place of.
        var press = bot.Api.EnqueueUpdate(Press(bot, Alice, @event.Id, "de"));
        await gate.Entered.WaitAsync(TimeSpan.FromMinutes(1));
        await AdvanceUntil(clock, () => bot.Api.AnswerTo(press.CallbackQuery!.Id) is not null, "the acknowledgement");

        gate.Open();
        await bot.WaitForDb(async db => await db.ProcessedUpdates.AnyAsync(p => p.UpdateId == press.Id), what: "the press applied");
        await bot.WaitForDb(async db => !await db.Outbox.AnyAsync(o => o.Status == OutboxStatus.Pending), what: "the outbox sent");

        Assert.Single(bot.Api.RequestsOf("answerCallbackQuery"));
        var told = Assert.Single(bot.Api.SentMessages(Alice));
        Assert.StartsWith("Hier können nur Mitglieder des Verbands antworten.", told.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAnswerStuckInTheOutbox_IsSentStraightAwayAfterThePatience_WithItsOwnText()
    {
        var clock = new FakeTimeProvider();
        var gate = new HeldApplication();
        gate.Open();
        var sending = new HeldSendingTurn();
        await using var bot = await StartHeld(clock, gate, services => services.AddSingleton<ISendingTurn>(sending));
        var @event = await bot.AddEvent("Infostand", TimeSpan.FromDays(3));
        await bot.AddMember(Alice, "Alice");

        var press = bot.Api.EnqueueUpdate(Press(bot, Alice, @event.Id, "de"));
        await bot.WaitForDb(async db => await db.ProcessedUpdates.AnyAsync(p => p.UpdateId == press.Id), what: "the press applied");
        Assert.Null(bot.Api.AnswerTo(press.CallbackQuery!.Id));

        // The outbox sends nothing (busy, in a real burst); a second after the press was applied its answer goes anyway.
        await AdvanceUntil(clock, () => bot.Api.AnswerTo(press.CallbackQuery!.Id) is not null, "the answer");
        Assert.Equal("✅ Notiert: du bist dabei.", bot.Api.AnswerTo(press.CallbackQuery!.Id)!.Text);

        sending.Open();
        bot.Services.GetRequiredService<OutboxSignal>().Notify();
        await bot.WaitForDb(async db => !await db.Outbox.AnyAsync(o => o.Status == OutboxStatus.Pending), what: "the outbox sent");
        Assert.Single(bot.Api.RequestsOf("answerCallbackQuery"));
    }

    /// <summary>With several instances, only the one that sends may send an overdue answer beside its dispatcher: another
    /// instance sending it at the same moment as the sender would answer the press twice.</summary>
    [Fact]
    public async Task AnInstanceThatDoesNotSend_LeavesAnAnswerStuckInTheOutbox_ToTheOneThatDoes()
    {
        var clock = new FakeTimeProvider();
        var gate = new HeldApplication();
        gate.Open();
        var sending = new HeldSendingTurn { Held = false };
        await using var bot = await StartHeld(clock, gate, services => services.AddSingleton<ISendingTurn>(sending));
        var @event = await bot.AddEvent("Infostand", TimeSpan.FromDays(3));
        await bot.AddMember(Alice, "Alice");
        var press = bot.Api.EnqueueUpdate(Press(bot, Alice, @event.Id, "en"));
        await bot.WaitForDb(async db => await db.ProcessedUpdates.AnyAsync(p => p.UpdateId == press.Id), what: "the press applied");
        var acknowledger = bot.Services.GetRequiredService<CallbackAcknowledger>();

        clock.Advance(TimeSpan.FromSeconds(2));
        await acknowledger.AcknowledgeOverdue(CancellationToken.None);
        Assert.Null(bot.Api.AnswerTo(press.CallbackQuery!.Id));

        // The sending turn passes to this instance, whose dispatcher is still busy: the overdue answer goes now.
        sending.Held = true;
        await acknowledger.AcknowledgeOverdue(CancellationToken.None);
        Assert.Equal("✅ Noted: you are coming.", bot.Api.AnswerTo(press.CallbackQuery!.Id)!.Text);
    }

    /// <summary>Moves the clock on in tenths of a second until <paramref name="answered"/> holds, and checks that it
    /// did not hold before the patience (a second) was out.</summary>
    private static async Task AdvanceUntil(FakeTimeProvider clock, Func<bool> answered, string what)
    {
        var start = clock.GetUtcNow();
        var guard = TimeProvider.System.GetTimestamp();
        while (!answered())
        {
            Assert.True(TimeProvider.System.GetElapsedTime(guard) < TimeSpan.FromMinutes(1), $"No {what} after {clock.GetUtcNow() - start} on the clock.");
            clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(20);
        }

        Assert.True(clock.GetUtcNow() - start >= TimeSpan.FromSeconds(1), $"The {what} came before the patience was out.");
    }

    private async Task<TestBot> StartHeld(FakeTimeProvider clock, HeldApplication gate, Action<IServiceCollection>? more = null)
    {
        var settings = TestBot.Unpaced();
        settings["Telegram:CallbackPatience"] = "00:00:01";
        return await TestBot.Start(
            settings,
            services =>
            {
                services.AddSingleton<IUpdateHandler>(sp => new HeldHandler(ActivatorUtilities.CreateInstance<UpdateProcessor>(sp), gate));
                more?.Invoke(services);
            },
            clock,
            Postgres);
    }

    /// <summary>The outbox's turn to send, withheld from the dispatcher until the test gives it (a dispatcher too busy
    /// to get to the answer, in a real burst); the instance is the one that sends all the same.</summary>
    private sealed class HeldSendingTurn : ISendingTurn
    {
        private volatile bool open;

        public void Open() => open = true;

        public Task<bool> Mine(CancellationToken ct) => Task.FromResult(open);

        public bool Held { get; set; } = true;

        public Task Release(CancellationToken ct) => Task.CompletedTask;
    }

    private static Update Press(TestBot bot, long userId, long eventId, string language) => new()
    {
        Id = bot.Api.NextUpdateId(),
        CallbackQuery = new CallbackQuery
        {
            Id = $"press-{userId}",
            From = new User { Id = userId, IsBot = false, FirstName = "Member", LanguageCode = language },
            Data = CallbackCodec.Encode(CallbackData.Of("rv", eventId, "y")),
            Message = new Message { Id = 1, Chat = new Chat { Id = userId, Type = ChatType.Private }, Date = bot.Clock.GetUtcNow().UtcDateTime },
            ChatInstance = userId.ToString(CultureInfo.InvariantCulture),
        },
    };

    /// <summary>The application of updates, held until the test opens it.</summary>
    private sealed class HeldApplication
    {
        private readonly TaskCompletionSource open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes when the application first reached the gate.</summary>
        public Task Entered => entered.Task;

        public void Open() => open.TrySetResult();

        public async Task Pass(CancellationToken stop)
        {
            entered.TrySetResult();
            await open.Task.WaitAsync(stop);
        }
    }

    private sealed class HeldHandler(IUpdateHandler inner, HeldApplication gate) : IUpdateHandler
    {
        public async Task<int> Handle(IReadOnlyList<Update> updates, CancellationToken stop)
        {
            await gate.Pass(stop);
            return await inner.Handle(updates, stop);
        }

        public async Task Handle(Update update, CancellationToken ct)
        {
            await gate.Pass(ct);
            await inner.Handle(update, ct);
        }
    }
}

[Collection(PostgreSqlServer.Collection)]
public sealed class CallbackAcknowledgementTestsOnPostgreSql(PostgreSqlServer postgres) : CallbackAcknowledgementTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
