using Bot.Domain.Chapters;
using Bot.Tests.Support;

namespace Bot.Tests.Chapters;

/// <summary>The one policy, asked without a host: roles hold downwards, names are for organizers, roles and
/// invites are for admins.</summary>
public sealed class PermissionsTests
{
    private readonly ChapterWorld world = new();

    [Fact]
    public void ARoleHeldInAChapter_HoldsInItsSubChapters()
    {
        var district = world.Sub("Bezirk Nord");
        var town = world.Sub("Ortsverband Kiel", district);
        var organizer = world.Person(1, district, Role.Organizer);

        var permissions = world.PermissionsOf(organizer);

        Assert.Equal(Access.Organizer, permissions.In(town.Id));
        Assert.True(permissions.CanSeeNames(town.Id));
    }

    [Fact]
    public void ARoleHeldInASubChapter_GivesNoRoleAbove_ButShowsItsEvents()
    {
        var town = world.Sub("Ortsverband Kiel");
        var admin = world.Person(1, town, Role.Admin);

        var permissions = world.PermissionsOf(admin);

        Assert.Equal(Access.Anyone, permissions.In(world.Root.Id));
        Assert.True(permissions.CanSee(world.Root.Id));
        Assert.False(permissions.CanSeeNames(world.Root.Id));
        Assert.False(permissions.CanGrant(Role.Member, world.Root.Id));
    }

    [Fact]
    public void AnAdmin_MayGrantEveryRole_AndInvite_InTheirChapterAndBelow()
    {
        var district = world.Sub("Bezirk Nord");
        var town = world.Sub("Ortsverband Kiel", district);
        var admin = world.Person(1, district, Role.Admin);

        var permissions = world.PermissionsOf(admin);

        Assert.All(Enum.GetValues<Role>(), role => Assert.True(permissions.CanGrant(role, town.Id)));
        Assert.True(permissions.CanInvite(town.Id));
        Assert.False(permissions.CanInvite(world.Root.Id));
    }

    [Fact]
    public void AnOrganizer_SeesNames_ButMayNeitherGrantRolesNorInvite()
    {
        var town = world.Sub("Ortsverband Kiel");
        var organizer = world.Person(1, town, Role.Organizer);

        var permissions = world.PermissionsOf(organizer);

        Assert.True(permissions.CanSeeNames(town.Id));
        Assert.False(permissions.CanGrant(Role.Member, town.Id));
        Assert.False(permissions.CanInvite(town.Id));
    }

    [Fact]
    public void AnAdminOfOneChapter_DoesNotKnowOfTheMembersOfItsSibling()
    {
        var kiel = world.Sub("Ortsverband Kiel");
        var lübeck = world.Sub("Ortsverband Lübeck");
        var admin = world.Person(1, kiel, Role.Admin);
        world.Person(2, lübeck);

        var permissions = world.PermissionsOf(admin);

        Assert.False(permissions.CanKnowOf(world.Store.Memberships.Where(m => m.UserId == 2)));
        Assert.True(permissions.CanKnowOf([new Membership { UserId = 2, ChapterId = kiel.Id }]));
    }

    [Fact]
    public void AStranger_MaySeeNothing()
    {
        var permissions = world.PermissionsOf(99);

        Assert.False(permissions.IsMember);
        Assert.Equal(Access.Anyone, permissions.Highest);
        Assert.Empty(permissions.Visible());
    }
}
