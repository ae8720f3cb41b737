using Bot.Domain.Chapters;

namespace Bot.Domain.Events;

/// <summary>Where events and answers are kept; additions join the caller's unit of work.</summary>
public interface IEventStore
{
    Task<Event?> Event(long id, CancellationToken ct);

    /// <summary>Adds the event and gives it its id, still inside the caller's unit of work: what is posted about
    /// it names the id.</summary>
    Task AddWithId(Event @event, CancellationToken ct);

    /// <summary>The event's answers as they stand in this unit of work, to read: a chapter's worth of them is read
    /// on every press, so they come untracked, and changing one of them changes nothing stored.</summary>
    Task<IReadOnlyList<Rsvp>> Rsvps(long eventId, CancellationToken ct);

    /// <summary>The answers to the event other than <paramref name="userId"/>'s, as they stand in this unit of work,
    /// counted where the database can count them; the yes answers listed only when <paramref name="listYes"/>.</summary>
    Task<AnswerTally> TallyOfOthers(long eventId, long userId, bool listYes, CancellationToken ct);

    /// <summary>The member's answer to the event, to change: what is changed on it is saved with the unit of work.</summary>
    Task<Rsvp?> AnswerOf(long eventId, long userId, CancellationToken ct);

    void Add(Rsvp rsvp);

    /// <summary>Removes the answer, inside the caller's unit of work.</summary>
    void Remove(Rsvp rsvp);

    /// <summary>The members who answered the event, by user id.</summary>
    Task<IReadOnlyDictionary<long, Member>> Answerers(long eventId, CancellationToken ct);

    /// <summary>Events of the given chapters that have not started and are not cancelled, soonest first.</summary>
    Task<IReadOnlyList<Event>> Upcoming(IReadOnlyCollection<long> chapterIds, DateTime now, CancellationToken ct);

    /// <summary>The member's answers to events that have not started, soonest first.</summary>
    Task<IReadOnlyList<(Event Event, Rsvp Rsvp)>> AnswersOf(long userId, DateTime now, CancellationToken ct);
}
