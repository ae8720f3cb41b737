using Bot.Domain.Chapters;
using Bot.Tests.Support;

namespace Bot.Tests.Chapters;

/// <summary>Who may give which role to whom, decided by <see cref="ChapterService"/> without a host.</summary>
public sealed class RoleRulesTests
{
    private const long ConfiguredAdminId = 1000;
    private readonly ChapterWorld world = new(ConfiguredAdminId);

    [Fact]
    public async Task AnAdminOfTheParent_GrantsARoleInASubChapter_AndTheChangeIsLogged()
    {
        var town = world.Sub("Ortsverband Kiel");
        var admin = world.Person(1, world.Root, Role.Admin);
        var member = world.Person(2, town);

        var outcome = await world.Service.Grant(world.PermissionsOf(admin), member, Role.Organizer, town, default);

        Assert.Equal(new RoleOutcome.Granted(member, Role.Member, Role.Organizer, town), outcome);
        Assert.Equal(Role.Organizer, world.RoleOf(member, town));
        var logged = Assert.Single(world.Store.RoleChanges);
        Assert.Equal((admin.UserId, Role.Member, Role.Organizer), (logged.ActorId!.Value, logged.OldRole!.Value, logged.NewRole));
    }

    [Fact]
    public async Task AnOrganizer_MayNotGrantRoles_AndNothingChanges()
    {
        var town = world.Sub("Ortsverband Kiel");
        var organizer = world.Person(1, town, Role.Organizer);
        var member = world.Person(2, town);

        var outcome = await world.Service.Grant(world.PermissionsOf(organizer), member, Role.Organizer, town, default);

        Assert.IsType<RoleOutcome.NotAdmin>(outcome);
        Assert.Equal(Role.Member, world.RoleOf(member, town));
        Assert.Empty(world.Store.RoleChanges);
    }

    [Fact]
    public async Task AnAdminOfASubChapter_MayNotGrantRolesAboveIt()
    {
        var town = world.Sub("Ortsverband Kiel");
        var admin = world.Person(1, town, Role.Admin);
        var member = world.Person(2, town);

        var outcome = await world.Service.Grant(world.PermissionsOf(admin), member, Role.Member, world.Root, default);

        Assert.IsType<RoleOutcome.NotAdmin>(outcome);
        Assert.Null(world.RoleOf(member, world.Root));
    }

    [Fact]
    public async Task SomeoneWhoNeverAgreedToThePrivacyNotice_CannotHoldARole()
    {
        var admin = world.Person(1, world.Root, Role.Admin);
        var stranger = world.Person(2, consented: false);

        var outcome = await world.Service.Grant(world.PermissionsOf(admin), stranger, Role.Member, world.Root, default);

        Assert.Equal(new RoleOutcome.NotJoined(stranger), outcome);
        Assert.DoesNotContain(world.Store.Memberships, m => m.UserId == stranger.UserId);
    }

    [Fact]
    public async Task AnAdminByConfiguration_HoldsRolesWithoutHavingJoined()
    {
        var town = world.Sub("Ortsverband Kiel");
        var admin = world.Person(1, world.Root, Role.Admin);
        var configured = world.Person(ConfiguredAdminId, world.Root, Role.Admin, consented: false);

        var outcome = await world.Service.Grant(world.PermissionsOf(admin), configured, Role.Organizer, town, default);

        Assert.IsType<RoleOutcome.Granted>(outcome);
        Assert.Equal(Role.Organizer, world.RoleOf(configured, town));
    }

    [Fact]
    public async Task GrantingTheRoleSomeoneHolds_ChangesNothing_AndLogsNothing()
    {
        var admin = world.Person(1, world.Root, Role.Admin);
        var member = world.Person(2, world.Root);

        var outcome = await world.Service.Grant(world.PermissionsOf(admin), member, Role.Member, world.Root, default);

        Assert.IsType<RoleOutcome.Unchanged>(outcome);
        Assert.Empty(world.Store.RoleChanges);
    }

    [Fact]
    public async Task APersonOutsideTheAdminsChapters_IsUnknown_AsIsNobody()
    {
        var kiel = world.Sub("Ortsverband Kiel");
        var lübeck = world.Sub("Ortsverband Lübeck");
        var admin = world.Person(1, kiel, Role.Admin);
        world.Person(2, lübeck, username: "lotte");

        var permissions = world.PermissionsOf(admin);

        Assert.IsType<TargetOutcome.Unknown>(await world.Service.Target(permissions, 2, default));
        Assert.IsType<TargetOutcome.Unknown>(await world.Service.Target(permissions, "@lotte", default));
        Assert.IsType<TargetOutcome.Unknown>(await world.Service.Target(permissions, 3, default));
    }

    [Fact]
    public async Task APersonInTheAdminsChapter_IsFoundByIdOrUsername()
    {
        var town = world.Sub("Ortsverband Kiel");
        var admin = world.Person(1, world.Root, Role.Admin);
        var member = world.Person(2, town, username: "Lotte");

        var permissions = world.PermissionsOf(admin);

        Assert.Equal(new TargetOutcome.Found(member), await world.Service.Target(permissions, 2, default));
        Assert.Equal(new TargetOutcome.Found(member), await world.Service.Target(permissions, "@lotte", default));
    }

    [Fact]
    public async Task TheChaptersToGrantIn_AreTheAdmins_WithTheTargetsOwnFirst()
    {
        var district = world.Sub("Bezirk Nord");
        var kiel = world.Sub("Ortsverband Kiel", district);
        var admin = world.Person(1, district, Role.Admin);
        var member = world.Person(2, kiel);

        var choices = await world.Service.ChoicesFor(world.PermissionsOf(admin), member, default);

        Assert.Equal([kiel, district], choices.Chapters);
        Assert.Equal(1, choices.Theirs);
    }
}
