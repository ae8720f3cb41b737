using Bot.Domain.Chapters;
using Bot.Domain.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Bot.Persistence;

/// <summary>The chapter world's part of a person: their member row, memberships, the role changes about them or
/// made by them, and the invites they created. Erasing deletes the member and their memberships; the audit log
/// and the invites stay, without who.</summary>
public sealed class ChapterDataEraser(BotDbContext db) : IPersonalDataHolder
{
    public string Section => "chapters";

    public async Task<object?> Export(long userId, CancellationToken ct)
    {
        var member = await db.Members.FindAsync([userId], ct);
        var chapters = await db.Chapters.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.UserId == userId).OrderBy(m => m.Since).ToListAsync(ct);
        var changes = await db.RoleChanges.AsNoTracking().Where(r => r.UserId == userId || r.ActorId == userId).OrderBy(r => r.At).ThenBy(r => r.Id).ToListAsync(ct);
        var invites = await db.Invites.AsNoTracking().Where(i => i.CreatedBy == userId).OrderBy(i => i.CreatedAt).ToListAsync(ct);
        if (member is null && memberships.Count == 0 && changes.Count == 0 && invites.Count == 0)
        {
            return null;
        }

        string ChapterName(long id) => chapters.GetValueOrDefault(id) ?? $"#{id}";

        // Only the person's own side of each record: who else was involved is theirs to ask about.
        return new
        {
            Member = member is null ? null : new
            {
                member.UserId,
                member.DisplayName,
                member.Username,
                member.Language,
                member.LanguageChosen,
                member.JoinedAt,
                member.ConsentedAt,
                member.Reachable,
            },
            Memberships = memberships.Select(m => new { Chapter = ChapterName(m.ChapterId), Role = Name(m.Role), m.Since }),
            RoleChanges = changes.Select(r => new
            {
                r.At,
                Chapter = ChapterName(r.ChapterId),
                OldRole = r.OldRole is { } old ? Name(old) : null,
                NewRole = Name(r.NewRole),
                AboutYou = r.UserId == userId,
                ByYou = r.ActorId == userId,
            }),
            InvitesCreated = invites.Select(i => new
            {
                Chapter = ChapterName(i.ChapterId),
                i.CreatedAt,
                i.ExpiresAt,
                i.MaxUses,
                i.Uses,
                i.RevokedAt,
            }),
        };
    }

    public async Task Erase(long userId, CancellationToken ct)
    {
        // Tracked changes rather than bulk statements: the unit of work may already hold these rows (the router
        // refreshed the member's name), and the two must not disagree when it commits.
        db.Memberships.RemoveRange(await db.Memberships.Where(m => m.UserId == userId).ToListAsync(ct));
        foreach (var added in db.ChangeTracker.Entries<Membership>().Where(e => e.State == EntityState.Added && e.Entity.UserId == userId).ToList())
        {
            added.State = EntityState.Detached;
        }

        if (await db.Members.FindAsync([userId], ct) is { } member)
        {
            db.Members.Remove(member);
        }

        foreach (var change in await db.RoleChanges.Where(r => r.UserId == userId || r.ActorId == userId).ToListAsync(ct))
        {
            change.UserId = change.UserId == userId ? null : change.UserId;
            change.ActorId = change.ActorId == userId ? null : change.ActorId;
        }

        foreach (var invite in await db.Invites.Where(i => i.CreatedBy == userId).ToListAsync(ct))
        {
            invite.CreatedBy = null;
        }
    }

    private static string Name(Role role) => role.ToString().ToLowerInvariant();
}
