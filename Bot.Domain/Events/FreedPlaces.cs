using Bot.Domain.Messaging;

namespace Bot.Domain.Events;

/// <summary>Every posted copy of an event's card, as the host keeps them.</summary>
public interface IEventCards
{
    /// <summary>The event's answers changed: every copy is to be brought up to date once the change is saved.</summary>
    Task Stale(long eventId, CancellationToken ct);
}

/// <summary>The one path for a place that came free, whatever freed it (a ❌, an erasure, a larger capacity):
/// whoever moved up from the waitlist is told, and every copy of the card shows the new waitlist.</summary>
public sealed class FreedPlaces(EventNotices notices, IEventCards cards)
{
    public async Task Settle(Event @event, IReadOnlyList<long> promoted, Urgency urgency, CancellationToken ct)
    {
        await notices.Promoted(@event, promoted, urgency, ct);
        await cards.Stale(@event.Id, ct);
    }
}
