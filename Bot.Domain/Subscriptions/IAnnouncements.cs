using Bot.Domain.Events;

namespace Bot.Domain.Subscriptions;

/// <summary>Tells the chapter's members subscribed to <c>events</c> about an event, privately, with its buttons;
/// queued in the caller's unit of work.</summary>
public interface IAnnouncements
{
    /// <summary>Returns how many it goes to; <paramref name="except"/> (the organizer who posted it) is left out.</summary>
    Task<int> Announce(Event @event, long? except, CancellationToken ct);
}
