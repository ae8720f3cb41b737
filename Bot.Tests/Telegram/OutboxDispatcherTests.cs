using Bot.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Bot.Domain.Messaging;
using Bot.Telegram.Outbox;
using Bot.Telegram.Rendering;
using Bot.Tests.Fakes;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Telegram.Bot.Types;

namespace Bot.Tests.Telegram;

/// <summary>The dispatcher as the chats see it: what arrives where, when on the clock, and what becomes of what
/// Telegram refuses. The clock moves only when a test moves it.</summary>
public class OutboxDispatcherTests
{
    /// <summary>The server the tests run on in <see cref="OutboxDispatcherTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private const long Alice = 3001;
    private const long Bob = 3002;
    private const long Carol = 3003;
    private const long Group = -4001;
    private const long Supergroup = -1_000_000_004_001;

    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
    private static readonly OutboxOptions Defaults = new();

    private Task<OutboxRig> Start(IDictionary<string, string?>? limits = null) => OutboxRig.Start(limits, Postgres);

    [Fact]
    public async Task TooManyRequests_PausesEverySend_ForRetryAfter()
    {
        await using var rig = await Start();
        rig.Api.TooManyRequests(retryAfterSeconds: 5, method: "sendMessage");
        await rig.Commit(o => o.Send(Alice, Html.Text("first")));
        await rig.Api.WaitFor(() => rig.Dispatcher.PausedUntil > rig.Clock.GetUtcNow(), what: "the pause");
        await rig.Commit(o =>
        {
            o.Send(Bob, Html.Text("for Bob"));
            o.Send(Carol, Html.Text("for Carol"), urgency: Urgency.Bulk);
            o.Send(Alice, Html.Text("second"));
        });

        var sentDuringPause = new List<int>();
        await rig.AdvanceTo(TimeSpan.FromSeconds(4.9), TimeSpan.FromSeconds(0.7), () => sentDuringPause.Add(Delivered(rig).Count));
        await rig.AdvanceTo(TimeSpan.FromSeconds(6), Tick);

        Assert.All(sentDuringPause, count => Assert.Equal(0, count));
        Assert.Equal(4, Delivered(rig).Count);
        Assert.Equal(["first", "second"], rig.Api.SentMessages(Alice).Select(m => m.Text));
        Assert.Equal([429, 200], rig.Api.RequestsOf("sendMessage").Where(r => r.Text == "first").Select(r => r.StatusCode));
        Assert.All(Delivered(rig), r => Assert.True(SentAt(rig, r) >= TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task TooManyRequests_DuringABroadcast_StopsTheRestOfItAtOnce()
    {
        await using var rig = await Start();
        var chats = Chats(40, from: 10_000);
        await Broadcast(rig, chats, "news");
        await rig.AdvanceTo(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(20));

        rig.Api.TooManyRequests(retryAfterSeconds: 3, method: "sendMessage");
        var limit = rig.Elapsed + TimeSpan.FromSeconds(1);
        while (!rig.Api.RequestsOf("sendMessage").Any(r => r.StatusCode == 429) && rig.Elapsed < limit)
        {
            await rig.Advance(TimeSpan.FromMilliseconds(10)); // the next send, a moment later, gets the 429
        }

        var answered = rig.Elapsed;
        var requestsThen = rig.Api.RequestsOf("sendMessage").Count;
        await rig.AdvanceTo(answered + TimeSpan.FromSeconds(2.99), TimeSpan.FromSeconds(1));
        var requestsDuringPause = rig.Api.RequestsOf("sendMessage").Count - requestsThen;
        await rig.AdvanceTo(answered + TimeSpan.FromSeconds(5), Tick);

        Assert.Equal(0, requestsDuringPause);
        Assert.All(chats, chat => Assert.Single(rig.Api.SentMessages(chat)));
        var limited = rig.Api.RequestsOf("sendMessage").Single(r => r.StatusCode == 429).ChatId!.Value;
        Assert.True(SentAt(rig.Api.SentMessages(limited)[0]) >= answered + TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Blocked_MarksTheChatUnreachable_AndSettlesItsMessagesWithoutRetrying()
    {
        await using var rig = await Start();
        rig.Api.Block(Alice);

        await rig.Commit(o =>
        {
            o.Send(Alice, Html.Text("reminder"), urgency: Urgency.Bulk);
            o.Send(Alice, Html.Text("another reminder"), urgency: Urgency.Bulk);
            o.Send(Alice, Html.Text("your reply"));
            o.Send(Bob, Html.Text("for Bob"), urgency: Urgency.Bulk);
        });
        await rig.WaitForDb(db => db.Outbox.AllAsync(o => o.Status != OutboxStatus.Pending), "nothing left pending");
        await rig.Advance(TimeSpan.FromMinutes(1)); // long past any retry

        var chat = await rig.Db(db => db.Chats.SingleAsync(c => c.ChatId == Alice));
        Assert.True(chat.Unreachable);
        Assert.Contains("blocked", chat.UnreachableReason);
        Assert.All(await StatusesOf(rig, Alice), s => Assert.Equal(OutboxStatus.Undeliverable, s));
        Assert.Single(rig.Api.RequestsOf("sendMessage"), r => r.ChatId == Alice);
        Assert.Equal(["for Bob"], rig.Api.SentMessages(Bob).Select(m => m.Text));
        Assert.False(await rig.Db(db => db.Chats.AnyAsync(c => c.ChatId == Bob && c.Unreachable)));
    }

    [Fact]
    public async Task ChatNotFound_IsTreatedLikeABlockedChat()
    {
        await using var rig = await Start();
        rig.Api.MarkChatNotFound(Alice);

        await rig.Commit(o =>
        {
            o.Send(Alice, Html.Text("reminder"), urgency: Urgency.Bulk);
            o.Send(Alice, Html.Text("another reminder"), urgency: Urgency.Bulk);
            o.Send(Bob, Html.Text("for Bob"), urgency: Urgency.Bulk);
        });
        await rig.WaitForDb(db => db.Outbox.AllAsync(o => o.Status != OutboxStatus.Pending), "nothing left pending");
        await rig.Advance(TimeSpan.FromMinutes(1)); // long past any retry

        var chat = await rig.Db(db => db.Chats.SingleAsync(c => c.ChatId == Alice));
        Assert.True(chat.Unreachable);
        Assert.Contains("chat not found", chat.UnreachableReason);
        Assert.Equal([OutboxStatus.Undeliverable, OutboxStatus.Undeliverable], await StatusesOf(rig, Alice));
        Assert.Single(rig.Api.RequestsOf("sendMessage"), r => r.ChatId == Alice);
        Assert.Equal(["for Bob"], rig.Api.SentMessages(Bob).Select(m => m.Text));
    }

    [Fact]
    public async Task MigratedGroup_GetsTheMessageAtItsNewId_AndSoDoLaterOnes()
    {
        await using var rig = await Start();
        rig.Api.AddGroup(Group, "Ortsverband Nord");
        rig.Api.MigrateGroup(Group, Supergroup);

        await rig.Commit(o => o.Send(Group, Html.Text("first")));
        await rig.Api.WaitForMessage(Supergroup);
        await rig.Commit(o => o.Send(Group, Html.Text("second")));
        await rig.Advance(TimeSpan.FromSeconds(3)); // a group gets a message every 3 s
        await rig.Api.WaitFor(() => rig.Api.SentMessages(Supergroup).Count == 2, what: "both messages in the supergroup");

        Assert.Equal(["first", "second"], rig.Api.SentMessages(Supergroup).Select(m => m.Text));
        Assert.Empty(rig.Api.SentMessages(Group));
        Assert.Single(rig.Api.RequestsOf("sendMessage"), r => r.ChatId == Group);
        var chat = await rig.Db(db => db.Chats.SingleAsync(c => c.ChatId == Group));
        Assert.Equal(Supergroup, chat.MigratedToChatId);
        await rig.WaitForDb(db => db.Outbox.AllAsync(o => o.ChatId == Supergroup && o.Status == OutboxStatus.Sent), "both rows sent");
    }

    [Fact]
    public async Task ServerError_IsRetriedAfterTheBackoff_ThenDelivered()
    {
        await using var rig = await Start();
        rig.Api.ServerError(count: 2, method: "sendMessage");

        await rig.Commit(o => o.Send(Alice, Html.Text("hello")));
        await WaitForSends(rig, 1);
        var attempts = new List<TimeSpan> { TimeSpan.Zero };
        await rig.AdvanceTo(TimeSpan.FromSeconds(5), Tick, () =>
        {
            while (attempts.Count < rig.Api.RequestsOf("sendMessage").Count)
            {
                attempts.Add(rig.Elapsed);
            }
        });

        Assert.Equal([500, 500, 200], rig.Api.RequestsOf("sendMessage").Select(r => r.StatusCode));
        Assert.InRange(attempts[1] - attempts[0], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1) + Defaults.IdlePoll);
        Assert.InRange(attempts[2] - attempts[1], TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2) + Defaults.IdlePoll);
        Assert.Equal(["hello"], rig.Api.SentMessages(Alice).Select(m => m.Text));
        Assert.Equal([OutboxStatus.Sent], await StatusesOf(rig, Alice));
    }

    [Fact]
    public async Task ServerError_OnEveryAttempt_FailsTheRowAfterMaxAttempts()
    {
        await using var rig = await Start(new Dictionary<string, string?> { ["MaxAttempts"] = "3" });
        rig.Api.ServerError(count: 100, method: "sendMessage");

        await rig.Commit(o => o.Send(Alice, Html.Text("hello")));
        await WaitForSends(rig, 1);
        await rig.AdvanceTo(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));
        await rig.Advance(TimeSpan.FromMinutes(1)); // long past any retry

        Assert.Equal(3, rig.Api.RequestsOf("sendMessage").Count);
        var row = await rig.Db(db => db.Outbox.SingleAsync());
        Assert.Equal(OutboxStatus.Failed, row.Status);
        Assert.Equal(3, row.Attempts);
        Assert.Empty(rig.Api.SentMessages(Alice));
    }

    [Fact]
    public async Task CommandMenuFailingWithServerErrors_DoesNotHoldTheRepliesToThatChat()
    {
        await using var rig = await Start();
        rig.Api.ServerError(count: 100, method: "setMyCommands");

        await rig.Commit(o =>
        {
            o.SetCommands(Alice, [new BotCommand { Command = "invite", Description = "Einladen" }]);
            o.Send(Alice, Html.Text("Willkommen"));
        });
        await WaitForSends(rig, 1);
        await rig.AdvanceTo(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1));
        await rig.Commit(o => o.Send(Alice, Html.Text("Dein Einladungslink")));
        await WaitForSends(rig, 2);

        Assert.Equal(["Willkommen", "Dein Einladungslink"], rig.Api.SentMessages(Alice).Select(m => m.Text));
        Assert.All(rig.Api.SentMessages(Alice), m => Assert.True(SentAt(m) <= TimeSpan.FromSeconds(10)));
        Assert.True(rig.Api.RequestsOf("setMyCommands").Count >= 3, "the menu is still retried with backoff");
    }

    [Fact]
    public async Task MessageFailingWithServerErrors_HoldsTheRepliesBehindIt_AboutAMinute_ThenLetsThemPass()
    {
        await using var rig = await Start();
        rig.Api.ServerError(count: 6, method: "sendMessage"); // "first" fails at 0, 1, 3, 7, 15 and 31 s

        await rig.Commit(o =>
        {
            o.Send(Alice, Html.Text("first"));
            o.Send(Alice, Html.Text("second"));
        });
        await WaitForSends(rig, 1);
        var heldUntil = TimeSpan.Zero;
        await rig.AdvanceTo(TimeSpan.FromSeconds(70), TimeSpan.FromSeconds(1), () =>
        {
            if (rig.Api.SentMessages(Alice).Count == 0)
            {
                heldUntil = rig.Elapsed;
            }
        });

        Assert.Equal(["second", "first"], rig.Api.SentMessages(Alice).Select(m => m.Text));
        Assert.InRange(SentAt(rig.Api.SentMessages(Alice)[0]), Defaults.FailingMessageHold, Defaults.FailingMessageHold + TimeSpan.FromSeconds(2));
        Assert.True(heldUntil >= Defaults.FailingMessageHold - TimeSpan.FromSeconds(1), "the order is kept for the first minute");
        Assert.Equal([OutboxStatus.Sent, OutboxStatus.Sent], await StatusesOf(rig, Alice));
    }

    [Fact]
    public async Task BroadcastTo90Chats_GoesOutAt30PerSecond_NeverMoreInAnySecond()
    {
        await using var rig = await Start(new Dictionary<string, string?> { ["GlobalPerSecond"] = "30" });
        var chats = Chats(90, from: 20_000);

        await Broadcast(rig, chats, "Einladung");
        await WaitForSends(rig, 3);
        var sent = new List<(TimeSpan At, int Count)> { (rig.Elapsed, Delivered(rig).Count) };
        await rig.AdvanceTo(TimeSpan.FromSeconds(4), Tick, () => sent.Add((rig.Elapsed, Delivered(rig).Count)));

        Assert.All(chats, chat => Assert.Single(rig.Api.SentMessages(chat)));
        // Answered at once on this clock: 30 in each second, 90 in about 3 s.
        Assert.InRange(sent.First(s => s.Count == 90).At, TimeSpan.FromSeconds(2.9), TimeSpan.FromSeconds(3.6));
        // The pacer's small burst cannot add to what Telegram counts.
        Assert.True(MostWithin(sent, TimeSpan.FromSeconds(1)) <= 30);
    }

    [Fact]
    public async Task CallbackAnswers_CommittedBehindHundredsOfReplies_AreAnsweredAtOnce()
    {
        await using var rig = await Start();
        var card = await GroupCard(rig);
        await rig.Commit(o =>
        {
            foreach (var chat in Chats(300, from: 30_000))
            {
                o.Send(chat, Html.Text("Deine Antwort ist gespeichert."));
            }
        });
        await WaitForSends(rig, 3);

        var presses = Enumerable.Range(1, 100).Select(i => rig.Api.UserPresses(40_000 + i, Group, card, "rsvp").CallbackQuery!.Id).ToList();
        await rig.Commit(o => presses.ForEach(id => o.AnswerCallback(id, "✅")));
        await rig.Advance(Tick);

        Assert.All(presses, id => Assert.NotNull(rig.Api.AnswerTo(id)));
        Assert.InRange(Delivered(rig).Count, 3, 30); // the replies go on at their pace meanwhile
    }

    [Fact]
    public async Task FiveHundredEditsOfOneCard_ShowTheLatestCount_InAFewRequests()
    {
        await using var rig = await Start();
        var card = await GroupCard(rig);

        for (var press = 1; press <= 500; press += 100)
        {
            var first = press;
            await rig.Commit(o =>
            {
                for (var i = first; i < first + 100; i++)
                {
                    o.Edit(Group, card, Html.Text($"✅ {i}"));
                }
            });
        }

        await rig.AdvanceTo(rig.Elapsed + TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1));

        Assert.Equal("✅ 500", rig.Api.ShownMessage(Group, card)!.Text);
        Assert.InRange(rig.Api.RequestsOf("editMessageText").Count, 1, 5);
        Assert.Equal(0, await rig.Db(db => db.Outbox.CountAsync(o => o.Status == OutboxStatus.Pending)));
    }

    [Fact]
    public async Task Broadcast_RecordsEachMessageAsSent_SoonAfterTelegramTookIt()
    {
        await using var rig = await Start();
        await Broadcast(rig, Chats(90, from: 50_000), "Erinnerung");
        await WaitForSends(rig, 3);

        var mostUnrecorded = 0;
        while (Delivered(rig).Count < 90 && rig.Elapsed < TimeSpan.FromSeconds(6))
        {
            await rig.Advance(Tick);
            var recorded = await rig.Db(db => db.Outbox.CountAsync(o => o.Status == OutboxStatus.Sent));
            mostUnrecorded = Math.Max(mostUnrecorded, Delivered(rig).Count - recorded);
        }

        // A crash now would send again only what Telegram took and the bot has not yet recorded: a few, not a batch.
        Assert.Equal(90, Delivered(rig).Count);
        Assert.InRange(mostUnrecorded, 0, 4);
    }

    [Fact]
    public async Task OnePrivateChat_GetsItsBurst_ThenOneMessagePerSecond()
    {
        await using var rig = await Start();

        await rig.Commit(o =>
        {
            for (var i = 1; i <= 8; i++)
            {
                o.Send(Alice, Html.Text($"news {i}"), urgency: Urgency.Bulk);
            }
        });
        var burst = Defaults.PerChatBurst;
        await WaitForSends(rig, burst);
        var shown = new List<int> { rig.Api.SentMessages(Alice).Count };
        await rig.AdvanceTo(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(0.5), () => shown.Add(rig.Api.SentMessages(Alice).Count));

        // Every half second: the burst at once, then one more each full second.
        Assert.Equal(Enumerable.Range(0, 11).Select(half => Math.Min(8, burst + (half / 2))), shown);
        Assert.Equal(Enumerable.Range(1, 8).Select(i => $"news {i}"), rig.Api.SentMessages(Alice).Select(m => m.Text));
    }

    [Fact]
    public async Task FormalNotice_OvertakesRemindersQueuedEarlier_ButNotAReplyToTheMember()
    {
        await using var rig = await Start();

        await rig.Commit(o =>
        {
            o.Send(Alice, Html.Text("reminder 1"), urgency: Urgency.Bulk);
            o.Send(Alice, Html.Text("reminder 2"), urgency: Urgency.Bulk);
            o.Send(Alice, Html.Text("notice 1"), urgency: Urgency.Formal);
            o.Send(Alice, Html.Text("notice 2"), urgency: Urgency.Formal);
            o.Send(Alice, Html.Text("reply"));
        });
        await WaitForSends(rig, 1);
        await rig.AdvanceTo(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(0.5));

        Assert.Equal(["reply", "notice 1", "notice 2", "reminder 1", "reminder 2"], rig.Api.SentMessages(Alice).Select(m => m.Text));
    }

    [Fact]
    public async Task GroupChat_GetsAtMost20MessagesPerMinute()
    {
        await using var rig = await Start();
        rig.Api.AddGroup(Group, "Ortsverband Nord");

        await rig.Commit(o =>
        {
            for (var i = 1; i <= 25; i++)
            {
                o.Send(Group, Html.Text($"Termin {i}"), urgency: Urgency.Bulk);
            }
        });
        await WaitForSends(rig, 1);
        var sent = new List<(TimeSpan At, int Count)> { (rig.Elapsed, rig.Api.SentMessages(Group).Count) };
        await rig.AdvanceTo(TimeSpan.FromSeconds(75), TimeSpan.FromSeconds(1), () => sent.Add((rig.Elapsed, rig.Api.SentMessages(Group).Count)));

        Assert.Equal(20, sent.Single(s => s.At == TimeSpan.FromSeconds(59)).Count);
        Assert.Equal(20, MostWithin(sent, TimeSpan.FromMinutes(1)));
        Assert.Equal(Enumerable.Range(1, 25).Select(i => $"Termin {i}"), rig.Api.SentMessages(Group).Select(m => m.Text));
    }

    [Fact]
    public async Task InteractiveReply_DuringABroadcastTo5000Chats_GoesOutWithinTwoSeconds()
    {
        await using var rig = await Start();
        var chats = Chats(5000, from: 100_000);
        await Broadcast(rig, chats, "Aufruf");
        await WaitForSends(rig, 3);
        await rig.AdvanceTo(TimeSpan.FromSeconds(1), Tick);

        var bulkBefore = Delivered(rig).Count;
        await rig.Commit(o => o.Send(Alice, Html.Text("Deine Anmeldung ist gespeichert.")));
        var committed = rig.Elapsed;
        TimeSpan? replied = null;
        await rig.AdvanceTo(committed + TimeSpan.FromSeconds(2), Tick, () =>
            replied ??= rig.Api.SentMessages(Alice).Count > 0 ? rig.Elapsed - committed : null);
        var sends = rig.Api.RequestsOf("sendMessage");
        var bulkAhead = sends.TakeWhile(r => r.ChatId != Alice).Count();

        Assert.NotNull(replied);
        Assert.InRange(replied.Value, TimeSpan.Zero, TimeSpan.FromSeconds(2));
        // The reply is the next send decided after its commit; the fake records requests as it answers them, and
        // the few decided in the same instant of the clock may be answered in either order.
        Assert.InRange(bulkAhead, bulkBefore, bulkBefore + 4);
        Assert.True(sends.Count - bulkAhead > 30, "the broadcast goes on after the reply");
        Assert.True(await rig.Db(db => db.Outbox.CountAsync(o => o.Status == OutboxStatus.Pending)) > 4800);
    }

    [Fact]
    public async Task LongMessage_ArrivesInOrder_EvenWhenItsFirstPartIsRetried()
    {
        await using var rig = await Start();
        var text = string.Join('\n', Enumerable.Range(1, 110).Select(i => $"Zeile {i}: " + new string('x', 90)));
        rig.Api.ServerError(count: 1, method: "sendMessage");

        await rig.Commit(o => o.Send(Alice, Html.Text(text)));
        await WaitForSends(rig, 1);
        var beforeRetry = rig.Api.SentMessages(Alice).Count;
        await rig.Advance(TimeSpan.FromSeconds(1));
        await rig.Api.WaitFor(() => rig.Api.SentMessages(Alice).Count == 3, what: "three parts");

        Assert.Equal(0, beforeRetry);
        Assert.Equal(text, string.Join('\n', rig.Api.SentMessages(Alice).Select(m => m.Text)));
        Assert.Equal([500, 200, 200, 200], rig.Api.RequestsOf("sendMessage").Select(r => r.StatusCode));
    }

    [Fact]
    public async Task PressedCard_WhoseEditALaterBulkRefreshOvertook_IsUpdatedWithinTwoSeconds_DuringABroadcast()
    {
        await using var rig = await Start();
        await rig.Commit(o => o.Send(Alice, Html.Text("Zusagen: 0")));
        var card = await rig.Api.WaitForMessage(Alice);
        await Broadcast(rig, Chats(300, from: 100_000), "Aufruf");

        // The press edits Alice's card at once; the refresh of every copy, a moment later, edits it again as bulk.
        await rig.Commit(o => o.Edit(Alice, card.MessageId, Html.Text("Zusagen: 1")));
        await rig.Commit(o => o.Edit(Alice, card.MessageId, Html.Text("Zusagen: 1 (alle)"), urgency: Urgency.Bulk));
        var committed = rig.Elapsed;
        await rig.AdvanceTo(committed + TimeSpan.FromSeconds(2), Tick);

        Assert.Equal("Zusagen: 1 (alle)", rig.Api.ShownMessage(Alice, card.MessageId)!.Text);
        Assert.True(await rig.Db(db => db.Outbox.CountAsync(o => o.Status == OutboxStatus.Pending)) > 200, "the broadcast is still going out");
    }

    [Fact]
    public async Task AnswersThatCannotBeRecorded_HoldBackFurtherSends_SoACrashWouldRepeatAtMostTheRequestsInFlight()
    {
        await using var rig = await Start(new Dictionary<string, string?> { ["MaxConcurrency"] = "4", ["GlobalPerSecond"] = "1000" });
        var plan = rig.Api.Faults = new FaultPlan(1);
        plan.HoldAfter(0);
        var chats = Chats(20, from: 70_000);

        await Broadcast(rig, chats, "Aufruf");
        await rig.Api.WaitFor(() => plan.Held == 4, what: "four requests delivered and unanswered");
        await using (await rig.HoldWriter())
        {
            plan.Release();
            // Answered, but the writer is taken: recording them waits out SQLite's busy timeout and fails.
            await rig.Api.WaitFor(() => rig.Logs.Entries.Any(l => l.Text.Contains("Outbox pass failed")), TimeSpan.FromSeconds(60), "the record failing");

            Assert.Equal(4, rig.Api.RequestsOf("sendMessage").Count);
        }

        // The failed pass rests a second before it records again; then the rest go, each once.
        await Task.Run(() => rig.Clock.Advance(TimeSpan.FromSeconds(1)));
        await rig.Api.WaitFor(() => chats.All(chat => rig.Api.SentMessages(chat).Count > 0), what: "the whole broadcast");
        await rig.Settle();
        Assert.All(chats, chat => Assert.Single(rig.Api.SentMessages(chat)));
    }

    [Fact]
    public async Task EditsSavedOneAfterAnotherOutsideATransaction_AreEachCommitted_AndTheLastIsShown()
    {
        await using var rig = await Start();
        await rig.Commit(o => o.Send(Alice, Html.Text("Zusagen: 0")));
        var card = await rig.Api.WaitForMessage(Alice);
        // Resting, with the card's answer recorded: a pass still running could read the first edit before the second
        // is saved, and rightly send it.
        await rig.Dispatcher.Idle(CancellationToken.None);

        await using (var scope = rig.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<OutboxWriter>();
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            outbox.Edit(Alice, card.MessageId, Html.Text("Zusagen: 1"));
            await db.SaveChangesAsync();
            // The transaction the first save was given is finished: the second save is not swallowed by it.
            Assert.Null(db.Database.CurrentTransaction);
            outbox.Edit(Alice, card.MessageId, Html.Text("Zusagen: 2"));
            await db.SaveChangesAsync();
        }

        rig.Services.GetRequiredService<OutboxSignal>().Notify();
        await rig.Api.WaitFor(() => rig.Api.ShownMessage(Alice, card.MessageId)?.Text == "Zusagen: 2", what: "the last edit");
        var edits = await rig.Db(db => db.Outbox.Where(o => o.Kind == OutboxKind.EditMessageText).OrderBy(o => o.Id).Select(o => o.Status).ToListAsync());
        Assert.Equal(OutboxStatus.Superseded, edits[0]);
    }

    [Fact]
    public async Task ThreePendingEditsOfOneMessage_ShowTheLastText()
    {
        await using var rig = await Start();
        await rig.Commit(o => o.Send(Alice, Html.Text("Zusagen: 0")));
        var card = await rig.Api.WaitForMessage(Alice);

        await rig.Commit(o =>
        {
            for (var i = 1; i <= 3; i++)
            {
                o.Edit(Alice, card.MessageId, Html.Text($"Zusagen: {i}"));
            }
        });
        await rig.Api.WaitFor(() => rig.Api.ShownMessage(Alice, card.MessageId)?.Text == "Zusagen: 3", what: "the last edit");
        await rig.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal("Zusagen: 3", rig.Api.ShownMessage(Alice, card.MessageId)!.Text);
        Assert.Single(rig.Api.RequestsOf("editMessageText"));
        await rig.WaitForDb(db => db.Outbox.AnyAsync(o => o.Kind == OutboxKind.EditMessageText && o.Status == OutboxStatus.Sent), "the last edit recorded");
        var edits = await rig.Db(db => db.Outbox.Where(o => o.Kind == OutboxKind.EditMessageText).OrderBy(o => o.Id).Select(o => o.Status).ToListAsync());
        Assert.Equal([OutboxStatus.Superseded, OutboxStatus.Superseded, OutboxStatus.Sent], edits);
    }

    [Fact]
    public async Task IdleDispatcher_SaysWhenTheGroupsNextMessageMayGo_AndSendsItThen()
    {
        await using var rig = await Start(new Dictionary<string, string?> { ["IdlePoll"] = "00:00:10" });
        await rig.Commit(o =>
        {
            o.Send(Group, Html.Text("first"));
            o.Send(Group, Html.Text("second"));
        });

        var until = await rig.Dispatcher.Idle(CancellationToken.None);
        var before = rig.Api.SentMessages(Group).Count;
        await rig.Advance(until - rig.Clock.GetUtcNow());

        Assert.Equal(rig.Clock.GetUtcNow(), until);
        Assert.Equal(TimeSpan.FromSeconds(3), rig.Elapsed);
        Assert.Equal(1, before);
        Assert.Equal(["first", "second"], rig.Api.SentMessages(Group).Select(m => m.Text));
    }

    [Fact]
    public async Task UnparsableHtml_FailsWithoutRetry_AndTheNextRowsGoOut()
    {
        await using var rig = await Start();

        await rig.Insert(
            Row(Alice, "<b>unclosed"),
            Row(Alice, "<b>closed</b>"),
            Row(Bob, "hello Bob"));
        await rig.Api.WaitFor(() => rig.Api.SentMessages(Alice).Count == 1 && rig.Api.SentMessages(Bob).Count == 1, what: "the next rows");
        await rig.Advance(TimeSpan.FromMinutes(1)); // long past any retry

        var broken = await rig.Db(db => db.Outbox.SingleAsync(o => o.Text == "<b>unclosed"));
        Assert.Equal(OutboxStatus.Failed, broken.Status);
        Assert.Equal(1, broken.Attempts);
        Assert.Contains("can't parse entities", broken.LastError);
        Assert.Single(rig.Api.RequestsOf("sendMessage"), r => r.Text == "<b>unclosed");
        Assert.Equal("closed", rig.Api.SentMessages(Alice)[0].Text);
        Assert.False(await rig.Db(db => db.Chats.AnyAsync(c => c.Unreachable)));
        Assert.Contains(rig.Logs.Entries, l => l.Level == LogLevel.Warning && l.Text.Contains("can't parse entities"));
    }

    /// <summary>A card posted in the group, as members see it: returns its message id.</summary>
    private static async Task<long> GroupCard(OutboxRig rig)
    {
        await rig.Commit(o => o.Send(Group, Html.Text("✅ 0")));
        return (await rig.Api.WaitForMessage(Group)).MessageId;
    }

    private static long[] Chats(int count, long from) =>
        Enumerable.Range(1, count).Select(i => from + i).ToArray();

    /// <summary>Bulk messages to many chats in one unit of work, as an announcement queues them.</summary>
    private static Task Broadcast(OutboxRig rig, IEnumerable<long> chats, string text) =>
        rig.Commit(o =>
        {
            foreach (var chat in chats)
            {
                o.Send(chat, Html.Text(text), urgency: Urgency.Bulk);
            }
        });

    /// <summary>Waits for what the dispatcher sends at once, so the clock moves only after it went out.</summary>
    private static async Task WaitForSends(OutboxRig rig, int count)
    {
        await rig.Api.WaitFor(() => rig.Api.RequestsOf("sendMessage").Count >= count, what: $"{count} sends");
        await rig.Settle();
    }

    /// <summary>The most messages sent within any <paramref name="window"/> of clock time, from the counts taken after
    /// each step of the clock (the messages of the first count excluded).</summary>
    private static int MostWithin(List<(TimeSpan At, int Count)> counts, TimeSpan window) =>
        counts.Max(start => counts.Where(c => c.At <= start.At + window).Max(c => c.Count) - start.Count);

    private static List<RecordedRequest> Delivered(OutboxRig rig) =>
        rig.Api.RequestsOf("sendMessage").Where(r => r.Succeeded).ToList();

    /// <summary>Clock time after the start at which the fake received the message.</summary>
    private static TimeSpan SentAt(FakeMessage message) => message.Date - FakeTimeProvider.DefaultStart;

    private static TimeSpan SentAt(OutboxRig rig, RecordedRequest request) =>
        SentAt(rig.Api.SentMessages(request.ChatId!.Value).Single(m => m.Source == request.Text));

    private static Task<List<OutboxStatus>> StatusesOf(OutboxRig rig, long chatId) =>
        rig.Db(db => db.Outbox.Where(o => o.ChatId == chatId).OrderBy(o => o.Id).Select(o => o.Status).ToListAsync());

    private static OutboxMessage Row(long chatId, string html) =>
        new() { Kind = OutboxKind.SendMessage, ChatId = chatId, Text = html, Urgency = Urgency.Interactive };
}

[Collection(PostgreSqlServer.Collection)]
public sealed class OutboxDispatcherTestsOnPostgreSql(PostgreSqlServer postgres) : OutboxDispatcherTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
