using Bot.Commands.Callbacks;
using Bot.Commands.Chapters;
using Bot.Domain.Chapters;
using Bot.Persistence;
using Bot.Telegram.Outbox;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Chapters;

/// <summary>/invite as admins meet it: the card with the link, the chapter choice, revoking, and everything
/// that must be refused.</summary>
public class InviteTests
{
    /// <summary>The server the tests run on in <see cref="InviteTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private const long Admin = TestBot.AdminId;
    private const long NordAdmin = 3001;
    private const long Member = 3002;
    private const long Newcomer = 3003;

    [Fact]
    public async Task Invite_WithoutArguments_ShowsLinkCodeLocalExpiryUsesAndButtons()
    {
        var clock = new FakeTimeProvider(); // Monday 6 January 2025, 09:00 UTC
        await using var bot = await InviteSteps.StartBot(clock, postgres: Postgres);

        var card = await bot.Write(Admin, "/invite");

        var invite = await bot.Db(db => db.Invites.SingleAsync());
        Assert.Contains("Einladung für Landesverband", card.Text);
        Assert.Contains($"https://t.me/chapter_test_bot?start=join_{invite.Code}", card.Text);
        Assert.Contains($"<code>join_{invite.Code}</code>", card.Source);
        Assert.Contains("Gültig bis Mo, 13.01.2025 um 10:00 Uhr (in 7 Tagen)", card.Text);
        Assert.Contains("Für 1 Person", card.Text);
        Assert.Equal(["📤 Link teilen", "🚫 Zurückziehen"], card.Buttons.Select(b => b.Text));
        Assert.Equal((1, 0), (invite.MaxUses, invite.Uses));
    }

    [Fact]
    public async Task SingleUseInvite_RedeemedByTwoAtOnce_LetsOnlyOneIn()
    {
        await using var bot = await InviteSteps.StartBot(postgres: Postgres);
        await bot.Write(Admin, "/invite");
        var code = await bot.Db(db => db.Invites.Select(i => i.Code).SingleAsync());
        await using var first = bot.Services.CreateAsyncScope();
        await using var second = bot.Services.CreateAsyncScope();

        // Both read the invite while it still has its one use, as two updates handled side by side would.
        Assert.IsType<JoinOutcome.Joined>(await first.ServiceProvider.GetRequiredService<ChapterService>().Join(code, new Person(3101, "Ann", null, "de"), CancellationToken.None));
        Assert.IsType<JoinOutcome.Joined>(await second.ServiceProvider.GetRequiredService<ChapterService>().Join(code, new Person(3102, "Ben", null, "de"), CancellationToken.None));
        await first.ServiceProvider.GetRequiredService<BotDbContext>().SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.ServiceProvider.GetRequiredService<BotDbContext>().SaveChangesAsync());

        Assert.Equal([3101L], await bot.Db(db => db.Memberships.Where(m => m.UserId > 3100).Select(m => m.UserId).ToListAsync()));
        Assert.Equal(1, await bot.Db(db => db.Invites.Select(i => i.Uses).SingleAsync()));
        await using var retry = bot.Services.CreateAsyncScope();
        var again = await retry.ServiceProvider.GetRequiredService<ChapterService>().Join(code, new Person(3102, "Ben", null, "de"), CancellationToken.None);
        Assert.Equal(InviteState.UsedUp, Assert.IsType<JoinOutcome.NotValid>(again).State);
    }

    [Fact]
    public async Task Invite_WithChapterValidityAndUses_MakesThatInvite()
    {
        await using var bot = await InviteSteps.StartBot(new FakeTimeProvider(), postgres: Postgres); // Monday 6 January 2025, 09:00 UTC
        await bot.AddChapter("Kreisverband Nord");

        var card = await bot.Write(Admin, "/invite kreisverband nord 14d 10", "en");

        Assert.Contains("Invite to Kreisverband Nord", card.Text);
        // The same date format as on event cards, and the 24-hour clock, not "January 20, 2025 at 10:00 AM".
        Assert.Contains("Valid until Mon, 20 Jan 2025 at 10:00 (14 days from now)", card.Text);
        Assert.Contains("For up to 10 people", card.Text);
        var invite = await bot.Db(db => db.Invites.SingleAsync());
        Assert.Equal(10, invite.MaxUses);
        Assert.Equal(TimeSpan.FromDays(14), invite.ExpiresAt - invite.CreatedAt);
    }

    [Fact]
    public async Task Invite_WithoutChapter_ForAnAdminOfSeveral_OffersThemAsButtons()
    {
        await using var bot = await InviteSteps.StartBot(postgres: Postgres);
        await bot.AddChapter("Kreisverband Nord");
        await bot.AddChapter("Kreisverband Süd");
        await bot.AddMember(NordAdmin, "Nora", "Kreisverband Nord", Role.Admin);
        await bot.AddMember(NordAdmin, "Nora", "Kreisverband Süd", Role.Admin);

        var question = await bot.Write(NordAdmin, "/invite 3d 2");
        await bot.Press(NordAdmin, question, "Kreisverband Süd");

        var card = bot.Api.ShownMessage(NordAdmin, question.MessageId)!;
        Assert.Contains("Einladung für Kreisverband Süd", card.Text);
        Assert.Contains("(in 3 Tagen)", card.Text);
        Assert.Contains("Für bis zu 2 Personen", card.Text);
        Assert.Contains(card.Buttons, b => b.Text == "🚫 Zurückziehen");
        var invite = await bot.Db(db => db.Invites.SingleAsync());
        Assert.Equal(2, invite.MaxUses);
        Assert.Equal((await bot.Db(db => db.Chapters.SingleAsync(c => c.Name == "Kreisverband Süd"))).Id, invite.ChapterId);
    }

    [Fact]
    public async Task Invite_ForAChapterTheAdminDoesNotAdminister_IsRefused()
    {
        await using var bot = await InviteSteps.StartBot(postgres: Postgres);
        await bot.AddChapter("Kreisverband Nord");
        await bot.AddChapter("Kreisverband Süd");
        await bot.AddMember(NordAdmin, "Nora", "Kreisverband Nord", Role.Admin);

        var reply = await bot.Write(NordAdmin, "/invite Kreisverband Süd");

        Assert.Contains("Für Kreisverband Süd kannst du keine Einladungen erstellen", reply.Text);
        Assert.Equal(0, await bot.Count<Invite>());
    }

    [Fact]
    public async Task Invite_ForgedChapterButton_ForAnotherChapter_MakesNoInvite()
    {
        await using var bot = await InviteSteps.StartBot(postgres: Postgres);
        await bot.AddChapter("Kreisverband Nord");
        var sued = await bot.AddChapter("Kreisverband Süd");
        await bot.AddMember(NordAdmin, "Nora", "Kreisverband Nord", Role.Admin);
        var help = await bot.Write(NordAdmin, "/help");

        await bot.PressData(NordAdmin, help, CallbackCodec.Encode(CallbackData.Of("ivch", sued.Id, 24, 5)));

        Assert.Equal(0, await bot.Count<Invite>());
        Assert.Contains("keine Einladungen erstellen", bot.Api.ShownMessage(NordAdmin, help.MessageId)!.Text);
    }

    [Fact]
    public async Task Invite_ByAPlainMember_IsNotAvailable()
    {
        await using var bot = await InviteSteps.StartBot(postgres: Postgres);
        await bot.AddMember(Member, "Max");

        var reply = await bot.Write(Member, "/invite");

        Assert.StartsWith("Entschuldigung, /invite ist für Admins eines Verbands. Bitte eine:n Admin von Landesverband", reply.Text);
        Assert.Equal(0, await bot.Count<Invite>());
    }

    [Theory]
    [InlineData("Landesverband 0", "Mit dieser Gültigkeit oder Anzahl kann ich keine Einladung erstellen.")]
    [InlineData("Landesverband 5000", "Mit dieser Gültigkeit oder Anzahl kann ich keine Einladung erstellen.")]
    [InlineData("Landesverband 100d", "Mit dieser Gültigkeit oder Anzahl kann ich keine Einladung erstellen.")]
    [InlineData("Landesverband 99999999999999999999999", "Mit dieser Gültigkeit oder Anzahl kann ich keine Einladung erstellen.")]
    [InlineData("Atlantis <b> 7d", "Einen Verband „Atlantis <b>“ kenne ich nicht.")]
    public async Task Invite_WithBadArguments_AnswersWithAnExample_AndMakesNoInvite(string args, string expected)
    {
        await using var bot = await InviteSteps.StartBot(postgres: Postgres);

        var reply = await bot.Write(Admin, "/invite " + args);

        Assert.StartsWith(expected, reply.Text);
        Assert.Contains("/invite Kreisverband Nord 14T 10", reply.Text);
        Assert.Equal(0, await bot.Count<Invite>());
    }

    [Fact]
    public async Task Invite_ForAnUnknownChapter_OffersTheAdminsChaptersAsButtons()
    {
        await using var bot = await InviteSteps.StartBot(postgres: Postgres);
        await bot.AddChapter("Kreisverband Nord");

        var reply = await bot.Write(Admin, "/invite Nordd");
        await bot.Press(Admin, reply, "Kreisverband Nord");

        Assert.Equal(["Landesverband", "Kreisverband Nord"], reply.Buttons.Select(b => b.Text));
        Assert.Contains("Einladung für Kreisverband Nord", bot.Api.ShownMessage(Admin, reply.MessageId)!.Text);
    }

    [Fact]
    public async Task Invite_ForAnUnknownChapter_AmongVeryMany_ExplainsHowToNameOne()
    {
        await using var bot = await InviteSteps.StartBot(postgres: Postgres);
        for (var i = 1; i <= InviteCommand.MaxChoices; i++)
        {
            await bot.AddChapter($"Ortsverband {i}");
        }

        var reply = await bot.Write(Admin, "/invite Nirgendwo");

        Assert.StartsWith("Einen Verband „Nirgendwo“ kenne ich nicht.", reply.Text);
        Assert.Contains("So geht's: /invite Verband Gültigkeit Anzahl", reply.Text);
        Assert.Empty(reply.Buttons);
    }

    [Fact]
    public async Task Revoke_ByButton_KillsTheLink_AndTheCardSaysSo()
    {
        await using var bot = await InviteSteps.StartBot(postgres: Postgres);
        var card = await bot.Write(Admin, "/invite");
        var payload = InviteSteps.PayloadIn(card);

        var press = await bot.Press(Admin, card, "🚫 Zurückziehen");
        var refused = await bot.Write(Newcomer, "/start " + payload);

        Assert.Equal("Einladung zurückgezogen.", bot.Api.AnswerTo(press.CallbackQuery!.Id)!.Text);
        var shown = bot.Api.ShownMessage(Admin, card.MessageId)!;
        Assert.StartsWith("🚫 Die Einladung für Landesverband ist zurückgezogen", shown.Text);
        Assert.Empty(shown.Buttons);
        Assert.NotNull((await bot.Db(db => db.Invites.SingleAsync())).RevokedAt);
        Assert.StartsWith("🚫 Dieser Einladungslink wurde vom Verband zurückgezogen", refused.Text);
        Assert.Equal(1, await bot.Count<Membership>()); // the configured admin's, no one else's
    }

    [Fact]
    public async Task Revoke_ForgedForAnInviteOfAnotherChapter_ChangesNothing()
    {
        await using var bot = await InviteSteps.StartBot(postgres: Postgres);
        await bot.AddChapter("Kreisverband Nord");
        await bot.AddChapter("Kreisverband Süd");
        await bot.AddMember(NordAdmin, "Nora", "Kreisverband Nord", Role.Admin);
        await bot.AddMember(Member, "Max", "Kreisverband Süd");
        var suedPayload = await bot.Invite(Admin, "Kreisverband Süd");
        var suedInvite = await bot.Db(db => db.Invites.SingleAsync());
        var ownCard = await bot.Write(NordAdmin, "/invite");
        var memberHelp = await bot.Write(Member, "/help");
        var forged = CallbackCodec.Encode(CallbackData.Of("iv", suedInvite.Id));

        var byOtherAdmin = await bot.PressData(NordAdmin, ownCard, forged);
        var byMember = await bot.PressData(Member, memberHelp, forged);

        Assert.Equal("Diese Einladung kannst du nicht zurückziehen: Das können nur Admins ihres Verbands.", bot.Api.AnswerTo(byOtherAdmin.CallbackQuery!.Id)!.Text);
        Assert.Equal("Dieser Knopf steht dir nicht zur Verfügung.", bot.Api.AnswerTo(byMember.CallbackQuery!.Id)!.Text);
        Assert.Null((await bot.Db(db => db.Invites.SingleAsync(i => i.Id == suedInvite.Id))).RevokedAt);
        Assert.Contains("Einladung für Kreisverband Nord", bot.Api.ShownMessage(NordAdmin, ownCard.MessageId)!.Text);
        var notice = await bot.Write(Newcomer, "/start " + suedPayload);
        Assert.Contains("Bevor du Kreisverband Süd beitrittst", notice.Text);
    }

    [Fact]
    public async Task Revoke_PressedAgain_SaysItIsRevokedAlready()
    {
        await using var bot = await InviteSteps.StartBot(postgres: Postgres);
        var card = await bot.Write(Admin, "/invite");
        var revoke = card.Button("🚫 Zurückziehen").CallbackData!;
        await bot.PressData(Admin, card, revoke);

        var again = await bot.PressData(Admin, card, revoke);

        Assert.Equal("Diese Einladung war schon zurückgezogen.", bot.Api.AnswerTo(again.CallbackQuery!.Id)!.Text);
        Assert.DoesNotContain(await bot.Db(db => db.Outbox.Select(o => o.Status).ToListAsync()), s => s == OutboxStatus.Failed);
    }
}

[Collection(PostgreSqlServer.Collection)]
public sealed class InviteTestsOnPostgreSql(PostgreSqlServer postgres) : InviteTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
