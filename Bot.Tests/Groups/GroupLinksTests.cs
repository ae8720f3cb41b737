using Bot.Domain.Chapters;
using Bot.Domain.Groups;

namespace Bot.Tests.Groups;

/// <summary>The rules of linking, on a small tree: Land > Nord, Süd.</summary>
public sealed class GroupLinksTests
{
    private const long Group = -5001;
    private readonly Chapter land = new() { Id = 1, Name = "Land" };
    private readonly Chapter nord = new() { Id = 2, Name = "Nord", ParentId = 1 };
    private readonly Chapter sued = new() { Id = 3, Name = "Süd", ParentId = 1 };

    private Permissions AdminOf(params Chapter[] chapters) =>
        new(7, new ChapterTree([land, nord, sued]), chapters.Select(c => new Membership { UserId = 7, ChapterId = c.Id, Role = Role.Admin }).ToList());

    [Fact]
    public void Link_ByAdminAbove_LinksTheSubChapter()
    {
        var outcome = GroupLinks.Link(AdminOf(land), Group, nord);

        Assert.Equal(new LinkOutcome.Linked(nord, null, null), outcome);
        Assert.Equal(Group, nord.GroupChatId);
    }

    [Fact]
    public void Link_GroupOfAChapterTheyDoNotRun_IsRefusedAndKept()
    {
        sued.GroupChatId = Group;

        var outcome = GroupLinks.Link(AdminOf(nord), Group, nord);

        Assert.Equal(new LinkOutcome.LinkedToOther(sued), outcome);
        Assert.Equal(Group, sued.GroupChatId);
        Assert.Null(nord.GroupChatId);
    }

    [Fact]
    public void Link_MovesTheGroup_AndReplacesTheChaptersOldGroup()
    {
        sued.GroupChatId = Group;
        nord.GroupChatId = Group - 1;

        var outcome = GroupLinks.Link(AdminOf(land), Group, nord);

        Assert.Equal(new LinkOutcome.Linked(nord, sued, Group - 1), outcome);
        Assert.Equal(Group, nord.GroupChatId);
        Assert.Null(sued.GroupChatId);
    }

    [Fact]
    public void Unlink_ByAdminOfAnotherChapter_IsRefused()
    {
        sued.GroupChatId = Group;

        Assert.Equal(new UnlinkOutcome.NotAdmin(sued), GroupLinks.Unlink(AdminOf(nord), Group));
        Assert.Equal(Group, sued.GroupChatId);
    }

    [Fact]
    public void Forget_EndsTheLinkWhoeverAsks()
    {
        nord.GroupChatId = Group;

        Assert.Same(nord, GroupLinks.Forget(new ChapterTree([land, nord, sued]), Group));
        Assert.Null(nord.GroupChatId);
        Assert.Null(GroupLinks.Forget(new ChapterTree([land, nord, sued]), Group));
    }
}
