namespace Bot.Domain.Chapters;

/// <summary>Where chapters, members, roles and invites are kept. Additions join the caller's unit of work and
/// are committed with it.</summary>
public interface IChapterStore
{
    Task<ChapterTree> Tree(CancellationToken ct);

    void Add(Chapter chapter);

    Task<Member?> Member(long userId, CancellationToken ct);

    Task<Member?> MemberByUsername(string username, CancellationToken ct);

    void Add(Member member);

    Task<IReadOnlyList<Membership>> MembershipsOf(long userId, CancellationToken ct);

    /// <summary>The memberships of each of these people, in one look (a card refreshed for a thousand readers).</summary>
    Task<ILookup<long, Membership>> MembershipsOf(IReadOnlyCollection<long> userIds, CancellationToken ct);

    /// <summary>The memberships in the given chapters with their members, by chapter.</summary>
    Task<IReadOnlyList<(Membership Membership, Member Member)>> MembersOf(IReadOnlyCollection<long> chapterIds, CancellationToken ct);

    /// <summary>How many people belong to each chapter directly.</summary>
    Task<IReadOnlyDictionary<long, int>> MemberCounts(CancellationToken ct);

    void Add(Membership membership);

    Task<Invite?> Invite(string code, CancellationToken ct);

    Task<Invite?> Invite(long id, CancellationToken ct);

    /// <summary>Adds the invite and gives it its id at once, still inside the caller's unit of work.</summary>
    Task Add(Invite invite, CancellationToken ct);

    void Add(RoleChange change);
}
