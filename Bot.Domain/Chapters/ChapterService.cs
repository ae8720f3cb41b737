namespace Bot.Domain.Chapters;

/// <summary>What people do with chapters: create them, invite and admit members, grant roles, see who
/// belongs. Everything a user can get wrong is an outcome, not an exception; every decision about access is
/// the <see cref="Permissions"/> policy's.</summary>
public sealed class ChapterService(IChapterStore store, TimeProvider clock, ConfiguredAdmins configuredAdmins)
{
    public static readonly TimeSpan DefaultInviteValidity = TimeSpan.FromDays(7);
    public static readonly TimeSpan MaxInviteValidity = TimeSpan.FromDays(90);
    public const int MaxInviteUses = 1000;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The one policy for this person, asked by the router before anything runs and by every query.</summary>
    public async Task<Permissions> PermissionsOf(long userId, CancellationToken ct) =>
        new(userId, await store.Tree(ct), await store.MembershipsOf(userId, ct));

    /// <summary>What each of these people may do, in one look at the memberships.</summary>
    public async Task<IReadOnlyDictionary<long, Permissions>> PermissionsOf(IReadOnlyCollection<long> userIds, CancellationToken ct)
    {
        if (userIds.Count == 0)
        {
            // A press in a group asks for nobody: no look at the memberships for it.
            return new Dictionary<long, Permissions>();
        }

        var tree = await store.Tree(ct);
        var memberships = await store.MembershipsOf(userIds, ct);
        return userIds.Distinct().ToDictionary(id => id, id => new Permissions(id, tree, memberships[id].ToList()));
    }

    /// <summary>The person as a member, or null for someone who never joined.</summary>
    public Task<Member?> Member(long userId, CancellationToken ct) => store.Member(userId, ct);

    /// <summary>The organizers and admins by a role held in one of <paramref name="chapters"/> or a chapter above, each
    /// with their level in <paramref name="linked"/> (<see cref="Access.Anyone"/> for none): the people whose command
    /// menu in a group changes when the group's chapter does.</summary>
    public async Task<IReadOnlyList<(Member Member, Access Level)>> Leaders(ChapterTree tree, IEnumerable<Chapter> chapters, Chapter? linked, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var reach = chapters.Append(linked).OfType<Chapter>().SelectMany(c => tree.AncestorsAndSelf(c.Id)).Select(c => c.Id).Distinct().ToList();
        var held = await store.MembersOf(reach, ct);
        return held.Where(h => h.Membership.Role >= Role.Organizer)
            .Select(h => h.Member)
            .DistinctBy(m => m.UserId)
            .Select(m => (m, linked is null
                ? Access.Anyone
                : new Permissions(m.UserId, tree, held.Where(h => h.Member.UserId == m.UserId).Select(h => h.Membership).ToList()).In(linked.Id)))
            .ToList();
    }

    /// <summary>The chapters this person can see, in tree order, with their depth and how many belong to each.</summary>
    public async Task<IReadOnlyList<ChapterSummary>> Overview(Permissions actor, CancellationToken ct)
    {
        var counts = await store.MemberCounts(ct);
        return actor.Visible().Select(c => new ChapterSummary(c, actor.Tree.Depth(c.Id), counts.GetValueOrDefault(c.Id))).ToList();
    }

    /// <summary>Creates the root chapter on the first start and makes the configured admins its admins, at every
    /// start. Such an admin has no name until they first write to the bot.</summary>
    public async Task Bootstrap(string rootName, IReadOnlyCollection<long> admins, CancellationToken ct)
    {
        var tree = await store.Tree(ct);
        if (tree.Root is null)
        {
            store.Add(new Chapter { Name = rootName.Trim(), CreatedAt = Now });
            return; // the memberships need the root's id: the caller saves and calls again
        }

        foreach (var adminId in admins)
        {
            if (await store.Member(adminId, ct) is null)
            {
                store.Add(new Member { UserId = adminId, DisplayName = "Admin", JoinedAt = Now });
            }

            var memberships = await store.MembershipsOf(adminId, ct);
            var atRoot = memberships.FirstOrDefault(m => m.ChapterId == tree.Root.Id);
            if (atRoot is null)
            {
                store.Add(new Membership { UserId = adminId, ChapterId = tree.Root.Id, Role = Role.Admin, Since = Now });
                store.Add(new RoleChange { At = Now, ChapterId = tree.Root.Id, UserId = adminId, NewRole = Role.Admin });
            }
            else if (atRoot.Role != Role.Admin)
            {
                store.Add(new RoleChange { At = Now, ChapterId = tree.Root.Id, UserId = adminId, OldRole = atRoot.Role, NewRole = Role.Admin });
                atRoot.Role = Role.Admin;
            }
        }
    }

    /// <summary>Keeps a member's name, username and, until they choose one, language as Telegram shows them now;
    /// nothing is stored about people who are not members.</summary>
    public async Task Refresh(Person person, CancellationToken ct)
    {
        if (await store.Member(person.UserId, ct) is not { } member)
        {
            return;
        }

        if (member.DisplayName != person.DisplayName)
        {
            member.DisplayName = person.DisplayName;
        }

        if (member.Username != person.Username)
        {
            member.Username = person.Username;
        }

        if (!member.LanguageChosen && member.Language != person.Language)
        {
            member.Language = person.Language;
        }
    }

    public async Task<AddChapterOutcome> AddChapter(Permissions actor, string name, Chapter? parent, CancellationToken ct)
    {
        name = name.Trim();
        var tree = await store.Tree(ct);
        parent ??= tree.Root;
        if (parent is null || !actor.IsAdminOf(parent.Id))
        {
            return new AddChapterOutcome.NotAdmin();
        }

        if (name.Length == 0 || name.Length > Chapter.MaxNameLength || name.Any(char.IsControl))
        {
            return new AddChapterOutcome.InvalidName();
        }

        if (tree.Find(name) is { } existing)
        {
            return new AddChapterOutcome.NameTaken(existing);
        }

        var chapter = new Chapter { Name = name, ParentId = parent.Id, CreatedAt = Now };
        store.Add(chapter);
        return new AddChapterOutcome.Added(chapter, parent);
    }

    /// <summary>A new invite into the chapter, with its id (the revoke button needs it).</summary>
    public async Task<InviteOutcome> CreateInvite(Permissions actor, Chapter chapter, TimeSpan validity, int uses, CancellationToken ct)
    {
        if (!actor.CanInvite(chapter.Id))
        {
            return new InviteOutcome.NotAdmin();
        }

        if (validity <= TimeSpan.Zero || validity > MaxInviteValidity || uses < 1 || uses > MaxInviteUses)
        {
            return new InviteOutcome.OutOfRange();
        }

        var now = Now; // read once: the invite holds for exactly the validity asked for
        var invite = new Invite
        {
            Code = Invite.NewCode(),
            ChapterId = chapter.Id,
            CreatedBy = actor.UserId,
            CreatedAt = now,
            ExpiresAt = now + validity,
            MaxUses = uses,
        };
        await store.Add(invite, ct);
        return new InviteOutcome.Created(invite, chapter);
    }

    /// <summary>What an invite code is good for right now, and for which chapter.</summary>
    public async Task<(InviteState State, Invite? Invite, Chapter? Chapter)> CheckInvite(string? code, CancellationToken ct)
    {
        if (!Invite.LooksLikeCode(code) || await store.Invite(code!, ct) is not { } invite)
        {
            return (InviteState.Unknown, null, null);
        }

        var chapter = (await store.Tree(ct)).Find(invite.ChapterId);
        return chapter is null ? (InviteState.Unknown, null, null) : (invite.StateAt(Now), invite, chapter);
    }

    /// <summary>What an invite offers this person before they agree to anything: a chapter to join, the news that
    /// they belong to it already, or why the link is no good. Nothing about them is stored.</summary>
    public async Task<InvitationOutcome> Invitation(Permissions person, string? code, CancellationToken ct)
    {
        var (state, _, chapter) = await CheckInvite(code, ct);
        if (state != InviteState.Valid || chapter is null)
        {
            return new InvitationOutcome.NotValid(state);
        }

        return person.Memberships.Any(m => m.ChapterId == chapter.Id)
            ? new InvitationOutcome.AlreadyMember(chapter)
            : new InvitationOutcome.Open(chapter);
    }

    /// <summary>Admits a person who agreed to the privacy notice. Only now is anything about them stored. A member
    /// of the invite's chapter hears that they are one, whatever became of the invite since (a second press on the
    /// notice must not say the link is used up by their own first press).</summary>
    public async Task<JoinOutcome> Join(string? code, Person person, CancellationToken ct)
    {
        var (state, invite, chapter) = await CheckInvite(code, ct);
        if (chapter is not null && (await store.MembershipsOf(person.UserId, ct)).Any(m => m.ChapterId == chapter.Id))
        {
            return new JoinOutcome.AlreadyMember(chapter);
        }

        if (state != InviteState.Valid)
        {
            return new JoinOutcome.NotValid(state);
        }

        var member = await store.Member(person.UserId, ct);
        if (member is null)
        {
            member = new Member { UserId = person.UserId, DisplayName = person.DisplayName, JoinedAt = Now };
            store.Add(member);
        }

        member.DisplayName = person.DisplayName;
        member.Username = person.Username;
        if (!member.LanguageChosen)
        {
            member.Language = person.Language;
        }

        member.ConsentedAt ??= Now;
        member.Reachable = true;

        store.Add(new Membership { UserId = person.UserId, ChapterId = chapter!.Id, Role = Role.Member, Since = Now });
        store.Add(new RoleChange { At = Now, ChapterId = chapter.Id, UserId = person.UserId, ActorId = invite!.CreatedBy, NewRole = Role.Member });
        invite.Uses++;
        return new JoinOutcome.Joined(chapter);
    }

    /// <summary>Ends an invite, by an admin of its chapter. Whoever else asks learns nothing about it, not even
    /// whether it exists.</summary>
    public async Task<RevokeOutcome> RevokeInvite(Permissions actor, long inviteId, CancellationToken ct)
    {
        if (await store.Invite(inviteId, ct) is not { } invite || !actor.CanInvite(invite.ChapterId))
        {
            return new RevokeOutcome.Refused();
        }

        var chapter = actor.Tree.Find(invite.ChapterId);
        if (invite.RevokedAt is not null)
        {
            return new RevokeOutcome.AlreadyRevoked(invite, chapter);
        }

        invite.RevokedAt = Now;
        return new RevokeOutcome.Revoked(invite, chapter);
    }

    /// <summary>The person with this Telegram id, as someone to give a role: unknown unless this person may know
    /// of them (<see cref="Permissions.CanKnowOf"/>), in the same way whether nobody has the id or somebody this
    /// person may not see.</summary>
    public async Task<TargetOutcome> Target(Permissions actor, long userId, CancellationToken ct) =>
        await Target(actor, await store.Member(userId, ct), ct);

    /// <summary>The person with this @username (with or without the @), as <see cref="Target(Permissions, long, CancellationToken)"/>.</summary>
    public async Task<TargetOutcome> Target(Permissions actor, string username, CancellationToken ct) =>
        await Target(actor, await store.MemberByUsername(username, ct), ct);

    private async Task<TargetOutcome> Target(Permissions actor, Member? member, CancellationToken ct)
    {
        if (member is null || !actor.CanKnowOf(await store.MembershipsOf(member.UserId, ct)))
        {
            return new TargetOutcome.Unknown();
        }

        return MayHoldRoles(member) ? new TargetOutcome.Found(member) : new TargetOutcome.NotJoined(member);
    }

    /// <summary>The chapters in which this person may give <paramref name="target"/> a role, in tree order, those
    /// the target already belongs to first.</summary>
    public async Task<GrantChoices> ChoicesFor(Permissions actor, Member target, CancellationToken ct)
    {
        var theirs = (await store.MembershipsOf(target.UserId, ct)).Select(m => m.ChapterId).ToHashSet();
        var adminOf = actor.Where(Access.Admin);
        var first = adminOf.Where(c => theirs.Contains(c.Id)).ToList();
        return new GrantChoices([.. first, .. adminOf.Where(c => !theirs.Contains(c.Id))], first.Count);
    }

    /// <summary>Gives <paramref name="target"/> a role in a chapter; only admins of that chapter or one above
    /// may (<see cref="Permissions.CanGrant"/>), and only to people who joined through an invite or are admins by
    /// configuration. Every change goes into the audit log.</summary>
    public async Task<RoleOutcome> Grant(Permissions actor, Member target, Role role, Chapter chapter, CancellationToken ct)
    {
        if (!actor.CanGrant(role, chapter.Id))
        {
            return new RoleOutcome.NotAdmin(chapter);
        }

        if (!MayHoldRoles(target))
        {
            return new RoleOutcome.NotJoined(target);
        }

        var memberships = await store.MembershipsOf(target.UserId, ct);
        var current = memberships.FirstOrDefault(m => m.ChapterId == chapter.Id);
        if (current?.Role == role)
        {
            return new RoleOutcome.Unchanged(target, role, chapter);
        }

        var previous = current?.Role;
        if (current is null)
        {
            store.Add(new Membership { UserId = target.UserId, ChapterId = chapter.Id, Role = role, Since = Now });
        }
        else
        {
            current.Role = role;
        }

        store.Add(new RoleChange { At = Now, ChapterId = chapter.Id, UserId = target.UserId, ActorId = actor.UserId, OldRole = previous, NewRole = role });
        return new RoleOutcome.Granted(target, previous, role, chapter);
    }

    /// <summary>Roles are for people who agreed to the privacy notice, and for admins by configuration.</summary>
    private bool MayHoldRoles(Member member) => member.ConsentedAt is not null || configuredAdmins.Contains(member.UserId);

    /// <summary>Who belongs to a chapter and the chapters below it, with their roles: for organizers only.</summary>
    public async Task<MembersOutcome> Members(Permissions actor, Chapter chapter, CancellationToken ct)
    {
        if (!actor.CanSeeNames(chapter.Id))
        {
            return new MembersOutcome.Denied();
        }

        var tree = await store.Tree(ct);
        var ids = tree.DescendantsAndSelf(chapter.Id).Select(c => c.Id).ToList();
        var rows = await store.MembersOf(ids, ct);
        return new MembersOutcome.Listed(chapter, rows.Select(r => new MemberEntry(r.Member, r.Membership.Role, tree.Find(r.Membership.ChapterId)!)).ToList());
    }
}

/// <summary>Who someone is on Telegram, as far as joining needs.</summary>
/// <param name="Language">The language their app reports, when the bot speaks it (<c>de</c>, <c>en</c>); else null.</param>
public sealed record Person(long UserId, string DisplayName, string? Username, string? Language);

public sealed record MemberEntry(Member Member, Role Role, Chapter Chapter);

/// <summary>A chapter as the overview shows it: how deep in the tree, and how many belong to it directly.</summary>
public sealed record ChapterSummary(Chapter Chapter, int Depth, int Members);

/// <summary>Where a role may be given, those the target already belongs to first (<c>Theirs</c> of them).</summary>
public sealed record GrantChoices(IReadOnlyList<Chapter> Chapters, int Theirs);

public abstract record AddChapterOutcome
{
    public sealed record Added(Chapter Chapter, Chapter Parent) : AddChapterOutcome;
    public sealed record NotAdmin : AddChapterOutcome;
    public sealed record InvalidName : AddChapterOutcome;
    public sealed record NameTaken(Chapter Existing) : AddChapterOutcome;
}

public abstract record InviteOutcome
{
    public sealed record Created(Invite Invite, Chapter Chapter) : InviteOutcome;
    public sealed record NotAdmin : InviteOutcome;
    public sealed record OutOfRange : InviteOutcome;
}

public abstract record InvitationOutcome
{
    public sealed record Open(Chapter Chapter) : InvitationOutcome;
    public sealed record AlreadyMember(Chapter Chapter) : InvitationOutcome;
    public sealed record NotValid(InviteState State) : InvitationOutcome;
}

public abstract record JoinOutcome
{
    public sealed record Joined(Chapter Chapter) : JoinOutcome;
    public sealed record AlreadyMember(Chapter Chapter) : JoinOutcome;
    public sealed record NotValid(InviteState State) : JoinOutcome;
}

public abstract record RoleOutcome
{
    public sealed record Granted(Member Member, Role? From, Role To, Chapter Chapter) : RoleOutcome;
    public sealed record Unchanged(Member Member, Role Role, Chapter Chapter) : RoleOutcome;
    public sealed record NotAdmin(Chapter Chapter) : RoleOutcome;
    public sealed record NotJoined(Member Member) : RoleOutcome;
}

public abstract record RevokeOutcome
{
    /// <summary>Revoked now; <paramref name="Chapter"/> is the invite's chapter.</summary>
    public sealed record Revoked(Invite Invite, Chapter? Chapter) : RevokeOutcome;
    public sealed record AlreadyRevoked(Invite Invite, Chapter? Chapter) : RevokeOutcome;

    /// <summary>No such invite, or not this person's to revoke.</summary>
    public sealed record Refused : RevokeOutcome;
}

public abstract record TargetOutcome
{
    public sealed record Found(Member Member) : TargetOutcome;

    /// <summary>Known, but never joined: no role for them until they do.</summary>
    public sealed record NotJoined(Member Member) : TargetOutcome;
    public sealed record Unknown : TargetOutcome;
}

public abstract record MembersOutcome
{
    public sealed record Listed(Chapter Chapter, IReadOnlyList<MemberEntry> Entries) : MembersOutcome;
    public sealed record Denied : MembersOutcome;
}
