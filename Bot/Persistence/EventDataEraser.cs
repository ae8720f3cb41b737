using Bot.Domain.Events;
using Bot.Domain.Messaging;
using Bot.Domain.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Bot.Persistence;

/// <summary>The events' part of a person: their answers, and the events they created. Erasing keeps each answer to
/// a past event as an anonymous count (its numbers stay right) and the events without who created them; answers to
/// events still to come are withdrawn through the domain, as nobody is left to come: their places go to the next on
/// the waitlist, who is told, and the cards show it.</summary>
public sealed class EventDataEraser(BotDbContext db, TimeProvider clock, EventService events, FreedPlaces freed) : IPersonalDataHolder
{
    public string Section => "events";

    public async Task<object?> Export(long userId, CancellationToken ct)
    {
        var answers = (await db.Rsvps.AsNoTracking()
            .Where(r => r.UserId == userId)
            .Join(db.Events, r => r.EventId, e => e.Id, (r, e) => new { e.Title, e.StartsAt, r.Answer, r.Guests, r.AnsweredAt })
            .OrderBy(a => a.StartsAt)
            .ToListAsync(ct))
            .Select(a => new { a.Title, a.StartsAt, Answer = a.Answer.ToString().ToLowerInvariant(), a.Guests, a.AnsweredAt })
            .ToList();
        var created = await db.Events.AsNoTracking()
            .Where(e => e.CreatedBy == userId)
            .OrderBy(e => e.StartsAt)
            .Select(e => new { e.Title, e.StartsAt, e.Place, e.CreatedAt })
            .ToListAsync(ct);
        return answers.Count == 0 && created.Count == 0 ? null : new { Answers = answers, EventsCreated = created };
    }

    public async Task Erase(long userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var withdrawn in await events.Withdraw(userId, ct))
        {
            await freed.Settle(withdrawn.Event, withdrawn.Promoted, Urgency.Bulk, ct);
        }

        // Answers to cancelled events still to come: no place to give on, nobody to tell.
        await db.Rsvps.Where(r => r.UserId == userId && db.Events.Any(e => e.Id == r.EventId && e.StartsAt > now && e.CancelledAt != null)).ExecuteDeleteAsync(ct);
        await db.Rsvps.Where(r => r.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(r => r.UserId, (long?)null), ct);
        await db.Events.Where(e => e.CreatedBy == userId).ExecuteUpdateAsync(s => s.SetProperty(e => e.CreatedBy, (long?)null), ct);
    }
}
