using Bot.Domain.Chapters;
using Microsoft.EntityFrameworkCore;

namespace Bot.Persistence;

/// <summary>The chapter store on EF Core. The tree is read once per unit of work and kept current as chapters
/// are added to it. What every update asks (the sender as a member, the tree, their memberships) is a compiled
/// query: translating the LINQ query again cost about as much as running it.</summary>
public sealed class ChapterStore(BotDbContext db) : IChapterStore
{
    private static readonly PerModel<Func<BotDbContext, IAsyncEnumerable<Chapter>>> AllChapters = new(() =>
        EF.CompileAsyncQuery((BotDbContext db) => db.Chapters));

    private static readonly PerModel<Func<BotDbContext, long, CancellationToken, Task<Member?>>> MemberById = new(() =>
        EF.CompileAsyncQuery((BotDbContext db, long userId, CancellationToken ct) => db.Members.FirstOrDefault(m => m.UserId == userId)));

    private static readonly PerModel<Func<BotDbContext, long, IAsyncEnumerable<Membership>>> MembershipsOfMember = new(() =>
        EF.CompileAsyncQuery((BotDbContext db, long userId) => db.Memberships.Where(m => m.UserId == userId)));

    private ChapterTree? tree;

    public async Task<ChapterTree> Tree(CancellationToken ct) =>
        tree ??= new ChapterTree(await AllChapters.For(db)(db).ToListAsync(ct));

    public void Add(Chapter chapter)
    {
        db.Chapters.Add(chapter);
        tree = null; // read again (after saving) to include it with its id
    }

    /// <summary>As <c>FindAsync</c>: the member this unit of work already tracks, otherwise read (and tracked).</summary>
    public async Task<Member?> Member(long userId, CancellationToken ct) =>
        db.Members.Local.FindEntry(userId)?.Entity ?? await MemberById.For(db)(db, userId, ct);

    public async Task<Member?> MemberByUsername(string username, CancellationToken ct)
    {
        var wanted = username.TrimStart('@').ToLowerInvariant();
        return await db.Members.FirstOrDefaultAsync(m => m.Username != null && m.Username.ToLower() == wanted, ct);
    }

    public void Add(Member member) => db.Members.Add(member);

    public async Task<IReadOnlyList<Membership>> MembershipsOf(long userId, CancellationToken ct)
    {
        var stored = await MembershipsOfMember.For(db)(db, userId).ToListAsync(ct);
        // Memberships added in this unit of work and not yet saved count too.
        var added = db.ChangeTracker.Entries<Membership>().Where(e => e.State == EntityState.Added && e.Entity.UserId == userId).Select(e => e.Entity);
        return stored.Union(added).ToList();
    }

    public async Task<ILookup<long, Membership>> MembershipsOf(IReadOnlyCollection<long> userIds, CancellationToken ct)
    {
        var stored = await db.Memberships.Where(m => userIds.Contains(m.UserId)).ToListAsync(ct);
        var added = db.ChangeTracker.Entries<Membership>().Where(e => e.State == EntityState.Added && userIds.Contains(e.Entity.UserId)).Select(e => e.Entity);
        return stored.Union(added).ToLookup(m => m.UserId);
    }

    public async Task<IReadOnlyList<(Membership Membership, Member Member)>> MembersOf(IReadOnlyCollection<long> chapterIds, CancellationToken ct)
    {
        var rows = await db.Memberships
            .Where(m => chapterIds.Contains(m.ChapterId))
            .Join(db.Members, m => m.UserId, p => p.UserId, (m, p) => new { m, p })
            .ToListAsync(ct);
        return rows.Select(r => (r.m, r.p)).ToList();
    }

    public async Task<IReadOnlyDictionary<long, int>> MemberCounts(CancellationToken ct) =>
        await db.Memberships.GroupBy(m => m.ChapterId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

    public void Add(Membership membership) => db.Memberships.Add(membership);

    public async Task<Invite?> Invite(string code, CancellationToken ct) => await db.Invites.FirstOrDefaultAsync(i => i.Code == code, ct);

    public async Task<Invite?> Invite(long id, CancellationToken ct) => await db.Invites.FindAsync([id], ct);

    public async Task Add(Invite invite, CancellationToken ct)
    {
        db.Invites.Add(invite);
        await db.SaveChangesAsync(ct);
    }

    public void Add(RoleChange change) => db.RoleChanges.Add(change);
}
