using Bot.Domain.Events;
using Bot.Domain.Reminders;
using Microsoft.EntityFrameworkCore;

namespace Bot.Persistence;

/// <summary>Members' settings and mutes on EF Core.</summary>
public sealed class SettingsStore(BotDbContext db) : ISettingsStore
{
    public async Task<MemberSettings?> Settings(long userId, CancellationToken ct) => await db.MemberSettings.FindAsync([userId], ct);

    public void Add(MemberSettings settings) => db.MemberSettings.Add(settings);

    public Task<bool> Answered(long eventId, long userId, CancellationToken ct) =>
        db.Rsvps.AnyAsync(r => r.EventId == eventId && r.UserId == userId, ct);

    public async Task<bool> IsMuted(long eventId, long userId, CancellationToken ct) =>
        await db.ReminderMutes.FindAsync([eventId, userId], ct) is not null;

    public void Add(ReminderMute mute) => db.ReminderMutes.Add(mute);

    public async Task<IReadOnlyList<Event>> AnsweredUpcoming(long userId, DateTime now, CancellationToken ct) =>
        await db.Events
            .Where(e => e.CancelledAt == null && e.StartsAt > now
                && db.Rsvps.Any(r => r.EventId == e.Id && r.UserId == userId && (r.Answer == Answer.Yes || r.Answer == Answer.Maybe)))
            .ToListAsync(ct);
}
