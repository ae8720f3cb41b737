using System.Globalization;
using Bot.Commands.Callbacks;
using Bot.Commands.Notices;
using Bot.Domain.Chapters;
using Bot.Domain.Notices;
using Bot.Telegram.Outbox;
using Bot.Tests.Chapters;
using Bot.Tests.Fakes;
using Bot.Tests.Groups;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Notices;

/// <summary>/notice through the whole host and the fake Bot API, on a clock that stands at Monday 1 June 2026,
/// 10:00 in Berlin: with the default 14 days' notice, 16 June is the earliest meeting day.</summary>
public class NoticeJourneyTests
{
    /// <summary>The server the tests run on in <see cref="NoticeJourneyTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private const long Olga = 4101;
    private const long Alice = 4102;
    private const long Bob = 4103;
    private const long Carl = 4104;
    private const long Dora = 4105;
    private const long Eve = 4106;

    private static readonly DateTimeOffset Monday = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    // Olga organizes the Landesverband and the Kiez below it; a notice that names no chapter gets the question which.
    private const string Line = "/notice Kreisparteitag | 20.06.2026 19:00 | Bürgerhaus | Begrüßung; Wahlen; Verschiedenes | chapter=Landesverband";

    [Fact]
    public async Task Notice_InTime_ReachesEveryMemberOfTheChapterTree_WhoConfirmsWithOnePress()
    {
        await using var bot = await Started();

        var reply = await bot.Ask(Olga, Line);
        var notice = await bot.Api.WaitForMessage(Alice, m => m.Text.StartsWith("📜", StringComparison.Ordinal));
        var inSubChapter = await bot.Api.WaitForMessage(Bob, m => m.Text.StartsWith("📜", StringComparison.Ordinal));
        var press = bot.Api.UserPresses(Alice, Alice, notice.MessageId, notice.Button("✅ Erhalt bestätigen").CallbackData!);
        await bot.Api.WaitFor(() => bot.Api.AnswerTo(press.CallbackQuery!.Id) is not null);

        Assert.Contains("geht an 6 Mitglieder", reply.Text);
        Assert.StartsWith("📜 Einladung: Kreisparteitag\nHiermit lädt Landesverband alle Mitglieder ein.", notice.Text);
        Assert.Contains("1. Begrüßung\n2. Wahlen\n3. Verschiedenes", notice.Text);
        Assert.Contains("Ladungsfrist: 14 Tage.", notice.Text);
        Assert.Equal(notice.Text, inSubChapter.Text);
        Assert.StartsWith("Danke! Erhalt bestätigt", bot.Api.AnswerTo(press.CallbackQuery!.Id)!.Text);
        var confirmed = await bot.Db(db => db.NoticeDeliveries.SingleAsync(d => d.UserId == Alice));
        Assert.Equal(Monday.UtcDateTime, confirmed.ConfirmedAt);
        Assert.Equal("Kreisparteitag", (await bot.Db(db => db.Events.SingleAsync())).Title);
    }

    [Fact]
    public async Task Notice_TooLate_IsRefusedWithTheLastDay_AndNothingIsSent()
    {
        await using var bot = await Started();

        var reply = await bot.Ask(Olga, "/notice Kreisparteitag | 15.06.2026 19:00 | Bürgerhaus | Wahlen | chapter=Landesverband");

        Assert.Contains("Der letzte Tag zum Einladen war der 31.05.2026.", reply.Text);
        Assert.Contains("shortened=", reply.Text);
        Assert.Equal(0, await bot.Db(db => db.Events.CountAsync()));
        Assert.Equal(0, await bot.Db(db => db.Notices.CountAsync()));
        Assert.Empty(bot.Api.SentMessages(Alice));
    }

    [Fact]
    public async Task Notice_ShortenedWithAReason_GoesToAll_AndStatesTheReason()
    {
        await using var bot = await Started();

        await bot.Ask(Olga, "/notice Außerordentlicher Kreisparteitag | 12.06.2026 19:00 | Bürgerhaus | Wahlen | shortened=Rücktritt des Vorstands | chapter=Landesverband");
        var notice = await bot.Api.WaitForMessage(Alice, m => m.Text.StartsWith("📜", StringComparison.Ordinal));
        await bot.Api.WaitForMessage(Bob, m => m.Text.StartsWith("📜", StringComparison.Ordinal));

        Assert.Contains("⚠️ Mit verkürzter Ladungsfrist. Grund: Rücktritt des Vorstands", notice.Text);
    }

    [Fact]
    public async Task Status_ListsBlockedAndNeverStartedMembersAsNotReached_AndSendsTheRecordAsCsv()
    {
        await using var bot = await Started();
        await bot.Ask(Olga, Line);
        await RecordSettled(bot, 6);

        var status = await bot.Ask(Olga, "/notice status");
        var csv = await bot.Api.WaitForMessage(Olga, m => m.Document is not null);

        Assert.Contains("6 Mitglieder · 3 zugestellt · 0 bestätigt · 3 nicht erreicht · 0 ausstehend", status.Text);
        Assert.Contains("• Carl Clausen: hat den Bot nie gestartet", status.Text);
        Assert.Contains("• Dora Dorn: hat den Bot blockiert", status.Text);
        Assert.DoesNotContain("Alice", status.Text);
        var lines = csv.Document!.Content.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(7, lines.Length);
        var issue = await bot.Db(db => db.NoticeIssues.SingleAsync());
        Assert.Equal(NoticeService.Sha256Of(issue.Text), issue.Sha256);
        var alice = Assert.Single(lines, l => l.Contains("Alice Amsel", StringComparison.Ordinal));
        Assert.Contains(issue.Sha256, alice);
        Assert.Contains("2026-06-01T08:00:00Z", alice);
        Assert.EndsWith(",hat den Bot nie gestartet", Assert.Single(lines, l => l.Contains("Carl", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Record_MemberWhoBlocksTheBotWhileTheNoticeWaits_IsNotReachedBecauseBlocked()
    {
        await using var bot = await Started();
        // Telegram fails every send for a while; on the fake clock the retries never come due, so the notice waits.
        bot.Api.ServerError(count: 50, method: "sendMessage");
        bot.Api.UserSends(Olga, Olga, Line);
        await bot.Api.WaitFor(
            () => bot.Db(db => db.Outbox.AnyAsync(o => o.ChatId == Alice && o.Tag!.StartsWith("notice:") && o.Attempts > 0
                && o.Status == OutboxStatus.Pending)).GetAwaiter().GetResult(),
            what: "Alice's notice waiting for its retry");

        bot.BotStatusChanges(Alice, "member", "kicked", byUserId: Alice);
        await bot.Api.WaitFor(
            () => bot.Db(db => db.NoticeDeliveries.AnyAsync(d => d.UserId == Alice && d.NotReached != null)).GetAwaiter().GetResult(),
            what: "Alice's line of the record settled");

        var alice = await bot.Db(db => db.NoticeDeliveries.SingleAsync(d => d.UserId == Alice));
        Assert.Equal(NotReached.Blocked, alice.NotReached);
        Assert.Null(alice.HandedAt);
        Assert.DoesNotContain(bot.Api.SentMessages(Alice), m => m.Text.StartsWith("📜", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HalfwayReminder_ReachesEachUnconfirmedMemberExactlyOnce_AcrossARestart()
    {
        await using var bot = await Started();
        await bot.Ask(Olga, Line);
        await RecordSettled(bot, 6);
        var notice = await bot.Api.WaitForMessage(Alice, m => m.Text.StartsWith("📜", StringComparison.Ordinal));
        var press = bot.Api.UserPresses(Alice, Alice, notice.MessageId, notice.Button("✅ Erhalt bestätigen").CallbackData!);
        await bot.Api.WaitFor(() => bot.Api.AnswerTo(press.CallbackQuery!.Id) is not null);
        var halfway = new DateTimeOffset(await bot.Db(db => db.NoticeIssues.Select(i => i.RemindAt).SingleAsync()), TimeSpan.Zero);

        var early = await RemindUnconfirmed(bot, halfway - TimeSpan.FromMinutes(15));
        var due = await RemindUnconfirmed(bot, halfway);
        await bot.Restart();
        var sameFiring = await RemindUnconfirmed(bot, halfway);
        var nextFiring = await RemindUnconfirmed(bot, halfway + TimeSpan.FromMinutes(15));

        Assert.Equal((0, 0, 0), (early, sameFiring, nextFiring));
        Assert.True(due >= 2, $"{due} reminded"); // Bob and Olga at least; Alice confirmed, Carl and Dora were not reached
        var queued = await bot.Db(db => db.Outbox.Where(o => o.Text!.StartsWith("⏰")).Select(o => o.ChatId).ToListAsync());
        Assert.Equal(due, queued.Count);
        Assert.Single(queued, chat => chat == Bob);
        Assert.DoesNotContain(Alice, queued);
        await bot.Api.WaitForMessage(Bob, m => m.Text.StartsWith("⏰", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Record_KeepsTheTelegramMessageId_OfEveryMemberReached()
    {
        await using var bot = await Started();
        await bot.Ask(Olga, Line);
        await RecordSettled(bot, 6);

        var alice = await bot.Db(db => db.NoticeDeliveries.SingleAsync(d => d.UserId == Alice));
        var shown = bot.Api.SentMessages(Alice).Single(m => m.Text.StartsWith("📜", StringComparison.Ordinal));

        Assert.Equal(shown.MessageId, alice.MessageId);
        Assert.Equal(Monday.UtcDateTime, alice.HandedAt);
        Assert.Null(alice.NotReached);
    }

    [Fact]
    public async Task ForgedConfirmButton_FromSomeoneTheNoticeDidNotReach_ChangesNothing()
    {
        await using var bot = await Started();
        await bot.Ask(Olga, Line);
        await RecordSettled(bot, 6);
        var issueId = await bot.Db(db => db.NoticeIssues.Select(i => i.Id).SingleAsync());
        var eves = await bot.Ask(Eve, "/help");

        var forged = bot.Api.UserPresses(Eve, Eve, eves.MessageId, CallbackCodec.Encode(CallbackData.Of(NoticeTexts.ConfirmRoute, issueId)));
        var garbage = bot.Api.UserPresses(Eve, Eve, eves.MessageId, $"{NoticeTexts.ConfirmRoute}:x:y");
        await bot.Api.WaitFor(() => bot.Api.AnswerTo(forged.CallbackQuery!.Id) is not null && bot.Api.AnswerTo(garbage.CallbackQuery!.Id) is not null);

        Assert.Equal("Diese Einladung ging nicht an dich.", bot.Api.AnswerTo(forged.CallbackQuery!.Id)!.Text);
        Assert.Equal(0, await bot.Db(db => db.NoticeDeliveries.CountAsync(d => d.ConfirmedAt != null)));
        Assert.Equal(0, await bot.Db(db => db.NoticeDeliveries.CountAsync(d => d.UserId == Eve)));
    }

    [Fact]
    public async Task Dialog_ShowsTheNoticeBeforeSending_AndSendsItOnlyWhenConfirmed()
    {
        await using var bot = await Started();

        await bot.PressForReply(Olga, await bot.Ask(Olga, "/notice"), "Landesverband");
        await bot.Ask(Olga, "Kreisparteitag");
        await bot.Ask(Olga, "20.06.2026 19:00");
        await bot.Ask(Olga, "Bürgerhaus");
        var preview = await bot.Ask(Olga, "Begrüßung\nWahlen");
        Assert.Contains("📜 Einladung: Kreisparteitag", preview.Text);
        Assert.Contains("1. Begrüßung\n2. Wahlen", preview.Text);
        Assert.Empty(bot.Api.SentMessages(Alice));

        bot.Api.UserPresses(Olga, Olga, preview.MessageId, preview.Button("📨 Verschicken").CallbackData!);
        var notice = await bot.Api.WaitForMessage(Alice, m => m.Text.StartsWith("📜", StringComparison.Ordinal));

        Assert.Contains("Bürgerhaus", notice.Text);
    }

    [Fact]
    public async Task Dialog_TooLate_AsksForTheReason_AndTheNoticeStatesIt()
    {
        await using var bot = await Started();

        await bot.PressForReply(Olga, await bot.Ask(Olga, "/notice"), "Landesverband");
        await bot.Ask(Olga, "Kreisparteitag");
        await bot.Ask(Olga, "10.06.2026 19:00");
        await bot.Ask(Olga, "Bürgerhaus");
        var asked = await bot.Ask(Olga, "Wahlen");
        var preview = await bot.Ask(Olga, "Eilbedürftige Satzungsänderung");
        bot.Api.UserPresses(Olga, Olga, preview.MessageId, preview.Button("📨 Verschicken").CallbackData!);
        var notice = await bot.Api.WaitForMessage(Alice, m => m.Text.StartsWith("📜", StringComparison.Ordinal));

        Assert.Contains("Der letzte Tag zum Einladen war der 26.05.2026.", asked.Text);
        Assert.Contains("Grund: Eilbedürftige Satzungsänderung", notice.Text);
    }

    [Fact]
    public async Task Amended_NewPlace_ReachesEveryoneAndSaysWhatChanged()
    {
        await using var bot = await Started();
        await bot.Ask(Olga, Line);
        await RecordSettled(bot, 6);
        var noticeId = await bot.Db(db => db.Notices.Select(n => n.Id).SingleAsync());

        var reply = await bot.Ask(Olga, $"/notice change {noticeId} | - | Rathaus, Saal 2 | -");
        var amended = await bot.Api.WaitForMessage(Alice, m => m.Text.StartsWith("📜 Geänderte", StringComparison.Ordinal));

        Assert.Contains("geänderte Einladung", reply.Text);
        Assert.StartsWith("📜 Geänderte Einladung (2. Fassung): Kreisparteitag", amended.Text);
        Assert.Contains("🔄 Neuer Ort (bisher: Bürgerhaus)", amended.Text);
        Assert.Contains("📍 Rathaus, Saal 2", amended.Text);
    }

    [Fact]
    public async Task DeleteMe_KeepsTheRecordsLineAndTimes_ButNotTheName()
    {
        await using var bot = await Started();
        await bot.Ask(Olga, Line);
        await RecordSettled(bot, 6);
        var handed = await bot.Db(db => db.NoticeDeliveries.SingleAsync(d => d.UserId == Alice));

        await using (var scope = bot.Services.CreateAsyncScope())
        {
            var eraser = scope.ServiceProvider.GetServices<Domain.Privacy.IPersonalDataHolder>().OfType<Bot.Persistence.NoticeDataEraser>().Single();
            await eraser.Erase(Alice, CancellationToken.None);
        }

        var after = await bot.Db(db => db.NoticeDeliveries.SingleAsync(d => d.Id == handed.Id));
        Assert.Null(after.UserId);
        Assert.Equal(handed.HandedAt, after.HandedAt);
        Assert.Equal(handed.MessageId, after.MessageId);
        Assert.Equal(6, await bot.Db(db => db.NoticeDeliveries.CountAsync()));
    }

    [Fact]
    public async Task ChaptersPeriod_SetByAnAdmin_IsTheNextNoticesPeriod()
    {
        await using var bot = await Started();

        var set = await bot.Ask(TestBot.AdminId, "/chapters period Landesverband 21");
        var refused = await bot.Ask(Olga, Line);

        Assert.Equal("Die Ladungsfrist von „Landesverband“ ist jetzt 21 Tage.", set.Text);
        Assert.Contains("Ladungsfrist von 21 Tagen", refused.Text);
    }

    /// <summary>Waits until every member's line of the record says what became of the notice.</summary>
    internal static Task RecordSettled(TestBot bot, int members, TimeSpan? timeout = null) =>
        bot.Api.WaitFor(
            () => bot.Db(db => db.NoticeDeliveries.CountAsync(d => d.HandedAt != null || d.NotReached != null)).GetAwaiter().GetResult() == members,
            timeout, what: $"the record of {members} members settled");

    /// <summary>What the quarter-hourly job does when it fires for <paramref name="scheduled"/>.</summary>
    private static async Task<int> RemindUnconfirmed(TestBot bot, DateTimeOffset scheduled)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NoticeService>().RemindUnconfirmed(scheduled, CancellationToken.None);
    }

    private async Task<TestBot> Started()
    {
        var bot = await TestBot.Start(TestBot.Unpaced(), clock: new Support.FakeTimeProvider(Monday), postgres: Postgres);
        await bot.AddMember(Olga, "Olga Organisatorin", role: Role.Organizer);
        await bot.AddChapter("Kiez");
        await bot.AddMember(Alice, "Alice Amsel");
        await bot.AddMember(Bob, "Bob Berg", chapter: "Kiez");
        await bot.AddMember(Carl, "Carl Clausen");
        await bot.AddMember(Dora, "Dora Dorn");
        bot.Api.OpenPrivateChat(Alice);
        bot.Api.OpenPrivateChat(Bob);
        bot.Api.OpenPrivateChat(Dora);
        bot.Api.Block(Dora);
        return bot;
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
[Collection(PostgreSqlServer.Collection)]
public sealed class NoticeJourneyTestsOnPostgreSql(PostgreSqlServer postgres) : NoticeJourneyTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
