namespace Bot.Domain.Events;

/// <summary>Where events and answers are kept; additions join the caller's unit of work.</summary>
public interface IEventStore
{
    Task<Event?> Event(long id, CancellationToken ct);

    void Add(Event @event);

    Task<IReadOnlyList<Rsvp>> Rsvps(long eventId, CancellationToken ct);

    void Add(Rsvp rsvp);

    /// <summary>Events of the given chapters that have not started and are not cancelled, soonest first.</summary>
    Task<IReadOnlyList<Event>> Upcoming(IReadOnlyCollection<long> chapterIds, DateTime now, CancellationToken ct);

    /// <summary>The member's answers to events that have not started, soonest first.</summary>
    Task<IReadOnlyList<(Event Event, Rsvp Rsvp)>> AnswersOf(long userId, DateTime now, CancellationToken ct);
}
