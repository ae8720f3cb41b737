using Bot.Domain.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Bot.Persistence;

/// <summary>The shifts' part of a person: their sign-ups and their reports, and the shifts they posted. Erasing
/// deletes the sign-ups (and which reminders they were sent) (slots still to come go to the next on the waitlist) and keeps each report as anonymous
/// counts, without the person and without their note.</summary>
public sealed class ShiftDataEraser(BotDbContext db) : IPersonalDataHolder
{
    public string Section => "shifts";

    public async Task<object?> Export(long userId, CancellationToken ct)
    {
        var signUps = await db.ShiftSignUps.AsNoTracking()
            .Where(s => s.UserId == userId)
            .Join(db.Shifts, s => s.ShiftId, shift => shift.Id, (s, shift) => new { shift.Area, shift.StartsAt, shift.EndsAt, shift.MeetingPoint, s.SignedUpAt })
            .OrderBy(s => s.StartsAt)
            .ToListAsync(ct);
        var reports = await db.ShiftReports.AsNoTracking()
            .Where(r => r.UserId == userId)
            .Join(db.Shifts, r => r.ShiftId, shift => shift.Id, (r, shift) => new { shift.Area, shift.StartsAt, r.Doors, r.Conversations, r.Note, r.ReportedAt })
            .OrderBy(r => r.StartsAt)
            .ToListAsync(ct);
        var posted = await db.Shifts.AsNoTracking()
            .Where(s => s.CreatedBy == userId)
            .OrderBy(s => s.StartsAt)
            .Select(s => new { s.Area, s.StartsAt, s.MeetingPoint, s.CreatedAt })
            .ToListAsync(ct);
        return signUps.Count == 0 && reports.Count == 0 && posted.Count == 0 ? null : new { SignUps = signUps, Reports = reports, ShiftsPosted = posted };
    }

    public async Task Erase(long userId, CancellationToken ct)
    {
        // A changed roster is a changed shift: its version tells concurrent presses.
        await db.Shifts.Where(s => db.ShiftSignUps.Any(u => u.ShiftId == s.Id && u.UserId == userId))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Version, x => x.Version + 1), ct);
        await db.ShiftSignUps.Where(s => s.UserId == userId).ExecuteDeleteAsync(ct);
        await db.ShiftReminders.Where(r => r.UserId == userId).ExecuteDeleteAsync(ct);
        await db.ShiftReports.Where(r => r.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.UserId, (long?)null).SetProperty(r => r.Note, (string?)null), ct);
        await db.Shifts.Where(s => s.CreatedBy == userId).ExecuteUpdateAsync(s => s.SetProperty(x => x.CreatedBy, (long?)null), ct);
    }
}
