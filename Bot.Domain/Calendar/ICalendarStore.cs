using Bot.Domain.Events;

namespace Bot.Domain.Calendar;

/// <summary>Where series and their occurrences are kept; additions join the caller's unit of work.</summary>
public interface ICalendarStore
{
    Task<Series?> Series(long id, CancellationToken ct);

    /// <summary>Adds the series and gives it its id, still inside the caller's unit of work.</summary>
    Task AddWithId(Series series, CancellationToken ct);

    void Add(Occurrence occurrence);

    /// <summary>Stores a new event and the occurrence it is, together: committed at once when the caller has no
    /// unit of work open, so a crash never leaves an event that its series would make again.</summary>
    Task AddOccurrence(Event @event, Occurrence occurrence, CancellationToken ct);

    /// <summary>Series that are not cancelled; of the given chapters, or of all when null.</summary>
    Task<IReadOnlyList<Series>> Active(IReadOnlyCollection<long>? chapterIds, CancellationToken ct);

    /// <summary>The dates of these series that already became events.</summary>
    Task<IReadOnlyList<Occurrence>> Occurrences(IReadOnlyCollection<long> seriesIds, CancellationToken ct);

    /// <summary>The occurrence an event is, if it is one.</summary>
    Task<Occurrence?> OccurrenceOf(long eventId, CancellationToken ct);

    /// <summary>Dates of series waiting to be announced whose events start before <paramref name="untilUtc"/>.</summary>
    Task<IReadOnlyList<(Occurrence Occurrence, Event Event)>> DueAnnouncements(DateTime untilUtc, CancellationToken ct);

    /// <summary>The dates of the series that became events starting after <paramref name="nowUtc"/>, soonest first.</summary>
    Task<IReadOnlyList<(Occurrence Occurrence, Event Event)>> Future(long seriesId, DateTime nowUtc, CancellationToken ct);

    /// <summary>Commits the caller's unit of work, the messages it queued included.</summary>
    Task Save(CancellationToken ct);

    /// <summary>Events of the given chapters that start within the span and are not cancelled, soonest first.</summary>
    Task<IReadOnlyList<Event>> Events(IReadOnlyCollection<long> chapterIds, DateTime fromUtc, DateTime toUtc, CancellationToken ct);

    /// <summary>Canvassing shifts of the chapters starting in [from, to), not cancelled, soonest first.</summary>
    Task<IReadOnlyList<Canvassing.Shift>> Shifts(IReadOnlyCollection<long> chapterIds, DateTime fromUtc, DateTime toUtc, CancellationToken ct);
}
