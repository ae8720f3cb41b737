using Bot.Domain.Chapters;
using Bot.Tests.Support;

namespace Bot.Tests.Chapters;

/// <summary>Invites decided by <see cref="ChapterService"/> without a host: how long they hold, how often they
/// admit, and who may end them.</summary>
public sealed class InviteRulesTests
{
    private readonly ChapterWorld world = new();
    private readonly Chapter town;
    private readonly Member admin;

    public InviteRulesTests()
    {
        town = world.Sub("Ortsverband Kiel");
        admin = world.Person(1, town, Role.Admin);
    }

    [Fact]
    public async Task AnInvite_HoldsForItsValidity_AndNotAMomentLonger()
    {
        var invite = await Create(TimeSpan.FromDays(2), uses: 5);

        world.Clock.Advance(TimeSpan.FromDays(2) - TimeSpan.FromSeconds(1));
        Assert.Equal(InviteState.Valid, (await world.Service.CheckInvite(invite.Code, default)).State);
        world.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(new JoinOutcome.NotValid(InviteState.Expired), await world.Service.Join(invite.Code, Newcomer(2), default));
    }

    [Fact]
    public async Task RedeemingTheLastUse_AdmitsThePerson_AndNoOneAfter()
    {
        var invite = await Create(TimeSpan.FromDays(1), uses: 1);

        var first = await world.Service.Join(invite.Code, Newcomer(2), default);
        var second = await world.Service.Join(invite.Code, Newcomer(3), default);

        Assert.Equal(new JoinOutcome.Joined(town), first);
        Assert.Equal(new JoinOutcome.NotValid(InviteState.UsedUp), second);
        Assert.Equal([2L], world.Store.Memberships.Where(m => m.ChapterId == town.Id && m.Role == Role.Member).Select(m => m.UserId));
    }

    [Fact]
    public async Task AMemberJoiningAgain_UsesUpNothing()
    {
        var invite = await Create(TimeSpan.FromDays(1), uses: 2);
        await world.Service.Join(invite.Code, Newcomer(2), default);

        var again = await world.Service.Join(invite.Code, Newcomer(2), default);

        Assert.Equal(new JoinOutcome.AlreadyMember(town), again);
        Assert.Equal(1, invite.Uses);
    }

    [Fact]
    public async Task AMemberPressingAgainAfterTheLastUse_HearsTheyAreAMember_NotThatTheLinkIsUsedUp()
    {
        var invite = await Create(TimeSpan.FromDays(1), uses: 1);
        await world.Service.Join(invite.Code, Newcomer(2), default);

        var again = await world.Service.Join(invite.Code, Newcomer(2), default);

        Assert.Equal(new JoinOutcome.AlreadyMember(town), again);
    }

    [Fact]
    public async Task AnInvitation_OffersItsChapterToANewcomer_AndTellsAMemberTheyBelongAlready()
    {
        var invite = await Create(TimeSpan.FromDays(1), uses: 1);
        world.Person(2, town);

        Assert.Equal(new InvitationOutcome.Open(town), await world.Service.Invitation(world.PermissionsOf(3), invite.Code, default));
        Assert.Equal(new InvitationOutcome.AlreadyMember(town), await world.Service.Invitation(world.PermissionsOf(2), invite.Code, default));
        Assert.Equal(new InvitationOutcome.NotValid(InviteState.Unknown), await world.Service.Invitation(world.PermissionsOf(3), "not a code", default));
    }

    [Fact]
    public async Task ARevokedInvite_AdmitsNoOne()
    {
        var invite = await Create(TimeSpan.FromDays(1), uses: 5);

        var revoked = await world.Service.RevokeInvite(world.PermissionsOf(admin), invite.Id, default);

        Assert.Equal(new RevokeOutcome.Revoked(invite, town), revoked);
        Assert.Equal(new JoinOutcome.NotValid(InviteState.Revoked), await world.Service.Join(invite.Code, Newcomer(2), default));
    }

    [Fact]
    public async Task RevokingTwice_SaysItIsRevokedAlready_AndKeepsTheFirstTime()
    {
        var invite = await Create(TimeSpan.FromDays(1), uses: 5);
        await world.Service.RevokeInvite(world.PermissionsOf(admin), invite.Id, default);
        var revokedAt = invite.RevokedAt;
        world.Clock.Advance(TimeSpan.FromHours(1));

        var again = await world.Service.RevokeInvite(world.PermissionsOf(admin), invite.Id, default);

        Assert.Equal(new RevokeOutcome.AlreadyRevoked(invite, town), again);
        Assert.Equal(revokedAt, invite.RevokedAt);
    }

    [Fact]
    public async Task SomeoneWhoIsNotAnAdminThere_CannotRevoke_NorTellAnInviteFromNone()
    {
        var invite = await Create(TimeSpan.FromDays(1), uses: 5);
        var organizer = world.Person(2, town, Role.Organizer);

        var refused = await world.Service.RevokeInvite(world.PermissionsOf(organizer), invite.Id, default);
        var missing = await world.Service.RevokeInvite(world.PermissionsOf(organizer), invite.Id + 1, default);

        Assert.Equal(new RevokeOutcome.Refused(), refused);
        Assert.Equal(refused, missing);
        Assert.Null(invite.RevokedAt);
    }

    [Fact]
    public async Task AnInviteBeyondTheLimits_IsNotMade()
    {
        var tooLong = await world.Service.CreateInvite(world.PermissionsOf(admin), town, ChapterService.MaxInviteValidity + TimeSpan.FromHours(1), 1, default);
        var noUses = await world.Service.CreateInvite(world.PermissionsOf(admin), town, TimeSpan.FromDays(1), 0, default);

        Assert.IsType<InviteOutcome.OutOfRange>(tooLong);
        Assert.IsType<InviteOutcome.OutOfRange>(noUses);
        Assert.Empty(world.Store.Invites);
    }

    [Fact]
    public async Task AnAdminOfASubChapter_CannotInviteIntoTheChapterAbove()
    {
        var outcome = await world.Service.CreateInvite(world.PermissionsOf(admin), world.Root, TimeSpan.FromDays(1), 1, default);

        Assert.IsType<InviteOutcome.NotAdmin>(outcome);
        Assert.Empty(world.Store.Invites);
    }

    private async Task<Invite> Create(TimeSpan validity, int uses)
    {
        var outcome = await world.Service.CreateInvite(world.PermissionsOf(admin), town, validity, uses, default);
        return Assert.IsType<InviteOutcome.Created>(outcome).Invite;
    }

    private static Person Newcomer(long userId) => new(userId, $"Newcomer {userId}", null, "de");
}
