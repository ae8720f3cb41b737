using Bot.Domain.Groups;
using Bot.Tests.Support;

namespace Bot.Tests.Groups;

/// <summary>Links follow the group itself: a new id after becoming a supergroup, none once the bot left.</summary>
public sealed class GroupServiceTests
{
    private readonly ChapterWorld world = new();

    [Fact]
    public async Task AGroupThatBecameASupergroup_StaysLinkedUnderItsNewId()
    {
        var town = world.Sub("Ortsverband Kiel");
        town.GroupChatId = -100;
        var groups = new GroupService(world.Store);

        var moved = await groups.Migrated(-100, -1000100, default);

        Assert.Equal([town], moved);
        Assert.Equal(-1000100, town.GroupChatId);
        Assert.True(await groups.IsLinked(-1000100, default));
        Assert.False(await groups.IsLinked(-100, default));
    }

    [Fact]
    public async Task WhenTheBotLeavesAGroup_ItsChapterHasNoGroup_AndOthersKeepTheirs()
    {
        var kiel = world.Sub("Ortsverband Kiel");
        var lübeck = world.Sub("Ortsverband Lübeck");
        (kiel.GroupChatId, lübeck.GroupChatId) = (-100, -200);
        var groups = new GroupService(world.Store);

        var left = await groups.BotLeft(-100, default);

        Assert.Same(kiel, left);
        Assert.Null(kiel.GroupChatId);
        Assert.Equal(-200, lübeck.GroupChatId);
    }
}
