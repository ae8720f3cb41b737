using System.Diagnostics;
using System.Globalization;
using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Bot.Domain.Messaging;
using Bot.Domain.Reminders;
using Bot.Persistence;
using Bot.Telegram.Outbox;
using Bot.Tests.Fakes;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Benchmarks;

/// <summary>What <see cref="LoadRun.Presses"/> measured: the intake of <paramref name="Updates"/> updates that ask for
/// nothing, then of as many presses on one group card, each from the first one queued at the fake; "accepted" until the
/// fake's queue is empty (polling: confirmed by the bot's offset; webhook: answered 200), "applied" until the bot's
/// inbox is empty as well.</summary>
internal sealed record PressesResult(
    int Updates,
    bool Webhook,
    TimeSpan IdleAccepted,
    TimeSpan IdleApplied,
    TimeSpan PressesAccepted,
    TimeSpan PressesApplied,
    TimeSpan PressesAnswered,
    IReadOnlyList<double> AnswerWaits,
    int CardEdits,
    TimeSpan PressesCpu,
    int Acknowledged)
{
    /// <summary>CPU time of the whole process (bot and fake server) per press, from the first press queued until all
    /// were applied: unlike the rates, hardly changed by other work on the machine.</summary>
    public double CpuMsPerPress => PressesCpu.TotalMilliseconds / Updates;

    public double IdleAcceptedPerSecond => Updates / IdleAccepted.TotalSeconds;

    public double IdleAppliedPerSecond => Updates / IdleApplied.TotalSeconds;

    public double PressesAcceptedPerSecond => Updates / PressesAccepted.TotalSeconds;

    public double PressesAppliedPerSecond => Updates / PressesApplied.TotalSeconds;
}

/// <summary>What <see cref="LoadRun.PressesDuringBroadcast"/> measured, in milliseconds from the fake handing each press
/// out, sorted: the wait for its answerCallbackQuery, and for the pressed card's edit (only the presses whose card was
/// edited); how many of the broadcast's messages the fake received while the presses were made and answered.</summary>
internal sealed record BroadcastPresses(
    int Broadcast,
    int Presses,
    IReadOnlyList<double> AnswerWaits,
    IReadOnlyList<double> EditWaits,
    int SentMeanwhile,
    TimeSpan Meanwhile)
{
    public bool BroadcastOutlastedPresses => SentMeanwhile < Broadcast;
}

/// <summary>Issue 11's load modes: a chapter pressing at once, and interactive answers during a fan-out. Each is the
/// real host (<see cref="TestBot"/>, Telegram's default limits, logging at Warning) on a fresh SQLite file against
/// the fake Bot API on loopback, bounded in time, and fails loudly if the bot got something wrong.</summary>
internal static class LoadRun
{
    private const long FirstUserId = 5_000_000;
    private const long Group = -100_777;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(150);
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static async Task<int> Run(string mode, int members)
    {
        Report.Line($"Load mode '{mode}', {members:N0} members; machine: {Environment.ProcessorCount} logical CPUs, {Environment.OSVersion}, .NET {Environment.Version}");
        switch (mode)
        {
            case "intake":
            case "callbacks":
            case "webhook":
                // A small run first, not reported: the first host in a process pays for JIT compilation and EF's model.
                await Presses(50, webhook: mode == "webhook");
                ReportPresses(await Presses(members, webhook: mode == "webhook"));
                return 0;
            case "help":
                await HelpDuringFanOut(members);
                return 0;
            case "help-presses":
                await Presses(50);
                await HelpDuringPresses(members);
                return 0;
            case "minute":
                await Presses(50);
                await PressesOverAMinute(members);
                return 0;
            case "edits":
                await Presses(20);
                foreach (var size in new[] { 100, members })
                {
                    await EditsPerPress(size);
                }

                return 0;
            default:
                return 2;
        }
    }

    /// <summary>Every member presses ✅ under one group card at the same moment. Measures (a) intake: from the
    /// first press queued at the fake to the last one confirmed by the bot's offset, and (b) each press's wait:
    /// from the fake handing the update out to the fake receiving its answerCallbackQuery.</summary>
    /// <remarks>With <paramref name="webhook"/> the fake posts the updates to the bot's webhook as Telegram does (the
    /// empty updates concurrently over up to 40 connections, the presses in one group one after another, as Telegram
    /// keeps a chat's order); intake is then split into accepted (answered 200, stored) and applied. With
    /// <paramref name="postgres"/> the bot runs on a fresh database of that server instead of a SQLite file.</remarks>
    public static async Task<PressesResult> Presses(int members, bool webhook = false, PostgreSqlServer? postgres = null)
    {
        await using var bot = await Start(webhook, postgres);
        var eventId = await Seed(bot, members, answered: false);
        var card = await PostGroupCard(bot, eventId);
        var yes = card.Buttons.First(b => b.Text.StartsWith('✅')).CallbackData!;

        // The intake machinery alone: updates that ask for nothing (as an unreadable one becomes) still go through
        // polling, the batch transaction, the processed-update check and record.
        var idle = Stopwatch.StartNew();
        for (var i = 0; i < members; i++)
        {
            bot.Api.EnqueueUpdate(new global::Telegram.Bot.Types.Update { Id = bot.Api.NextUpdateId() });
        }

        await Until(() => bot.Api.PendingUpdateCount == 0, "every empty update confirmed");
        var idleAccepted = idle.Elapsed;
        await Until(() => bot.Db(db => db.WebhookInbox.AnyAsync()).ContinueWith(t => !t.Result), "every empty update applied");
        var idleConfirmed = idle.Elapsed;

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.StartNew();
        var presses = Enumerable.Range(0, members).Select(i => bot.Api.UserPresses(FirstUserId + i, Group, card.MessageId, yes)).ToList();
        await Until(() => bot.Api.PendingUpdateCount == 0, "every press confirmed");
        var accepted = started.Elapsed;
        await Until(() => bot.Db(db => db.WebhookInbox.AnyAsync()).ContinueWith(t => !t.Result), "every press applied");
        var confirmed = started.Elapsed;
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        await Until(() => presses.All(p => bot.Api.AnswerTo(p.CallbackQuery!.Id) is not null), "every press answered");
        var answered = started.Elapsed;

        var ids = presses.Select(p => (long)p.Id).ToList();
        var processed = await bot.Db(db => db.ProcessedUpdates.CountAsync(p => ids.Contains(p.UpdateId)));
        var yesCount = await bot.Db(db => db.Rsvps.CountAsync(r => r.EventId == eventId && r.Answer == Answer.Yes));
        if (processed != members || yesCount != members)
        {
            throw new InvalidOperationException($"{processed} presses processed and {yesCount} yes answers recorded, not {members} each.");
        }

        var waits = presses
            .Select(p => (bot.Api.AnswerTo(p.CallbackQuery!.Id)!.AnsweredAt - bot.Api.DeliveredAt(p.Id)!.Value).TotalMilliseconds)
            .Order()
            .ToList();
        var cardEdits = bot.Api.RequestsOf("editMessageText").Count(r => r.ChatId == Group);
        var acknowledged = presses.Count(p => bot.Api.AnswerTo(p.CallbackQuery!.Id)!.Text?.StartsWith('✓') == true);
        return new PressesResult(members, webhook, idleAccepted, idleConfirmed, accepted, confirmed, answered, waits, cardEdits, cpu, acknowledged);
    }

    internal static void ReportPresses(PressesResult r)
    {
        var (members, waits) = (r.Updates, r.AnswerWaits);
        if (r.Webhook)
        {
            Report.Line(string.Create(Invariant, $"(w) webhook intake, machinery alone: {members:N0} empty updates answered 200 in {r.IdleAccepted.TotalSeconds:F2} s = {r.IdleAcceptedPerSecond:F0} updates/s, all applied after {r.IdleApplied.TotalSeconds:F2} s = {r.IdleAppliedPerSecond:F0} updates/s"));
            Report.Line(string.Create(Invariant, $"(w) webhook intake: {members:N0} presses in one group answered 200 in {r.PressesAccepted.TotalSeconds:F2} s = {r.PressesAcceptedPerSecond:F0} updates/s, all applied after {r.PressesApplied.TotalSeconds:F2} s = {r.PressesAppliedPerSecond:F0} updates/s (all answered after {r.PressesAnswered.TotalSeconds:F2} s)"));
            Report.Line(string.Create(Invariant, $"(w) callback answer after the webhook's 200: p50 {Percentile(waits, 0.50):F0} ms, p99 {Percentile(waits, 0.99):F0} ms, max {waits[^1]:F0} ms; answered \"received\" before being applied: {r.Acknowledged:N0} of {members:N0}; group card edits sent meanwhile: {r.CardEdits}"));
            return;
        }

        Report.Line(string.Create(Invariant, $"(a) intake, machinery alone: {members:N0} updates with nothing to do confirmed (kept) in {r.IdleAccepted.TotalSeconds:F2} s = {r.IdleAcceptedPerSecond:F0} updates/s, all applied after {r.IdleApplied.TotalSeconds:F2} s = {r.IdleAppliedPerSecond:F0} updates/s"));
        Report.Line(string.Create(Invariant, $"(a) intake: {members:N0} presses confirmed (kept) in {r.PressesAccepted.TotalSeconds:F2} s = {r.PressesAcceptedPerSecond:F0} updates/s, all applied after {r.PressesApplied.TotalSeconds:F2} s = {r.PressesAppliedPerSecond:F0} updates/s (all answered after {r.PressesAnswered.TotalSeconds:F2} s); process CPU {r.CpuMsPerPress:F2} ms per press"));
        Report.Line(string.Create(Invariant, $"(b) callback answer after delivery: p50 {Percentile(waits, 0.50):F0} ms, p99 {Percentile(waits, 0.99):F0} ms, max {waits[^1]:F0} ms; answered \"received\" before being applied: {r.Acknowledged:N0} of {members:N0}; group card edits sent meanwhile: {r.CardEdits}"));
    }

    /// <summary>(f) The "done when": every member presses ✅ on the card in their own private chat, the presses
    /// spread evenly over one minute. Per press: the wait for the callback answer and for the edit of the pressed
    /// card (its counts), each from the fake handing the update out; then how long the other copies take to catch
    /// up with the last press, paced at Telegram's 30 messages per second.</summary>
    private static async Task PressesOverAMinute(int members)
    {
        await using var bot = await Start();
        var eventId = await Seed(bot, members, answered: false);
        var cardOf = await PostPrivateCards(bot, eventId, FirstUserId, members);
        var started = Stopwatch.StartNew();
        var presses = await PressOwnCards(bot, cardOf, TimeSpan.FromMinutes(1));
        var pressed = started.Elapsed;
        await Until(() => presses.All(p => bot.Api.AnswerTo(p.CallbackQuery!.Id) is not null), "every press answered");
        await Until(() => bot.Db(db => db.Outbox.AnyAsync(o => o.Status == OutboxStatus.Pending)).ContinueWith(t => !t.Result), "every copy caught up");
        var caughtUp = started.Elapsed - pressed;

        var yesCount = await bot.Db(db => db.Rsvps.CountAsync(r => r.EventId == eventId && r.Answer == Answer.Yes));
        var failed = await bot.Db(db => db.Outbox.CountAsync(o => o.Status == OutboxStatus.Failed || o.Status == OutboxStatus.Undeliverable));
        if (yesCount != members || failed > 0)
        {
            throw new InvalidOperationException($"{yesCount} yes answers recorded, not {members}; {failed} requests failed.");
        }

        var (answers, cardEdits) = PressWaits(bot, presses);
        if (cardEdits.Count != presses.Count)
        {
            throw new InvalidOperationException($"{presses.Count - cardEdits.Count} pressed cards were not edited after the press.");
        }

        var refused = bot.Api.RequestsOf("editMessageText").Where(r => !r.Succeeded).GroupBy(r => r.Description).Select(g => $"{g.Count()}× {g.Key}");
        Report.Line("refused edits: " + string.Join("; ", refused));
        Report.Line(string.Create(Invariant, $"(f) {members:N0} members press ✅ on their own cards over {pressed.TotalSeconds:F0} s: callback answer p50 {Percentile(answers, 0.50):F0} ms, p99 {Percentile(answers, 0.99):F0} ms, max {answers[^1]:F0} ms; pressed card edited p50 {Percentile(cardEdits, 0.50):F0} ms, p99 {Percentile(cardEdits, 0.99):F0} ms; every other copy current {caughtUp.TotalSeconds:F1} s after the last press ({Edits(bot).Count:N0} edits in all)"));
    }

    /// <summary>The event's card posted into each of <paramref name="count"/> private chats from
    /// <paramref name="firstUser"/> on, as the bot posts it to a member; returns each chat's card once every one is
    /// recorded as sent (a press finds the card to update only then).</summary>
    private static async Task<Dictionary<long, FakeMessage>> PostPrivateCards(TestBot bot, long eventId, long firstUser, int count)
    {
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            var cards = scope.ServiceProvider.GetRequiredService<Bot.Commands.Events.EventCards>();
            var chapters = scope.ServiceProvider.GetRequiredService<ChapterService>();
            for (var i = 0; i < count; i++)
            {
                var user = firstUser + i;
                await cards.Post(user, eventId, await chapters.PermissionsOf(user, CancellationToken.None), Bot.Texts.TextCatalog.German, Urgency.Bulk, CancellationToken.None);
            }

            await scope.ServiceProvider.GetRequiredService<BotDbContext>().SaveChangesAsync();
        }

        bot.Services.GetRequiredService<OutboxSignal>().Notify();
        var last = firstUser + count;
        await Until(() => bot.Db(db => db.Outbox.CountAsync(o => o.ChatId >= firstUser && o.ChatId < last && o.SentMessageId != null)).ContinueWith(t => t.Result == count), "every private card sent");
        return Enumerable.Range(0, count).ToDictionary(i => firstUser + i, i => bot.Api.SentMessages(firstUser + i).Single());
    }

    /// <summary>Each card's owner presses ✅ on it, one after another in the order of their ids, spread evenly over
    /// <paramref name="over"/>.</summary>
    private static async Task<List<global::Telegram.Bot.Types.Update>> PressOwnCards(TestBot bot, Dictionary<long, FakeMessage> cardOf, TimeSpan over)
    {
        var yes = cardOf.Values.First().Buttons.First(b => b.Text.StartsWith('✅')).CallbackData!;
        var spacing = over / cardOf.Count;
        var started = Stopwatch.StartNew();
        var presses = new List<global::Telegram.Bot.Types.Update>();
        foreach (var (user, card) in cardOf.OrderBy(c => c.Key))
        {
            presses.Add(bot.Api.UserPresses(user, user, card.MessageId, yes));
            var next = (spacing * presses.Count) - started.Elapsed;
            if (next > TimeSpan.Zero)
            {
                await Task.Delay(next);
            }
        }

        return presses;
    }

    /// <summary>Per press on a card in the presser's own chat, from the fake handing the update out: the wait for
    /// its answerCallbackQuery, and for the first edit of that chat's card after it (the counts the presser sees);
    /// both sorted, the second without the presses whose card was not edited.</summary>
    private static (List<double> Answers, List<double> CardEdits) PressWaits(TestBot bot, IReadOnlyList<global::Telegram.Bot.Types.Update> presses)
    {
        var edits = Edits(bot);
        var answers = new List<double>();
        var cardEdits = new List<double>();
        foreach (var press in presses)
        {
            var chat = press.CallbackQuery!.Message!.Chat.Id;
            var delivered = bot.Api.DeliveredAt(press.Id)!.Value;
            answers.Add((bot.Api.AnswerTo(press.CallbackQuery.Id)!.AnsweredAt - delivered).TotalMilliseconds);
            if (edits.Where(r => r.ChatId == chat && r.ReceivedAt >= delivered).MinBy(r => r.ReceivedAt) is { } edit)
            {
                cardEdits.Add((edit.ReceivedAt - delivered).TotalMilliseconds);
            }
        }

        answers.Sort();
        cardEdits.Sort();
        return (answers, cardEdits);
    }

    private static List<RecordedRequest> Edits(TestBot bot) =>
        [.. bot.Api.RequestsOf("editMessageText").Concat(bot.Api.RequestsOf("editMessageReplyMarkup")).Where(r => r.Succeeded)];

    /// <summary>(c) While a reminder fan-out to every member is being sent, 100 other people write /help, one every
    /// 300 ms; each waits from the fake handing out the update to the fake receiving the reply.</summary>
    private static async Task HelpDuringFanOut(int members)
    {
        await using var bot = await Start();
        var at = bot.Clock.GetUtcNow().UtcDateTime;
        at = new DateTime(at.Ticks - (at.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
        await Seed(bot, members, answered: true, startsAt: at + TimeSpan.FromDays(1));

        var started = Stopwatch.StartNew();
        var fanOut = Task.Run(async () =>
        {
            await using var scope = bot.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ReminderService>().SendDue(new DateTimeOffset(at), CancellationToken.None);
        });
        const long firstAsker = 9_000_000;
        var asks = new List<(long User, long UpdateId)>();
        for (var i = 0; i < 100; i++)
        {
            var user = firstAsker + i;
            asks.Add((user, bot.Api.UserSends(user, user, "/help", "de").Id));
            await Task.Delay(300);
        }

        var queued = await fanOut;
        await Until(() => asks.All(a => bot.Api.SentMessages(a.User).Count > 0), "every /help answered");
        var remindersBy = bot.Api.RequestsOf("sendMessage").Count(r => r.ChatId is >= FirstUserId and < firstAsker && r.Succeeded);
        var replies = bot.Api.RequestsOf("sendMessage").Where(r => r.ChatId >= firstAsker).ToList();
        var waits = asks
            .Select(a => (replies.First(r => r.ChatId == a.User).ReceivedAt - bot.Api.DeliveredAt(a.UpdateId)!.Value).TotalMilliseconds)
            .Order()
            .ToList();
        Report.Line(string.Create(Invariant, $"(c) /help reply during a fan-out of {queued:N0} reminders ({remindersBy:N0} sent after {started.Elapsed.TotalSeconds:F0} s): p50 {Percentile(waits, 0.50):F0} ms, p99 {Percentile(waits, 0.99):F0} ms, max {waits[^1]:F0} ms"));
    }

    /// <summary>(g) /help during a burst of presses: every member presses ✅ under one group card at the same moment,
    /// and right behind them 20 other people each write /help in their private chat. Per /help, from the fake handing
    /// the update out to the fake receiving the reply; beside it, when every press was applied. Applied oldest first,
    /// a /help waited for the whole burst.</summary>
    private static async Task HelpDuringPresses(int members)
    {
        await using var bot = await Start();
        var eventId = await Seed(bot, members, answered: false);
        var card = await PostGroupCard(bot, eventId);
        var yes = card.Buttons.First(b => b.Text.StartsWith('✅')).CallbackData!;

        var started = Stopwatch.StartNew();
        for (var i = 0; i < members; i++)
        {
            bot.Api.UserPresses(FirstUserId + i, Group, card.MessageId, yes);
        }

        const long firstAsker = 9_000_000;
        var asks = Enumerable.Range(0, 20).Select(i => (User: firstAsker + i, UpdateId: (long)bot.Api.UserSends(firstAsker + i, firstAsker + i, "/help", "de").Id)).ToList();
        await Until(() => asks.All(a => bot.Api.SentMessages(a.User).Count > 0), "every /help answered");
        var helped = started.Elapsed;
        await Until(() => bot.Db(db => db.WebhookInbox.AnyAsync()).ContinueWith(t => !t.Result), "every press applied");
        var applied = started.Elapsed;
        var replies = bot.Api.RequestsOf("sendMessage").Where(r => r.ChatId >= firstAsker).ToList();
        var waits = asks
            .Select(a => (replies.First(r => r.ChatId == a.User).ReceivedAt - bot.Api.DeliveredAt(a.UpdateId)!.Value).TotalMilliseconds)
            .Order()
            .ToList();
        Report.Line(string.Create(Invariant, $"(g) /help right behind {members:N0} presses on one group card: p50 {Percentile(waits, 0.50):F0} ms, p99 {Percentile(waits, 0.99):F0} ms, max {waits[^1]:F0} ms; every /help answered {helped.TotalSeconds:F2} s after the burst was queued, every press applied after {applied.TotalSeconds:F2} s"));
    }

    /// <summary>Interactive presses during a broadcast: <paramref name="broadcast"/> members said yes to an event and
    /// the real <c>ReminderService.SendDue</c> fans out its 24 h reminder (Telegram's default 30 messages per second);
    /// once the first reminder has reached the fake, <paramref name="pressers"/> other members press ✅ on another
    /// event's card in their own private chats, spread evenly over <paramref name="over"/>.</summary>
    public static async Task<BroadcastPresses> PressesDuringBroadcast(int broadcast, int pressers, TimeSpan over, PostgreSqlServer? postgres = null)
    {
        const long firstPresser = 9_000_000;
        await using var bot = await Start(postgres: postgres);
        var at = bot.Clock.GetUtcNow().UtcDateTime;
        at = new DateTime(at.Ticks - (at.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
        await Seed(bot, broadcast, answered: true, startsAt: at + TimeSpan.FromDays(1));
        var pressedEvent = await Seed(bot, pressers, answered: false, firstUser: firstPresser);
        var cardOf = await PostPrivateCards(bot, pressedEvent, firstPresser, pressers);

        bool IsReminder(RecordedRequest r) => r.ChatId is >= FirstUserId and < firstPresser && r.Succeeded;
        var fanOut = Task.Run(async () =>
        {
            await using var scope = bot.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ReminderService>().SendDue(new DateTimeOffset(at), CancellationToken.None);
        });
        await Until(() => fanOut.IsFaulted || bot.Api.RequestsOf("sendMessage").Any(IsReminder), "the broadcast's first message");

        var started = Stopwatch.StartNew();
        var presses = await PressOwnCards(bot, cardOf, over);
        var queued = await fanOut;
        if (queued != broadcast)
        {
            throw new InvalidOperationException($"ReminderService.SendDue queued {queued} reminders, not {broadcast}.");
        }

        await Until(() => presses.All(p => bot.Api.AnswerTo(p.CallbackQuery!.Id) is not null), "every press answered");
        // The card's edit is what the presser sees change; a bot that stopped editing shows as fewer edits, not a hang.
        var editsDue = Stopwatch.StartNew();
        while (PressWaits(bot, presses).CardEdits.Count < presses.Count && editsDue.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(250);
        }

        var meanwhile = started.Elapsed;
        var (answers, edits) = PressWaits(bot, presses);
        var sent = bot.Api.RequestsOf("sendMessage").Count(IsReminder);
        return new BroadcastPresses(broadcast, pressers, answers, edits, sent, meanwhile);
    }

    internal static void ReportBroadcastPresses(BroadcastPresses r)
    {
        string Waits(IReadOnlyList<double> w) => w.Count == 0 ? "none" : string.Create(Invariant, $"p50 {Percentile(w, 0.50):F0} ms, p99 {Percentile(w, 0.99):F0} ms, max {w[^1]:F0} ms");
        Report.Line(string.Create(Invariant, $"{r.Presses} presses during a broadcast of {r.Broadcast:N0}: answered {Waits(r.AnswerWaits)}; pressed card edited ({r.EditWaits.Count} of {r.Presses}) {Waits(r.EditWaits)}; broadcast messages received in those {r.Meanwhile.TotalSeconds:F0} s: {r.SentMeanwhile:N0} ({(r.BroadcastOutlastedPresses ? "still sending" : "the broadcast ended first")})"));
    }

    /// <summary>(d) Every member has the card in their private chat as well as in the group; 20 of them press ✅ in
    /// the group, one after another. Counts the card edits the bot queued per press.</summary>
    private static async Task EditsPerPress(int members)
    {
        const int pressing = 20;
        await using var bot = await Start();
        var eventId = await Seed(bot, members, answered: false);
        var card = await PostGroupCard(bot, eventId);
        await bot.Db(async db =>
        {
            var now = bot.Clock.GetUtcNow().UtcDateTime;
            for (var i = 0; i < members; i++)
            {
                db.Outbox.Add(new OutboxMessage
                {
                    Kind = OutboxKind.SendMessage,
                    Status = OutboxStatus.Sent,
                    ChatId = FirstUserId + i,
                    Text = "card",
                    Tag = Bot.Commands.Events.EventCards.Tag(eventId),
                    CreatedAt = now,
                    NotBefore = now,
                    SentAt = now,
                    SentMessageId = 1,
                });
            }

            return await db.SaveChangesAsync();
        });
        var before = await bot.Db(db => db.Outbox.MaxAsync(o => o.Id));
        var yes = card.Buttons.First(b => b.Text.StartsWith('✅')).CallbackData!;

        for (var i = 0; i < pressing; i++)
        {
            var press = bot.Api.UserPresses(FirstUserId + i, Group, card.MessageId, yes);
            await Until(() => bot.Api.AnswerTo(press.CallbackQuery!.Id) is not null, "the press answered");
        }

        var edits = await bot.Db(db => db.Outbox.CountAsync(o => o.Id > before && (o.Kind == OutboxKind.EditMessageText || o.Kind == OutboxKind.EditReplyMarkup)));
        // The presses happen in the group: its edits are the presses' own, the rest are the refresher's catching up
        // the private copies.
        var own = await bot.Db(db => db.Outbox.CountAsync(o => o.Id > before && o.ChatId == Group && (o.Kind == OutboxKind.EditMessageText || o.Kind == OutboxKind.EditReplyMarkup)));
        Report.Line(string.Create(Invariant, $"(d) {members:N0} members, each with a private copy of the card: {edits:N0} card edits queued for {pressing} presses = {(double)edits / pressing:F1} per press; in the press's own transaction {(double)own / pressing:F1} per press, by the lazy refresh of the other copies {edits - own:N0} in all"));
    }

    private static async Task<TestBot> Start(bool webhook = false, PostgreSqlServer? postgres = null)
    {
        // The production patience: presses waiting longer for their turn are answered "received" (the test default
        // of a minute keeps the answers of tests predictable).
        var settings = new Dictionary<string, string?> { ["Bot:QuietHours"] = "", ["Telegram:CallbackPatience"] = "00:00:01" };
        // Production logs at Information at most; capturing every debug line in memory would be measured too.
        void Quieter(IServiceCollection services) => services.Configure<LoggerFilterOptions>(o => o.MinLevel = LogLevel.Warning);
        if (!webhook)
        {
            return await TestBot.Start(settings, Quieter, postgres: postgres);
        }

        // The webhook host takes its database from the settings; the server drops it with itself at the end.
        if (postgres is not null)
        {
            settings["ConnectionStrings:Bot"] = await postgres.CreateDatabase();
        }

        return await TestBot.StartWithWebhook(settings, Quieter);
    }

    /// <summary>An event in the root chapter, whose group is <see cref="Group"/>, and its members (user ids from
    /// <paramref name="firstUser"/> on), every private chat open; with <paramref name="answered"/> everyone said yes a
    /// day before <paramref name="startsAt"/>.</summary>
    private static async Task<long> Seed(TestBot bot, int members, bool answered, DateTime? startsAt = null, long firstUser = FirstUserId)
    {
        var root = await bot.Root();
        bot.Api.AddGroup(Group, root.Name);
        return await bot.Db(async db =>
        {
            var starts = startsAt ?? bot.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromDays(3);
            var before = starts - TimeSpan.FromDays(2);
            (await db.Chapters.SingleAsync(c => c.Id == root.Id)).GroupChatId = Group;
            var @event = new Event { ChapterId = root.Id, Title = "Großdemo", Place = "Marktplatz", StartsAt = starts, CreatedAt = before, NextTicket = answered ? members + 1 : 1 };
            db.Events.Add(@event);
            await db.SaveChangesAsync();
            for (var i = 0; i < members; i++)
            {
                var userId = firstUser + i;
                // The name the fake's updates carry for this user: a press renames its member only when the name on
                // Telegram changed, which a seeded name unlike the fake's made every measured press do.
                db.Members.Add(new Member { UserId = userId, DisplayName = $"User{userId}", JoinedAt = before, ConsentedAt = before });
                db.Memberships.Add(new Membership { UserId = userId, ChapterId = root.Id, Role = Role.Member, Since = before });
                if (answered)
                {
                    db.Rsvps.Add(new Rsvp { EventId = @event.Id, UserId = userId, Answer = Answer.Yes, Ticket = i + 1, AnsweredAt = before + TimeSpan.FromHours(1) });
                }

                bot.Api.OpenPrivateChat(userId);
            }

            await db.SaveChangesAsync();
            return @event.Id;
        });
    }

    private static async Task<FakeMessage> PostGroupCard(TestBot bot, long eventId)
    {
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Bot.Commands.Events.EventCards>()
                .Post(Group, eventId, null, Bot.Texts.TextCatalog.German, Urgency.Interactive, CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<BotDbContext>().SaveChangesAsync();
        }

        bot.Services.GetRequiredService<OutboxSignal>().Notify();
        var card = await bot.Api.WaitForMessage(Group, timeout: Bound);
        // Presses find the card to update only once its sending is recorded.
        await Until(() => bot.Db(db => db.Outbox.AnyAsync(o => o.ChatId == Group && o.SentMessageId == card.MessageId)), "the card recorded as sent");
        return card;
    }

    private static Task Until(Func<bool> condition, string what) => Until(() => Task.FromResult(condition()), what);

    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        var started = Stopwatch.StartNew();
        while (!await condition())
        {
            if (started.Elapsed > Bound)
            {
                throw new TimeoutException($"Waited {Bound.TotalSeconds:F0} s for {what}.");
            }

            await Task.Delay(20);
        }
    }

    internal static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
