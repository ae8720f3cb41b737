using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Bot.Domain.Subscriptions;
using Bot.Domain.Time;

namespace Bot.Domain.Calendar;

/// <summary>The annual calendar: recurring entries (<see cref="Series"/>), the events they become as their dates
/// come near, and every date of a year for the chapters a member can see.</summary>
public sealed class CalendarService(ICalendarStore store, EventService events, ChapterClock clock, IAnnouncements announcements, EventNotices eventNotices, ICalendarChangeStore changes)
{
    /// <summary>How far ahead a series' dates become events that members can answer and that appear in /events.</summary>
    public static readonly int HorizonDays = 42;

    /// <summary>How far ahead a later date of a series is announced to <c>events</c> subscribers: near enough to
    /// matter, and a weekly series does not announce six dates at once.</summary>
    public static readonly int AnnounceDays = 14;

    /// <summary>Creates a recurring entry: its first date (the first the rule names on or after the date typed) at
    /// once becomes an event, checked like any new event; the later ones follow as they come near.</summary>
    public async Task<CreateSeriesOutcome> Create(Permissions actor, SeriesDraft draft, CancellationToken ct)
    {
        if (draft.Rule.FirstOnOrAfter(draft.Date, draft.Until) is not { } first)
        {
            return new CreateSeriesOutcome.NoDate();
        }

        var start = ChapterClock.Resolve(clock.Zone, first, draft.Time);
        var deadline = first == draft.Date ? draft.DeadlineAt : null;
        var created = await events.Create(actor, new EventDraft(draft.ChapterId, draft.Title, start.UtcDateTime, draft.Place, draft.Capacity, deadline, draft.MaxGuests), ct);
        if (created is not CreateEventOutcome.Created { Event: var @event })
        {
            return new CreateSeriesOutcome.EventRefused(created);
        }

        var series = new Series
        {
            ChapterId = draft.ChapterId,
            Title = @event.Title,
            Place = @event.Place,
            FirstDate = first,
            Time = draft.Time,
            Rule = draft.Rule,
            Until = draft.Until,
            Capacity = draft.Capacity,
            MaxGuests = draft.MaxGuests,
            CreatedBy = actor.UserId,
            CreatedAt = clock.UtcNow.UtcDateTime,
        };
        await store.AddWithId(series, ct);
        store.Add(new Occurrence { SeriesId = series.Id, Date = first, EventId = @event.Id, KnownStartsAt = @event.StartsAt });
        changes.Add(Change(series, CalendarChangeKind.Added, @event.StartsAt, actor.UserId));
        return new CreateSeriesOutcome.Created(series, @event, start);
    }

    /// <summary>The series of the chapters this person organizes, for changing or cancelling them whole.</summary>
    public async Task<IReadOnlyList<Series>> Organized(Permissions actor, CancellationToken ct) =>
        (await store.Active(actor.Visible().Where(c => actor.CanOrganize(c.Id)).Select(c => c.Id).ToList(), ct))
            .Where(s => s.Dates(clock.Today, clock.Today.AddYears(10)).Any()).ToList();

    /// <summary>Changes the title, place or time of a whole series: its later dates follow, and so do the dates that
    /// already became events and have not begun, unless an organizer changed that date on its own. Those who answered
    /// a date that changes are told, as for any event, and the calendar's subscribers once for the series.</summary>
    public async Task<ChangeSeriesOutcome> ChangeSeries(Permissions actor, long seriesId, SeriesChange change, CancellationToken ct)
    {
        if (await store.Series(seriesId, ct) is not { } series || !actor.CanSee(series.ChapterId) || series.IsCancelled)
        {
            return new ChangeSeriesOutcome.NotFound();
        }

        if (!actor.CanOrganize(series.ChapterId))
        {
            return new ChangeSeriesOutcome.NotOrganizer();
        }

        var title = change.Title?.Trim() ?? series.Title;
        var place = change.Place?.Trim() ?? series.Place;
        var time = change.Time ?? series.Time;
        if (Problem(title, place) is { } problem)
        {
            return new ChangeSeriesOutcome.Invalid(problem);
        }

        if (title == series.Title && place == series.Place && time == series.Time)
        {
            return new ChangeSeriesOutcome.Unchanged(series);
        }

        var now = clock.UtcNow.UtcDateTime;
        var followed = 0;
        foreach (var (occurrence, @event) in await store.Future(series.Id, now, ct))
        {
            if (@event.IsCancelled || !AsTheSeriesMadeIt(series, occurrence, @event))
            {
                continue;
            }

            var startsAt = ChapterClock.Resolve(clock.Zone, occurrence.Date, time).UtcDateTime;
            var edit = new EventChange(title == @event.Title ? null : title, startsAt == @event.StartsAt || startsAt <= now ? null : startsAt, place == @event.Place ? null : place);
            if (await events.Edit(actor, @event.Id, edit, ct) is EditEventOutcome.Edited edited)
            {
                await eventNotices.Changed(edited, actor.UserId, ct);
                occurrence.KnownStartsAt = edited.Event.StartsAt;
                followed++;
            }
        }

        (series.Title, series.Place, series.Time) = (title, place, time);
        var next = series.Dates(clock.Today, clock.Today.AddYears(10)).FirstOrDefault();
        changes.Add(Change(series, CalendarChangeKind.Changed, ChapterClock.Resolve(clock.Zone, next == default ? series.FirstDate : next, time).UtcDateTime, actor.UserId));
        return new ChangeSeriesOutcome.Changed(series, followed);
    }

    /// <summary>Cancels a whole series: no further dates, and every date that already became an event and has not
    /// begun is cancelled, telling those who answered it, as for any event; the calendar's subscribers are told
    /// once.</summary>
    public async Task<CancelSeriesOutcome> CancelSeries(Permissions actor, long seriesId, CancellationToken ct)
    {
        if (await store.Series(seriesId, ct) is not { } series || !actor.CanSee(series.ChapterId))
        {
            return new CancelSeriesOutcome.NotFound();
        }

        if (!actor.CanOrganize(series.ChapterId))
        {
            return new CancelSeriesOutcome.NotOrganizer();
        }

        if (series.IsCancelled)
        {
            return new CancelSeriesOutcome.AlreadyCancelled(series);
        }

        var now = clock.UtcNow.UtcDateTime;
        var told = 0;
        var dates = 0;
        foreach (var (occurrence, @event) in await store.Future(series.Id, now, ct))
        {
            if (await events.Cancel(actor, @event.Id, ct) is CancelEventOutcome.Cancelled cancelled)
            {
                told += await eventNotices.Cancelled(cancelled, actor.UserId, ct);
                dates++;
            }

            occurrence.KnownCancelled = true;
            occurrence.AnnounceDue = false;
        }

        series.CancelledAt = now;
        var next = series.Dates(clock.Today, clock.Today.AddYears(10)).FirstOrDefault();
        changes.Add(Change(series, CalendarChangeKind.Cancelled, ChapterClock.Resolve(clock.Zone, next == default ? series.FirstDate : next, series.Time).UtcDateTime, actor.UserId));
        return new CancelSeriesOutcome.Cancelled(series, dates, told);
    }

    private bool AsTheSeriesMadeIt(Series series, Occurrence occurrence, Event @event) =>
        @event.Title == series.Title && @event.Place == series.Place
        && @event.StartsAt == ChapterClock.Resolve(clock.Zone, occurrence.Date, series.Time).UtcDateTime;

    private static EventProblem? Problem(string title, string place) =>
        title.Length == 0 ? EventProblem.TitleMissing
        : title.Length > Event.MaxTitleLength || title.Any(char.IsControl) ? EventProblem.TitleTooLong
        : place.Length == 0 ? EventProblem.PlaceMissing
        : place.Length > Event.MaxPlaceLength || place.Any(char.IsControl) ? EventProblem.PlaceTooLong
        : null;

    private CalendarChange Change(Series series, CalendarChangeKind kind, DateTime startsAt, long actorId) =>
        new()
        {
            ChapterId = series.ChapterId,
            Kind = kind,
            SeriesId = series.Id,
            Title = series.Title,
            Place = series.Place,
            StartsAt = startsAt,
            ActorId = actorId,
            CreatedAt = clock.UtcNow.UtcDateTime,
        };

    /// <summary>Turns every date of an active series up to <see cref="HorizonDays"/> ahead of
    /// <paramref name="nowUtc"/> into an event, once: a date that already became one is never made again, even if
    /// its event was moved or cancelled. Returns the new events, for announcing.</summary>
    public async Task<IReadOnlyList<Event>> Materialize(DateTime nowUtc, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(nowUtc, clock.Zone));
        var active = await store.Active(null, ct);
        var made = (await store.Occurrences(active.Select(s => s.Id).ToList(), ct)).Select(o => (o.SeriesId, o.Date)).ToHashSet();
        var created = new List<Event>();
        foreach (var series in active)
        {
            foreach (var date in series.Dates(today, today.AddDays(HorizonDays)))
            {
                var start = ChapterClock.Resolve(clock.Zone, date, series.Time);
                if (made.Contains((series.Id, date)) || start.UtcDateTime <= nowUtc)
                {
                    continue;
                }

                var @event = new Event
                {
                    ChapterId = series.ChapterId,
                    Title = series.Title,
                    Place = series.Place,
                    StartsAt = start.UtcDateTime,
                    Capacity = series.Capacity,
                    MaxGuests = series.MaxGuests,
                    CreatedBy = series.CreatedBy,
                    CreatedAt = nowUtc,
                };
                await store.AddOccurrence(@event, new Occurrence { SeriesId = series.Id, Date = date, AnnounceDue = true, KnownStartsAt = start.UtcDateTime }, ct);
                created.Add(@event);
            }
        }

        foreach (var (occurrence, @event) in await store.DueAnnouncements(nowUtc.AddDays(AnnounceDays), ct))
        {
            if (!@event.IsCancelled && @event.StartsAt > nowUtc)
            {
                await announcements.Announce(@event, null, ct);
            }

            occurrence.AnnounceDue = false;
            await store.Save(ct);
        }

        return created;
    }

    /// <summary>Every date of <paramref name="year"/> in the chapters this person can see: the events, the canvassing
    /// shifts, and the dates of series that have not become events yet, in order.</summary>
    public Task<IReadOnlyList<CalendarEntry>> Year(Permissions actor, int year, CancellationToken ct) =>
        Span(actor.Visible().Select(c => c.Id).ToList(), new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), ct);

    /// <summary>Every date from <paramref name="from"/> to <paramref name="to"/> (local days) in the chapters.</summary>
    public async Task<IReadOnlyList<CalendarEntry>> Span(IReadOnlyCollection<long> chapterIds, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var fromUtc = ChapterClock.Resolve(clock.Zone, from, TimeOnly.MinValue).UtcDateTime;
        var toUtc = ChapterClock.Resolve(clock.Zone, to.AddDays(1), TimeOnly.MinValue).UtcDateTime;
        var series = await store.Active(chapterIds, ct);
        var made = (await store.Occurrences(series.Select(s => s.Id).ToList(), ct)).ToList();
        var madeDates = made.Select(o => (o.SeriesId, o.Date)).ToHashSet();
        var seriesOf = made.ToDictionary(o => o.EventId, o => o.SeriesId);
        var entries = new List<CalendarEntry>();
        foreach (var @event in await store.Events(chapterIds, fromUtc, toUtc, ct))
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(@event.StartsAt, clock.Zone);
            entries.Add(new CalendarEntry(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local), @event.Title, @event.Place, @event.ChapterId, @event.Id, seriesOf.TryGetValue(@event.Id, out var s) ? s : null));
        }

        foreach (var shift in await store.Shifts(chapterIds, fromUtc, toUtc, ct))
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(shift.StartsAt, clock.Zone);
            entries.Add(new CalendarEntry(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local), shift.Area, shift.MeetingPoint, shift.ChapterId, null, null, shift.Id));
        }

        foreach (var one in series)
        {
            entries.AddRange(one.Dates(from, to).Where(date => !madeDates.Contains((one.Id, date)))
                .Select(date => new CalendarEntry(date, ChapterClock.Resolve(clock.Zone, date, one.Time).ActualTime, one.Title, one.Place, one.ChapterId, null, one.Id)));
        }

        return entries.OrderBy(e => e.Date).ThenBy(e => e.Time).ThenBy(e => e.Title, StringComparer.Ordinal).ToList();
    }
}

/// <summary>A recurring entry as an organizer asked for it; <paramref name="Date"/> is the date typed.</summary>
public sealed record SeriesDraft(long ChapterId, string Title, DateOnly Date, TimeOnly Time, string Place, Recurrence Rule, DateOnly? Until = null, int? Capacity = null, DateTime? DeadlineAt = null, int MaxGuests = 0);

/// <summary>One date in the calendar: an event (<paramref name="EventId"/>), maybe an occurrence of a series, a
/// series' date that has not become an event yet, or a canvassing shift (<paramref name="ShiftId"/>; its title is
/// the area, its place the meeting point).</summary>
public sealed record CalendarEntry(DateOnly Date, TimeOnly Time, string Title, string Place, long ChapterId, long? EventId, long? SeriesId, long? ShiftId = null);

/// <summary>What an organizer changes about a whole series; null keeps a field.</summary>
public sealed record SeriesChange(string? Title = null, string? Place = null, TimeOnly? Time = null);

public abstract record ChangeSeriesOutcome
{
    /// <summary>Changed; <paramref name="Dates"/> events that already existed followed.</summary>
    public sealed record Changed(Series Series, int Dates) : ChangeSeriesOutcome;

    public sealed record Unchanged(Series Series) : ChangeSeriesOutcome;

    public sealed record NotFound : ChangeSeriesOutcome;

    public sealed record NotOrganizer : ChangeSeriesOutcome;

    public sealed record Invalid(EventProblem Problem) : ChangeSeriesOutcome;
}

public abstract record CancelSeriesOutcome
{
    /// <summary>Cancelled with <paramref name="Dates"/> of its events; <paramref name="Told"/> answerers were told.</summary>
    public sealed record Cancelled(Series Series, int Dates, int Told) : CancelSeriesOutcome;

    public sealed record AlreadyCancelled(Series Series) : CancelSeriesOutcome;

    public sealed record NotFound : CancelSeriesOutcome;

    public sealed record NotOrganizer : CancelSeriesOutcome;
}

public abstract record CreateSeriesOutcome
{
    /// <summary>The series and its first occurrence, already an event; <paramref name="Start"/> says how its time
    /// was read.</summary>
    public sealed record Created(Series Series, Event First, ZonedTime Start) : CreateSeriesOutcome;

    /// <summary>The first event was refused: not an organizer, or a field the events' rules do not allow.</summary>
    public sealed record EventRefused(CreateEventOutcome Outcome) : CreateSeriesOutcome;

    /// <summary>The rule names no date between the date typed and <c>until=</c>.</summary>
    public sealed record NoDate : CreateSeriesOutcome;
}
