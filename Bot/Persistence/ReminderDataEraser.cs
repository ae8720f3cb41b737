using Bot.Domain.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Bot.Persistence;

/// <summary>What reminders keep about a person: their settings, the reminders they were sent, the events they
/// muted. Erasure removes all of it; nothing here is needed for anonymous counts.</summary>
public sealed class ReminderDataEraser(BotDbContext db) : IPersonalDataHolder
{
    public string Section => "reminders";

    public async Task<object?> Export(long userId, CancellationToken ct)
    {
        var settings = await db.MemberSettings.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == userId, ct);
        var sent = await db.RemindersSent.AsNoTracking().Where(r => r.UserId == userId).OrderBy(r => r.SentAt)
            .Select(r => new { r.EventId, r.LeadMinutes, r.SentAt }).ToListAsync(ct);
        var muted = await db.ReminderMutes.AsNoTracking().Where(m => m.UserId == userId)
            .Select(m => new { m.EventId, m.MutedAt }).ToListAsync(ct);
        return settings is null && sent.Count == 0 && muted.Count == 0
            ? null
            : new { settings = settings is null ? null : new { leadTimesMinutes = settings.LeadTimes, quietHours = settings.QuietHours, settings.ChangedAt }, sent, muted };
    }

    public async Task Erase(long userId, CancellationToken ct)
    {
        await db.MemberSettings.Where(s => s.UserId == userId).ExecuteDeleteAsync(ct);
        await db.RemindersSent.Where(r => r.UserId == userId).ExecuteDeleteAsync(ct);
        await db.ReminderMutes.Where(m => m.UserId == userId).ExecuteDeleteAsync(ct);
    }
}
