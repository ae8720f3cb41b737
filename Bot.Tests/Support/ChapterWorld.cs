using Bot.Domain.Chapters;

namespace Bot.Tests.Support;

/// <summary>A small chapter world for domain tests: a root, chapters below it and people with roles, kept in an
/// <see cref="InMemoryChapterStore"/> on a fake clock.</summary>
public sealed class ChapterWorld
{
    public ChapterWorld(params long[] configuredAdmins)
    {
        Root = Chapter("Landesverband", parent: null);
        Service = new ChapterService(Store, Clock, new ConfiguredAdmins(configuredAdmins));
    }

    public InMemoryChapterStore Store { get; } = new();

    public FakeTimeProvider Clock { get; } = new();

    public Chapter Root { get; }

    public ChapterService Service { get; }

    public Chapter Chapter(string name, Chapter? parent)
    {
        var chapter = new Chapter { Name = name, ParentId = parent?.Id, CreatedAt = Clock.GetUtcNow().UtcDateTime };
        Store.Add(chapter);
        return chapter;
    }

    /// <summary>A chapter under <paramref name="parent"/>, the root when not given.</summary>
    public Chapter Sub(string name, Chapter? parent = null) => Chapter(name, parent ?? Root);

    /// <summary>A person who agreed to the privacy notice, with <paramref name="role"/> in <paramref name="chapter"/>
    /// (none when null).</summary>
    public Member Person(long userId, Chapter? chapter = null, Role role = Role.Member, string? username = null, bool consented = true)
    {
        var member = Store.Members.FirstOrDefault(m => m.UserId == userId);
        if (member is null)
        {
            member = new Member
            {
                UserId = userId,
                DisplayName = $"Person {userId}",
                Username = username,
                JoinedAt = Clock.GetUtcNow().UtcDateTime,
                ConsentedAt = consented ? Clock.GetUtcNow().UtcDateTime : null,
            };
            Store.Add(member);
        }

        if (chapter is not null)
        {
            Store.Add(new Membership { UserId = userId, ChapterId = chapter.Id, Role = role, Since = Clock.GetUtcNow().UtcDateTime });
        }

        return member;
    }

    public Permissions PermissionsOf(long userId) =>
        new(userId, new ChapterTree(Store.Chapters), Store.Memberships.Where(m => m.UserId == userId).ToList());

    public Permissions PermissionsOf(Member member) => PermissionsOf(member.UserId);

    public Role? RoleOf(Member member, Chapter chapter) =>
        Store.Memberships.FirstOrDefault(m => m.UserId == member.UserId && m.ChapterId == chapter.Id)?.Role;
}
