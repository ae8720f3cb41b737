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
                // A small run first, not reported: the first host in a process pays for JIT compilation and EF's model.
                await Presses(50, report: false);
                await Presses(members, report: true);
                return 0;
            case "webhook":
                await Presses(50, report: false, webhook: true);
                await Presses(members, report: true, webhook: true);
                return 0;
            case "help":
                await HelpDuringFanOut(members);
                return 0;
            case "minute":
                await Presses(50, report: false);
                await PressesOverAMinute(members);
                return 0;
            case "edits":
                await Presses(20, report: false);
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
    /// keeps a chat's order); intake is then split into accepted (answered 200, stored) and applied.</remarks>
    private static async Task Presses(int members, bool report, bool webhook = false)
    {
        await using var bot = await Start(webhook);
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

        var started = Stopwatch.StartNew();
        var presses = Enumerable.Range(0, members).Select(i => bot.Api.UserPresses(FirstUserId + i, Group, card.MessageId, yes)).ToList();
        await Until(() => bot.Api.PendingUpdateCount == 0, "every press confirmed");
        var accepted = started.Elapsed;
        await Until(() => bot.Db(db => db.WebhookInbox.AnyAsync()).ContinueWith(t => !t.Result), "every press applied");
        var confirmed = started.Elapsed;
        await Until(() => presses.All(p => bot.Api.AnswerTo(p.CallbackQuery!.Id) is not null), "every press answered");
        var answered = started.Elapsed;

        var ids = presses.Select(p => (long)p.Id).ToList();
        var processed = await bot.Db(db => db.ProcessedUpdates.CountAsync(p => ids.Contains(p.UpdateId)));
        var yesCount = await bot.Db(db => db.Rsvps.CountAsync(r => r.EventId == eventId && r.Answer == Answer.Yes));
        if (processed != members || yesCount != members)
        {
            throw new InvalidOperationException($"{processed} presses processed and {yesCount} yes answers recorded, not {members} each.");
        }

        if (!report)
        {
            return;
        }

        var waits = presses
            .Select(p => (bot.Api.AnswerTo(p.CallbackQuery!.Id)!.AnsweredAt - bot.Api.DeliveredAt(p.Id)!.Value).TotalMilliseconds)
            .Order()
            .ToList();
        var cardEdits = bot.Api.RequestsOf("editMessageText").Count(r => r.ChatId == Group);
        if (webhook)
        {
            Report.Line(string.Create(Invariant, $"(w) webhook intake, machinery alone: {members:N0} empty updates answered 200 in {idleAccepted.TotalSeconds:F2} s = {members / idleAccepted.TotalSeconds:F0} updates/s, all applied after {idleConfirmed.TotalSeconds:F2} s = {members / idleConfirmed.TotalSeconds:F0} updates/s"));
            Report.Line(string.Create(Invariant, $"(w) webhook intake: {members:N0} presses in one group answered 200 in {accepted.TotalSeconds:F2} s = {members / accepted.TotalSeconds:F0} updates/s, all applied after {confirmed.TotalSeconds:F2} s = {members / confirmed.TotalSeconds:F0} updates/s (all answered after {answered.TotalSeconds:F2} s)"));
            Report.Line(string.Create(Invariant, $"(w) callback answer after the webhook's 200: p50 {Percentile(waits, 0.50):F0} ms, p99 {Percentile(waits, 0.99):F0} ms, max {waits[^1]:F0} ms; group card edits sent meanwhile: {cardEdits}"));
            return;
        }

        Report.Line(string.Create(Invariant, $"(a) intake, machinery alone: {members:N0} updates with nothing to do confirmed in {idleConfirmed.TotalSeconds:F2} s = {members / idleConfirmed.TotalSeconds:F0} updates/s"));
        Report.Line(string.Create(Invariant, $"(a) intake: {members:N0} presses confirmed in {confirmed.TotalSeconds:F2} s = {members / confirmed.TotalSeconds:F0} updates/s (all answered after {answered.TotalSeconds:F2} s)"));
        Report.Line(string.Create(Invariant, $"(b) callback answer after delivery: p50 {Percentile(waits, 0.50):F0} ms, p99 {Percentile(waits, 0.99):F0} ms, max {waits[^1]:F0} ms; group card edits sent meanwhile: {cardEdits}"));
    }

    /// <summary>(f) The "done when": every member presses ✅ on the card in their own private chat, the presses
    /// spread evenly over one minute. Per press: the wait for the callback answer and for the edit of the pressed
    /// card (its counts), each from the fake handing the update out; then how long the other copies take to catch
    /// up with the last press, paced at Telegram's 30 messages per second.</summary>
    private static async Task PressesOverAMinute(int members)
    {
        await using var bot = await Start();
        var eventId = await Seed(bot, members, answered: false);
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            var cards = scope.ServiceProvider.GetRequiredService<Bot.Commands.Events.EventCards>();
            var chapters = scope.ServiceProvider.GetRequiredService<ChapterService>();
            for (var i = 0; i < members; i++)
            {
                var user = FirstUserId + i;
                await cards.Post(user, eventId, await chapters.PermissionsOf(user, CancellationToken.None), Bot.Texts.TextCatalog.German, Urgency.Bulk, CancellationToken.None);
            }

            await scope.ServiceProvider.GetRequiredService<BotDbContext>().SaveChangesAsync();
        }

        bot.Services.GetRequiredService<OutboxSignal>().Notify();
        await Until(() => bot.Db(db => db.Outbox.CountAsync(o => o.ChatId >= FirstUserId && o.SentMessageId != null)).ContinueWith(t => t.Result == members), "every private card sent");
        var cardOf = Enumerable.Range(0, members).ToDictionary(i => FirstUserId + i, i => bot.Api.SentMessages(FirstUserId + i).Single());
        var yes = cardOf[FirstUserId].Buttons.First(b => b.Text.StartsWith('✅')).CallbackData!;

        var spacing = TimeSpan.FromMinutes(1) / members;
        var started = Stopwatch.StartNew();
        var presses = new List<global::Telegram.Bot.Types.Update>();
        for (var i = 0; i < members; i++)
        {
            var user = FirstUserId + i;
            presses.Add(bot.Api.UserPresses(user, user, cardOf[user].MessageId, yes));
            var next = spacing * (i + 1) - started.Elapsed;
            if (next > TimeSpan.Zero)
            {
                await Task.Delay(next);
            }
        }

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

        var edits = bot.Api.RequestsOf("editMessageText").Concat(bot.Api.RequestsOf("editMessageReplyMarkup")).Where(r => r.Succeeded).ToList();
        var answers = new List<double>();
        var cardEdits = new List<double>();
        foreach (var press in presses)
        {
            var user = press.CallbackQuery!.From.Id;
            var delivered = bot.Api.DeliveredAt(press.Id)!.Value;
            answers.Add((bot.Api.AnswerTo(press.CallbackQuery.Id)!.AnsweredAt - delivered).TotalMilliseconds);
            var edit = edits.Where(r => r.ChatId == user && r.ReceivedAt >= delivered).MinBy(r => r.ReceivedAt)
                ?? throw new InvalidOperationException($"The card of {user} was not edited after the press.");
            cardEdits.Add((edit.ReceivedAt - delivered).TotalMilliseconds);
        }

        answers.Sort();
        cardEdits.Sort();
        var refused = bot.Api.RequestsOf("editMessageText").Where(r => !r.Succeeded).GroupBy(r => r.Description).Select(g => $"{g.Count()}× {g.Key}");
        Report.Line("refused edits: " + string.Join("; ", refused));
        Report.Line(string.Create(Invariant, $"(f) {members:N0} members press ✅ on their own cards over {pressed.TotalSeconds:F0} s: callback answer p50 {Percentile(answers, 0.50):F0} ms, p99 {Percentile(answers, 0.99):F0} ms, max {answers[^1]:F0} ms; pressed card edited p50 {Percentile(cardEdits, 0.50):F0} ms, p99 {Percentile(cardEdits, 0.99):F0} ms; every other copy current {caughtUp.TotalSeconds:F1} s after the last press ({edits.Count:N0} edits in all)"));
    }

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

    private static Task<TestBot> Start(bool webhook = false)
    {
        var settings = new Dictionary<string, string?> { ["Bot:QuietHours"] = "" };
        // Production logs at Information at most; capturing every debug line in memory would be measured too.
        void Quieter(IServiceCollection services) => services.Configure<LoggerFilterOptions>(o => o.MinLevel = LogLevel.Warning);
        return webhook ? TestBot.StartWithWebhook(settings, Quieter) : TestBot.Start(settings, Quieter);
    }

    /// <summary>An event in the root chapter, whose group is <see cref="Group"/>, and its members, every private chat
    /// open; with <paramref name="answered"/> everyone said yes a day before <paramref name="startsAt"/>.</summary>
    private static async Task<long> Seed(TestBot bot, int members, bool answered, DateTime? startsAt = null)
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
                var userId = FirstUserId + i;
                db.Members.Add(new Member { UserId = userId, DisplayName = $"Mitglied {i}", JoinedAt = before, ConsentedAt = before });
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

    private static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
