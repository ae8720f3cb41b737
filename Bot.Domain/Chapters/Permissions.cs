namespace Bot.Domain.Chapters;

/// <summary>The one policy for who may see and do what, for one person: a role in a chapter holds in its
/// sub-chapters; a member also sees the chapters above their own (their events), but not their names;
/// names are for organizers. Every command and query asks this, none decides on its own.</summary>
public sealed class Permissions(long userId, ChapterTree tree, IReadOnlyList<Membership> memberships)
{
    public long UserId => userId;

    public ChapterTree Tree => tree;

    public IReadOnlyList<Membership> Memberships => memberships;

    public bool IsMember => memberships.Count > 0;

    /// <summary>The highest level anywhere: what a private chat offers.</summary>
    public Access Highest => memberships.Count == 0 ? Access.Anyone : memberships.Max(m => m.Role).ToAccess();

    /// <summary>The level in a chapter: the highest role held in it or any chapter above it.</summary>
    public Access In(long chapterId)
    {
        var above = tree.AncestorsAndSelf(chapterId).Select(c => c.Id).ToHashSet();
        var roles = memberships.Where(m => above.Contains(m.ChapterId)).Select(m => m.Role).ToList();
        return roles.Count == 0 ? Access.Anyone : roles.Max().ToAccess();
    }

    /// <summary>The level a chat offers: in a private chat the highest anywhere; in a group linked to a chapter
    /// the level in that chapter; in an unlinked group the highest (so an admin can link it).</summary>
    public Access InChat(long chatId, bool privateChat) =>
        privateChat || tree.ByGroup(chatId) is not { } chapter ? Highest : In(chapter.Id);

    /// <summary>Whether the chapter's events and counts are for this person: they belong to it (or above), or
    /// to a chapter below it.</summary>
    public bool CanSee(long chapterId) =>
        In(chapterId) >= Access.Member
        || memberships.Any(m => tree.AncestorsAndSelf(m.ChapterId).Any(a => a.Id == chapterId));

    /// <summary>Whether this person may see who belongs to the chapter and who answered what.</summary>
    public bool CanSeeNames(long chapterId) => In(chapterId) >= Access.Organizer;

    public bool IsAdminOf(long chapterId) => In(chapterId) >= Access.Admin;

    /// <summary>Whether this person may give <paramref name="role"/> in the chapter: admins of it or a chapter
    /// above it give every role, up to their own.</summary>
    public bool CanGrant(Role role, long chapterId) => IsAdminOf(chapterId) && In(chapterId) >= role.ToAccess();

    /// <summary>Whether this person may make and revoke the chapter's invites.</summary>
    public bool CanInvite(long chapterId) => IsAdminOf(chapterId);

    /// <summary>Whether this person may know of someone with <paramref name="theirs"/>: they belong to a chapter
    /// whose names this person may see.</summary>
    public bool CanKnowOf(IEnumerable<Membership> theirs) => theirs.Any(m => CanSeeNames(m.ChapterId));

    /// <summary>Whether this person may create, change and cancel the chapter's events (and so sees the organizer
    /// buttons under their cards).</summary>
    public bool CanOrganize(long chapterId) => tree.Find(chapterId) is not null && In(chapterId) >= Access.Organizer;

    /// <summary>The chapters whose events this person may organize, in tree order.</summary>
    public IReadOnlyList<Chapter> Organized() => Where(Access.Organizer);

    /// <summary>The chapter an organizer means when they name none: the only one they organize directly.</summary>
    public Chapter? DefaultToOrganize() => Default(Access.Organizer);

    /// <summary>The chapters this person can see, in tree order.</summary>
    public IReadOnlyList<Chapter> Visible() => tree.InOrder().Where(c => CanSee(c.Id)).ToList();

    /// <summary>The chapters in which this person holds at least <paramref name="level"/>, in tree order.</summary>
    public IReadOnlyList<Chapter> Where(Access level) => tree.InOrder().Where(c => In(c.Id) >= level).ToList();

    /// <summary>The chapter a command means when none is named: the only one where this person holds
    /// <paramref name="level"/>, those below their own included, else none (the command then asks). An admin of a
    /// chapter with sub-chapters could mean any of them, so nothing is picked for them silently.</summary>
    public Chapter? Default(Access level)
    {
        var reach = Where(level);
        return reach.Count == 1 ? reach[0] : null;
    }

    /// <summary>The only chapter where this person holds <paramref name="level"/> directly, else none: for views
    /// that show the chapters below it as well (the member list), where the top one is what they mean.</summary>
    public Chapter? Top(Access level)
    {
        var direct = memberships.Where(m => m.Role.ToAccess() >= level).Select(m => tree.Find(m.ChapterId)).OfType<Chapter>().ToList();
        return direct.Count == 1 ? direct[0] : null;
    }
}
