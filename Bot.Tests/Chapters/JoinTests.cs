using Bot.Commands.Callbacks;
using Bot.Domain.Chapters;
using Bot.Telegram.Outbox;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Chapters;

/// <summary>Joining as a newcomer meets it: the deep link, the privacy notice, consent, and every way an invite
/// can be no good.</summary>
public class JoinTests
{
    /// <summary>The server the tests run on in <see cref="JoinTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private const long Admin = TestBot.AdminId;
    private const long Alice = 4001;
    private const long Bob = 4002;
    private const string Agree = "✅ Zustimmen und Landesverband beitreten";

    [Fact]
    public async Task AdminsInvite_AdmitsANewMember_ThroughTheDeepLink_AfterConsent()
    {
        await using var bot = await InviteSteps.StartBot(postgres: Postgres);
        var payload = await bot.Invite(Admin);

        var notice = await bot.Write(Alice, "/start " + payload);

        Assert.StartsWith("🔒 Bevor du Landesverband beitrittst", notice.Text);
        Assert.Contains("Art. 9 DSGVO", notice.Text);
        Assert.Contains("Was ich speichere", notice.Text);
        Assert.Contains("Wer es sieht", notice.Text);
        Assert.Contains("/mydata", notice.Text);
        Assert.Contains("/deleteme", notice.Text);
        Assert.Equal([Agree, "Nein, danke"], notice.Buttons.Select(b => b.Text));
        Assert.False(await bot.Db(db => db.Members.AnyAsync(m => m.UserId == Alice)));
        Assert.False(await bot.Db(db => db.Memberships.AnyAsync(m => m.UserId == Alice)));

        await bot.Press(Alice, notice, Agree);

        var welcome = bot.Api.SentMessages(Alice)[^1];
        Assert.StartsWith("🎉 Willkommen bei Landesverband!", welcome.Text);
        Assert.Contains("/events", welcome.Text);
        Assert.Empty(bot.Api.ShownMessage(Alice, notice.MessageId)!.Buttons);
        var member = await bot.Db(db => db.Members.SingleAsync(m => m.UserId == Alice));
        Assert.Equal("User4001", member.DisplayName);
        Assert.NotNull(member.ConsentedAt);
        var membership = await bot.Db(db => db.Memberships.SingleAsync(m => m.UserId == Alice));
        Assert.Equal(Role.Member, membership.Role);
        Assert.Equal((await bot.Root()).Id, membership.ChapterId);
        Assert.Equal(1, (await bot.Db(db => db.Invites.SingleAsync())).Uses);
    }

    [Fact]
    public async Task Notice_InEnglish_AsksForConsentInEnglish()
    {
        await using var bot = await InviteSteps.StartBot(postgres: Postgres);
        var payload = await bot.Invite(Admin);

        var notice = await bot.Write(Alice, "/start " + payload, "en");

        Assert.StartsWith("🔒 Before you join Landesverband", notice.Text);
        Assert.Contains("Art. 9 GDPR", notice.Text);
        Assert.Equal(["✅ Agree and join Landesverband", "No thanks"], notice.Buttons.Select(b => b.Text));
    }

    [Fact]
    public async Task Decline_StoresNothing_AndRemovesTheButtons()
    {
        await using var bot = await InviteSteps.StartBot(postgres: Postgres);
        var payload = await bot.Invite(Admin);
        var notice = await bot.Write(Alice, "/start " + payload);

        await bot.Press(Alice, notice, "Nein, danke");

        Assert.StartsWith("In Ordnung – ich habe nichts über dich gespeichert.", bot.Api.SentMessages(Alice)[^1].Text);
        Assert.Empty(bot.Api.ShownMessage(Alice, notice.MessageId)!.Buttons);
        Assert.False(await bot.Db(db => db.Members.AnyAsync(m => m.UserId == Alice)));
        Assert.False(await bot.Db(db => db.Memberships.AnyAsync(m => m.UserId == Alice)));
        Assert.Equal(0, (await bot.Db(db => db.Invites.SingleAsync())).Uses);
    }

    [Fact]
    public async Task ConsentPressedTwice_AdmitsOnce()
    {
        await using var bot = await InviteSteps.StartBot(postgres: Postgres);
        var payload = await bot.Invite(Admin);
        var notice = await bot.Write(Alice, "/start " + payload);
        var agree = notice.Button(Agree).CallbackData!;

        // Both presses are on their way before the first is handled, as with an impatient double tap.
        var first = bot.Api.UserPresses(Alice, Alice, notice.MessageId, agree);
        var second = bot.Api.UserPresses(Alice, Alice, notice.MessageId, agree);
        await bot.Settle(first);
        await bot.Settle(second);

        Assert.Equal(1, await bot.Db(db => db.Memberships.CountAsync(m => m.UserId == Alice)));
        Assert.Equal(1, (await bot.Db(db => db.Invites.SingleAsync())).Uses);
        var replies = bot.Api.SentMessages(Alice).Skip(1).Select(m => m.Text).ToList();
        Assert.Equal(2, replies.Count);
        Assert.StartsWith("🎉 Willkommen bei Landesverband!", replies[0]);
        Assert.StartsWith("Du bist schon Mitglied bei Landesverband.", replies[1]);
    }

    [Fact]
    public async Task Member_OpeningTheLinkAgain_IsToldSo_AndUsesNothing()
    {
        await using var bot = await InviteSteps.StartBot(postgres: Postgres);
        await bot.AddMember(Alice, "Alice");
        var payload = await bot.Invite(Admin);

        var reply = await bot.Write(Alice, "/start " + payload);

        Assert.StartsWith("Du bist schon Mitglied bei Landesverband.", reply.Text);
        Assert.Empty(reply.Buttons);
        Assert.Equal(0, (await bot.Db(db => db.Invites.SingleAsync())).Uses);
    }

    [Fact]
    public async Task ExpiredInvite_IsRefused_WithItsOwnAnswer()
    {
        var clock = new FakeTimeProvider();
        await using var bot = await InviteSteps.StartBot(clock, postgres: Postgres);
        var payload = await bot.Invite(Admin, "1h");

        clock.Advance(TimeSpan.FromMinutes(61));
        var reply = await bot.Write(Alice, "/start " + payload);

        Assert.Equal("⌛ Dieser Einladungslink ist abgelaufen. Bitte frag deinen Verband nach einem neuen Link.", reply.Text);
        Assert.Empty(reply.Buttons);
        Assert.False(await bot.Db(db => db.Members.AnyAsync(m => m.UserId == Alice)));
    }

    [Fact]
    public async Task InviteExpiring_WhileTheNoticeIsOpen_AdmitsNoOne()
    {
        var clock = new FakeTimeProvider();
        await using var bot = await InviteSteps.StartBot(clock, postgres: Postgres);
        var payload = await bot.Invite(Admin, "1h");
        var notice = await bot.Write(Alice, "/start " + payload);

        clock.Advance(TimeSpan.FromMinutes(90));
        await bot.Press(Alice, notice, Agree);

        Assert.StartsWith("⌛ Dieser Einladungslink ist abgelaufen.", bot.Api.SentMessages(Alice)[^1].Text);
        Assert.Empty(bot.Api.ShownMessage(Alice, notice.MessageId)!.Buttons);
        Assert.False(await bot.Db(db => db.Members.AnyAsync(m => m.UserId == Alice)));
        Assert.False(await bot.Db(db => db.Memberships.AnyAsync(m => m.UserId == Alice)));
    }

    [Fact]
    public async Task UsedUpInvite_RefusesTheNextPerson_EvenWithTheNoticeOpen()
    {
        await using var bot = await InviteSteps.StartBot(postgres: Postgres);
        var payload = await bot.Invite(Admin);
        var aliceNotice = await bot.Write(Alice, "/start " + payload);
        var bobNotice = await bot.Write(Bob, "/start " + payload);

        await bot.Press(Alice, aliceNotice, Agree);
        await bot.Press(Bob, bobNotice, Agree);
        var later = await bot.Write(Bob + 1, "/start " + payload);

        const string usedUp = "Dieser Einladungslink wurde schon so oft genutzt wie vorgesehen.";
        Assert.StartsWith(usedUp, bot.Api.SentMessages(Bob)[^1].Text);
        Assert.StartsWith(usedUp, later.Text);
        Assert.True(await bot.Db(db => db.Memberships.AnyAsync(m => m.UserId == Alice)));
        Assert.False(await bot.Db(db => db.Members.AnyAsync(m => m.UserId == Bob || m.UserId == Bob + 1)));
        Assert.Equal(1, (await bot.Db(db => db.Invites.SingleAsync())).Uses);
    }

    [Fact]
    public async Task InviteForSeveral_AdmitsUpToItsNumber()
    {
        await using var bot = await InviteSteps.StartBot(postgres: Postgres);
        var payload = await bot.Invite(Admin, "2");

        foreach (var person in new[] { Alice, Bob })
        {
            await bot.Press(person, await bot.Write(person, "/start " + payload), Agree);
        }

        var third = await bot.Write(Bob + 1, "/start " + payload);

        Assert.Equal(2, await bot.Db(db => db.Memberships.CountAsync(m => m.UserId == Alice || m.UserId == Bob)));
        Assert.StartsWith("Dieser Einladungslink wurde schon so oft genutzt", third.Text);
    }

    [Fact]
    public async Task ForgedCodes_GetTheUnknownAnswer_AndStoreNothing()
    {
        await using var bot = await InviteSteps.StartBot(postgres: Postgres);
        var real = await bot.Invite(Admin);
        string[] forged =
        [
            "join_",
            "join_abc",
            "join_AAAAAAAAAAAAAAAA",                  // the right form, but no such invite
            real[..^1] + (real[^1] == 'A' ? 'B' : 'A'), // one character off
            real + "A",                               // too long
            "join_" + new string('x', 59),            // at Telegram's 64-character limit
            "join_ABCDEFGHIJKLMN$%",                  // characters a code never has
            "join_<b>boldly</b>&",
            "join_12345",                             // another bot's kind of payload
            "join_" + real[5..] + " extra",
        ];

        var user = Alice;
        foreach (var payload in forged)
        {
            var reply = await bot.Write(user, "/start " + payload);
            Assert.True(
                reply.Text.StartsWith("Diesen Einladungslink erkenne ich nicht", StringComparison.Ordinal),
                $"'{payload}' got: {reply.Text}");
            user++;
        }

        Assert.Equal(1, await bot.Count<Member>()); // the configured admin
        Assert.Equal(0, (await bot.Db(db => db.Invites.SingleAsync())).Uses);
    }

    [Fact]
    public async Task ForgedConsentButton_AdmitsNoOne()
    {
        await using var bot = await InviteSteps.StartBot(postgres: Postgres);
        await bot.Invite(Admin);
        var welcome = await bot.Write(Alice, "/start");

        var unknown = await bot.PressData(Alice, welcome, CallbackCodec.Encode(CallbackData.Of("join", "AAAAAAAAAAAAAAAA")));
        var empty = await bot.PressData(Alice, welcome, CallbackCodec.Encode(CallbackData.Of("join")));

        Assert.StartsWith("Diesen Einladungslink erkenne ich nicht", bot.Api.SentMessages(Alice)[^1].Text);
        Assert.Equal("Dieser Knopf ist nicht mehr gültig.", bot.Api.AnswerTo(empty.CallbackQuery!.Id)!.Text);
        Assert.NotNull(bot.Api.AnswerTo(unknown.CallbackQuery!.Id));
        Assert.False(await bot.Db(db => db.Members.AnyAsync(m => m.UserId == Alice)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ref_campaign2025")]
    [InlineData("JOIN_AAAAAAAAAAAAAAAA")]
    public async Task Start_WithoutAnInvitePayload_GreetsAsUsual(string payload)
    {
        await using var bot = await InviteSteps.StartBot(postgres: Postgres);

        var reply = await bot.Write(Alice, ("/start " + payload).Trim());

        Assert.StartsWith("👋 Willkommen!", reply.Text);
    }

    [Fact]
    public async Task EverythingSaidWhileJoining_IsAcceptedByTelegram()
    {
        await using var bot = await InviteSteps.StartBot(postgres: Postgres);
        var payload = await bot.Invite(Admin, "Landesverband 48h 3");
        await bot.Press(Alice, await bot.Write(Alice, "/start " + payload), Agree);
        await bot.Press(Bob, await bot.Write(Bob, "/start " + payload), "Nein, danke");

        Assert.DoesNotContain(await bot.Db(db => db.Outbox.Select(o => o.Status).ToListAsync()), s => s == OutboxStatus.Failed);
        Assert.All(bot.Api.Requests, r => Assert.True(r.Succeeded || r.Method == "getUpdates", r.ToString()));
    }
}

[Collection(PostgreSqlServer.Collection)]
public sealed class JoinTestsOnPostgreSql(PostgreSqlServer postgres) : JoinTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
