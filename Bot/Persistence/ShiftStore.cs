using Bot.Domain.Reminders;
using Bot.Domain.Canvassing;
using Bot.Domain.Chapters;
using Microsoft.EntityFrameworkCore;

namespace Bot.Persistence;

/// <summary>The shift store on EF Core.</summary>
public sealed class ShiftStore(BotDbContext db, Telegram.Outbox.OutboxSignal signal) : IShiftStore
{
    public async Task<Shift?> Shift(long id, CancellationToken ct) => await db.Shifts.FindAsync([id], ct);

    public async Task AddWithId(Shift shift, CancellationToken ct)
    {
        db.Shifts.Add(shift);
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<ShiftSignUp>> SignUps(long shiftId, CancellationToken ct)
    {
        var stored = await db.ShiftSignUps.Where(s => s.ShiftId == shiftId).ToListAsync(ct);
        var added = db.ChangeTracker.Entries<ShiftSignUp>().Where(e => e.State == EntityState.Added && e.Entity.ShiftId == shiftId).Select(e => e.Entity);
        var removed = db.ChangeTracker.Entries<ShiftSignUp>().Where(e => e.State == EntityState.Deleted).Select(e => e.Entity).ToHashSet();
        return stored.Union(added).Where(s => !removed.Contains(s)).ToList();
    }

    public void Add(ShiftSignUp signUp) => db.ShiftSignUps.Add(signUp);

    public void Remove(ShiftSignUp signUp) => db.ShiftSignUps.Remove(signUp);

    public async Task<IReadOnlyDictionary<long, Member>> SignedUp(long shiftId, CancellationToken ct)
    {
        // From the sign-ups as this unit of work holds them: the press being answered is not saved yet.
        var users = (await SignUps(shiftId, ct)).Select(s => s.UserId).ToList();
        return await db.Members.AsNoTracking().Where(m => users.Contains(m.UserId)).ToDictionaryAsync(m => m.UserId, ct);
    }

    public async Task<IReadOnlyList<Shift>> Upcoming(IReadOnlyCollection<long> chapterIds, DateTime now, CancellationToken ct) =>
        await db.Shifts
            .Where(s => chapterIds.Contains(s.ChapterId) && s.StartsAt > now && s.CancelledAt == null)
            .OrderBy(s => s.StartsAt).ThenBy(s => s.Id)
            .ToListAsync(ct);

    public async Task<IReadOnlyList<Shift>> SignedUpFor(long userId, DateTime now, CancellationToken ct) =>
        await db.Shifts
            .Where(s => s.EndsAt > now && s.CancelledAt == null && db.ShiftSignUps.Any(u => u.ShiftId == s.Id && u.UserId == userId))
            .OrderBy(s => s.StartsAt).ThenBy(s => s.Id)
            .ToListAsync(ct);

    public async Task<IReadOnlyList<Shift>> Worked(long userId, DateTime now, CancellationToken ct)
    {
        var shifts = await db.Shifts
            .Where(s => s.EndsAt <= now && s.CancelledAt == null && db.ShiftSignUps.Any(u => u.ShiftId == s.Id && u.UserId == userId))
            .OrderByDescending(s => s.EndsAt).ThenByDescending(s => s.Id)
            .Take(20)
            .ToListAsync(ct);
        var worked = new List<Shift>();
        foreach (var shift in shifts)
        {
            // Only who had a slot worked it; who was still waiting at the start did not.
            if (Roster.Of(shift, await SignUps(shift.Id, ct)).HasPlace(userId))
            {
                worked.Add(shift);
            }
        }

        return worked;
    }

    public async Task<ShiftReport?> Report(long shiftId, long userId, CancellationToken ct) =>
        await db.ShiftReports.SingleOrDefaultAsync(r => r.ShiftId == shiftId && r.UserId == userId, ct);

    public void Add(ShiftReport report) => db.ShiftReports.Add(report);

    public async Task<IReadOnlyList<(Shift Shift, IReadOnlyList<ShiftReport> Reports)>> Ended(IReadOnlyCollection<long> chapterIds, DateTime now, CancellationToken ct)
    {
        var shifts = await db.Shifts.AsNoTracking()
            .Where(s => chapterIds.Contains(s.ChapterId) && s.EndsAt <= now && s.CancelledAt == null)
            .OrderBy(s => s.StartsAt).ThenBy(s => s.Id)
            .ToListAsync(ct);
        var ids = shifts.Select(s => s.Id).ToList();
        var reports = (await db.ShiftReports.AsNoTracking().Where(r => ids.Contains(r.ShiftId)).OrderBy(r => r.Id).ToListAsync(ct)).ToLookup(r => r.ShiftId);
        return shifts.Select(s => (s, (IReadOnlyList<ShiftReport>)reports[s.Id].ToList())).ToList();
    }

    public async Task<IReadOnlyList<Shift>> StaffingDue(DateTime now, DateTime until, CancellationToken ct) =>
        await db.Shifts.Where(s => s.StaffingCheckedAt == null && s.CancelledAt == null && s.StartsAt > now && s.StartsAt <= until)
            .OrderBy(s => s.StartsAt).ToListAsync(ct);

    public async Task<IReadOnlyList<Shift>> ResultsDue(DateTime now, CancellationToken ct) =>
        await db.Shifts.Where(s => s.ResultsAskedAt == null && s.CancelledAt == null && s.EndsAt <= now)
            .OrderBy(s => s.EndsAt).ToListAsync(ct);

    public async Task<IReadOnlyList<Shift>> StartingBetween(DateTime now, DateTime until, CancellationToken ct) =>
        await db.Shifts.Where(s => s.CancelledAt == null && s.StartsAt > now && s.StartsAt <= until).OrderBy(s => s.StartsAt).ToListAsync(ct);

    public async Task<IReadOnlyList<ShiftReminderRecord>> RemindersSent(long shiftId, CancellationToken ct) =>
        await db.ShiftReminders.AsNoTracking().Where(r => r.ShiftId == shiftId).ToListAsync(ct);

    public async Task<IReadOnlyDictionary<long, MemberSettings>> ReminderSettings(IReadOnlyCollection<long> userIds, CancellationToken ct) =>
        await db.MemberSettings.AsNoTracking().Where(s => userIds.Contains(s.UserId)).ToDictionaryAsync(s => s.UserId, ct);

    public void Add(ShiftReminderRecord record) => db.ShiftReminders.Add(record);

    public async Task Save(CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        signal.Notify(); // the sweep's messages are committed: the dispatcher sends them
    }
}
