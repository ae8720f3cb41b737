using Bot.Domain.Chapters;

namespace Bot.Tests.Support;

/// <summary>The chapter store as lists, for domain tests without a host: what is added is there at once, with an
/// id, as if the unit of work had been saved.</summary>
public sealed class InMemoryChapterStore : IChapterStore
{
    public List<Chapter> Chapters { get; } = [];
    public List<Member> Members { get; } = [];
    public List<Membership> Memberships { get; } = [];
    public List<Invite> Invites { get; } = [];
    public List<RoleChange> RoleChanges { get; } = [];

    public Task<ChapterTree> Tree(CancellationToken ct) => Task.FromResult(new ChapterTree(Chapters));

    public void Add(Chapter chapter)
    {
        chapter.Id = Chapters.Count + 1;
        Chapters.Add(chapter);
    }

    public Task<Member?> Member(long userId, CancellationToken ct) => Task.FromResult(Members.FirstOrDefault(m => m.UserId == userId));

    public Task<Member?> MemberByUsername(string username, CancellationToken ct) =>
        Task.FromResult(Members.FirstOrDefault(m => string.Equals(m.Username, username.TrimStart('@'), StringComparison.OrdinalIgnoreCase)));

    public void Add(Member member) => Members.Add(member);

    public Task<IReadOnlyList<Membership>> MembershipsOf(long userId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Membership>>(Memberships.Where(m => m.UserId == userId).ToList());

    public Task<ILookup<long, Membership>> MembershipsOf(IReadOnlyCollection<long> userIds, CancellationToken ct) =>
        Task.FromResult(Memberships.Where(m => userIds.Contains(m.UserId)).ToLookup(m => m.UserId));

    public Task<IReadOnlyList<(Membership Membership, Member Member)>> MembersOf(IReadOnlyCollection<long> chapterIds, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<(Membership, Member)>>(
            Memberships.Where(m => chapterIds.Contains(m.ChapterId)).Select(m => (m, Members.Single(p => p.UserId == m.UserId))).ToList());

    public Task<IReadOnlyDictionary<long, int>> MemberCounts(CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<long, int>>(Memberships.GroupBy(m => m.ChapterId).ToDictionary(g => g.Key, g => g.Count()));

    public void Add(Membership membership) => Memberships.Add(membership);

    public Task<Invite?> Invite(string code, CancellationToken ct) => Task.FromResult(Invites.FirstOrDefault(i => i.Code == code));

    public Task<Invite?> Invite(long id, CancellationToken ct) => Task.FromResult(Invites.FirstOrDefault(i => i.Id == id));

    public Task Add(Invite invite, CancellationToken ct)
    {
        invite.Id = Invites.Count + 1;
        Invites.Add(invite);
        return Task.CompletedTask;
    }

    public void Add(RoleChange change) => RoleChanges.Add(change);
}
