using Bot.Domain.Chapters;

namespace Bot.Domain.Events;

/// <summary>Events and the answers to them. Access is the <see cref="Permissions"/> policy's: members answer
/// events of the chapters they can see, organizers of a chapter create, change and cancel its events and see
/// who answered. Outcomes say what happened and whom to tell; the host renders and sends.</summary>
public sealed class EventService(IEventStore store, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Creates the event; once <see cref="CreateEventOutcome.Created"/>, it has its id.</summary>
    public async Task<CreateEventOutcome> Create(Permissions actor, EventDraft draft, CancellationToken ct)
    {
        if (!actor.CanOrganize(draft.ChapterId))
        {
            return new CreateEventOutcome.NotOrganizer();
        }

        var title = draft.Title.Trim();
        var place = draft.Place.Trim();
        var note = NoteOf(draft.Note);
        var problem = Check(title, place, draft.StartsAt, draft.DeadlineAt, draft.Capacity, draft.MaxGuests) ?? CheckNote(note);
        if (problem is not null)
        {
            return new CreateEventOutcome.Invalid(problem.Value);
        }

        var created = new Event
        {
            ChapterId = draft.ChapterId,
            Title = title,
            Place = place,
            StartsAt = draft.StartsAt,
            DeadlineAt = draft.DeadlineAt,
            Capacity = draft.Capacity,
            MaxGuests = draft.MaxGuests,
            Note = note,
            CreatedBy = actor.UserId,
            CreatedAt = Now,
        };
        await store.AddWithId(created, ct);
        return new CreateEventOutcome.Created(created);
    }

    /// <summary>Records or changes the member's answer. A yes beyond capacity joins the waitlist; a no or maybe
    /// that frees places lets the first on the waitlist move up.</summary>
    public Task<AnswerOutcome> Answer(Permissions actor, long eventId, Answer answer, CancellationToken ct) =>
        Change(actor, eventId, ct, (@event, rsvp, waitlist) =>
        {
            if (rsvp.Answer != Events.Answer.Yes && answer == Events.Answer.Yes)
            {
                rsvp.Ticket = @event.NextTicket++;
            }

            if (answer != Events.Answer.Yes)
            {
                rsvp.Guests = 0;
            }

            rsvp.Answer = answer;
            return null;
        });

    /// <summary>The +1 button: one more guest, up to the event's limit, then back to none. Implies a yes.</summary>
    public Task<AnswerOutcome> AddGuest(Permissions actor, long eventId, CancellationToken ct) =>
        Change(actor, eventId, ct, (@event, rsvp, waitlist) =>
        {
            if (@event.MaxGuests == 0)
            {
                return new AnswerOutcome.GuestsNotAllowed(@event);
            }

            var guests = rsvp.Answer == Events.Answer.Yes ? (rsvp.Guests + 1) % (@event.MaxGuests + 1) : 1;
            var hasPlace = rsvp.UserId is { } user && waitlist.HasPlace(user);
            if (hasPlace && guests > rsvp.Guests && waitlist.Free is { } free && guests - rsvp.Guests > free)
            {
                // Taking a guest along must not cost the member their own place.
                return new AnswerOutcome.NoRoomForGuest(@event, waitlist);
            }

            if (rsvp.Answer != Events.Answer.Yes)
            {
                rsvp.Ticket = @event.NextTicket++;
                rsvp.Answer = Events.Answer.Yes;
            }

            rsvp.Guests = guests;
            return null;
        });

    private async Task<AnswerOutcome> Change(Permissions actor, long eventId, CancellationToken ct, Func<Event, Rsvp, Waitlist, AnswerOutcome?> change)
    {
        if (await store.Event(eventId, ct) is not { } @event || !actor.CanSee(@event.ChapterId) || !actor.IsMember)
        {
            return new AnswerOutcome.NotFound();
        }

        if (@event.IsCancelled)
        {
            return new AnswerOutcome.Cancelled(@event);
        }

        if (!@event.AcceptsAnswersAt(Now))
        {
            return new AnswerOutcome.Closed(@event);
        }

        // The others' answers counted rather than read: a press must not cost as much as the chapter is large.
        var mine = await store.AnswerOf(eventId, actor.UserId, ct);
        var others = await store.TallyOfOthers(eventId, actor.UserId, listYes: @event.Capacity is not null, ct);
        var before = Waitlist.Of(@event, others, mine);
        var rsvp = mine ?? new Rsvp { EventId = eventId, UserId = actor.UserId, Answer = 0 };
        var given = (rsvp.Answer, rsvp.Guests);
        if (change(@event, rsvp, before) is { } refused)
        {
            return refused;
        }

        if (mine is not null && (rsvp.Answer, rsvp.Guests) == given)
        {
            // The same answer pressed again (a double tap, or a second look): nothing to record, no card to redraw.
            return new AnswerOutcome.Unchanged(@event, rsvp, before);
        }

        rsvp.AnsweredAt = Now;
        if (mine is null)
        {
            store.Add(rsvp);
        }

        @event.Version++;
        var after = Waitlist.Of(@event, others, rsvp);
        return new AnswerOutcome.Recorded(@event, rsvp, after, after.PromotedSince(before));
    }

    /// <summary>Takes back every answer of a member to events still to come, as when they erase their data: nobody is
    /// left to come, so their places go to the next on the waitlist. Says, per event, who moved up.</summary>
    public async Task<IReadOnlyList<Withdrawn>> Withdraw(long userId, CancellationToken ct)
    {
        var withdrawn = new List<Withdrawn>();
        foreach (var (@event, rsvp) in await store.AnswersOf(userId, Now, ct))
        {
            var rsvps = (await store.Rsvps(@event.Id, ct)).ToList();
            var before = Waitlist.Of(@event, rsvps);
            store.Remove(rsvp);
            rsvps.RemoveAll(r => r.Id == rsvp.Id);
            @event.Version++;
            withdrawn.Add(new Withdrawn(@event, Waitlist.Of(@event, rsvps).PromotedSince(before)));
        }

        return withdrawn;
    }

    /// <summary>Changes title, time, place, capacity, deadline, guests allowed or the note. Everyone who answered yes
    /// or maybe is to be told; a larger capacity lets people move up from the waitlist; a deadline moved past now
    /// (or taken away) opens answers again after they had closed.</summary>
    public async Task<EditEventOutcome> Edit(Permissions actor, long eventId, EventChange change, CancellationToken ct)
    {
        if (await store.Event(eventId, ct) is not { } @event || !actor.CanSee(@event.ChapterId))
        {
            return new EditEventOutcome.NotFound();
        }

        if (!actor.CanOrganize(@event.ChapterId))
        {
            return new EditEventOutcome.NotOrganizer();
        }

        if (@event.IsCancelled)
        {
            return new EditEventOutcome.Cancelled(@event);
        }

        if (@event.HasStartedAt(Now))
        {
            return new EditEventOutcome.Started(@event);
        }

        var rsvps = await store.Rsvps(eventId, ct);
        var before = Waitlist.Of(@event, rsvps);
        var title = change.Title?.Trim() ?? @event.Title;
        var place = change.Place?.Trim() ?? @event.Place;
        var startsAt = change.StartsAt ?? @event.StartsAt;
        var capacity = change.Capacity is { } c ? c.Value : @event.Capacity;
        var maxGuests = change.MaxGuests ?? @event.MaxGuests;
        var note = change.Note is { } n ? NoteOf(n.Value) : @event.Note;
        // Moved to before its deadline: answers then close when it starts, as for an event without one.
        var deadline = change.Deadline is { } newDeadline ? newDeadline.Value
            : @event.DeadlineAt is { } d && d >= startsAt ? null : @event.DeadlineAt;
        // A deadline that has passed and is left as it is stays valid: answers stay closed.
        var checkedDeadline = change.Deadline is null && deadline is { } dl && dl <= Now ? null : deadline;
        var problem = Check(title, place, startsAt, checkedDeadline, capacity, maxGuests) ?? CheckNote(note);
        if (problem is not null)
        {
            return new EditEventOutcome.Invalid(problem.Value);
        }

        if (!before.FitsIn(capacity))
        {
            return new EditEventOutcome.CapacityBelowTaken(before.Taken);
        }

        if (rsvps.Where(r => r.Answer == Events.Answer.Yes).Select(r => r.Guests).DefaultIfEmpty(0).Max() is var most && most > maxGuests)
        {
            // Nobody loses a guest they already announced; the organizer can ask them to change their answer.
            return new EditEventOutcome.GuestsBelowBrought(most);
        }

        var was = EventBefore.Of(@event);
        var wasOpen = @event.AcceptsAnswersAt(Now);
        var what = EventChanges.None;
        what |= title != @event.Title ? EventChanges.Title : 0;
        what |= place != @event.Place ? EventChanges.Place : 0;
        what |= startsAt != @event.StartsAt ? EventChanges.Time : 0;
        what |= capacity != @event.Capacity ? EventChanges.Capacity : 0;
        what |= change.Deadline is not null && deadline != @event.DeadlineAt ? EventChanges.Deadline : 0;
        what |= maxGuests != @event.MaxGuests ? EventChanges.Guests : 0;
        what |= note != @event.Note ? EventChanges.Note : 0;
        (@event.Title, @event.Place, @event.StartsAt, @event.Capacity, @event.DeadlineAt) = (title, place, startsAt, capacity, deadline);
        (@event.MaxGuests, @event.Note) = (maxGuests, note);
        what |= !wasOpen && @event.AcceptsAnswersAt(Now) ? EventChanges.Reopened : 0;
        if (what != EventChanges.None)
        {
            @event.Version++;
        }

        var after = Waitlist.Of(@event, rsvps);
        return new EditEventOutcome.Edited(@event, was, what, Answered(rsvps), after.PromotedSince(before));
    }

    public async Task<CancelEventOutcome> Cancel(Permissions actor, long eventId, CancellationToken ct)
    {
        if (await store.Event(eventId, ct) is not { } @event || !actor.CanSee(@event.ChapterId))
        {
            return new CancelEventOutcome.NotFound();
        }

        if (!actor.CanOrganize(@event.ChapterId))
        {
            return new CancelEventOutcome.NotOrganizer();
        }

        if (@event.IsCancelled)
        {
            return new CancelEventOutcome.AlreadyCancelled(@event);
        }

        if (@event.HasStartedAt(Now))
        {
            return new CancelEventOutcome.Started(@event);
        }

        @event.CancelledAt = Now;
        @event.Version++;
        return new CancelEventOutcome.Cancelled(@event, Answered(await store.Rsvps(eventId, ct)));
    }

    /// <summary>The event while this person may still change or cancel it; otherwise why not. What
    /// <see cref="Edit"/> and <see cref="Cancel"/> check, asked before an organizer types anything.</summary>
    public async Task<ManageOutcome> Manage(Permissions actor, long eventId, CancellationToken ct)
    {
        if (await View(actor, eventId, ct) is not { } view)
        {
            return new ManageOutcome.NotFound();
        }

        return !actor.CanOrganize(view.Event.ChapterId) ? new ManageOutcome.NotOrganizer()
            : view.Event.IsCancelled ? new ManageOutcome.Cancelled(view)
            : view.Event.HasStartedAt(Now) ? new ManageOutcome.Started(view)
            : new ManageOutcome.Manageable(view);
    }

    /// <summary>The event as this person may see it, with its answers counted; null when they may not.</summary>
    public async Task<EventView?> View(Permissions actor, long eventId, CancellationToken ct) =>
        await store.Event(eventId, ct) is { } @event && actor.CanSee(@event.ChapterId)
            ? new EventView(@event, Waitlist.Of(@event, await store.Rsvps(eventId, ct)), await Mine(actor, eventId, ct))
            : null;

    /// <summary>The event as each reader sees it (a null reader is a group: counts only), its answers read once for
    /// all of them; a reader who may not see the event gets no view.</summary>
    public async Task<IReadOnlyList<EventView?>> ViewsFor(long eventId, IReadOnlyList<Permissions?> readers, CancellationToken ct)
    {
        if (await store.Event(eventId, ct) is not { } @event)
        {
            return readers.Select(_ => (EventView?)null).ToList();
        }

        var rsvps = await store.Rsvps(eventId, ct);
        var waitlist = Waitlist.Of(@event, rsvps);
        var own = rsvps.Where(r => r.UserId is not null).GroupBy(r => r.UserId!.Value).ToDictionary(g => g.Key, g => g.First());
        return readers.Select(reader => reader is null
            ? new EventView(@event, waitlist, null)
            : reader.CanSee(@event.ChapterId) ? new EventView(@event, waitlist, own.GetValueOrDefault(reader.UserId)) : null).ToList();
    }

    /// <summary>Upcoming events of the chapters this person can see (theirs and those above), soonest first.</summary>
    public async Task<IReadOnlyList<EventView>> Upcoming(Permissions actor, CancellationToken ct)
    {
        var chapters = actor.Visible().Select(c => c.Id).ToList();
        var events = await store.Upcoming(chapters, Now, ct);
        var views = new List<EventView>();
        foreach (var @event in events)
        {
            var rsvps = await store.Rsvps(@event.Id, ct);
            views.Add(new EventView(@event, Waitlist.Of(@event, rsvps), rsvps.FirstOrDefault(r => r.UserId == actor.UserId)));
        }

        return views;
    }

    /// <summary>The member's own answers to upcoming events, with their waitlist places.</summary>
    public async Task<IReadOnlyList<EventView>> MyAnswers(Permissions actor, CancellationToken ct)
    {
        var views = new List<EventView>();
        foreach (var (@event, rsvp) in await store.AnswersOf(actor.UserId, Now, ct))
        {
            if (actor.CanSee(@event.ChapterId))
            {
                views.Add(new EventView(@event, Waitlist.Of(@event, await store.Rsvps(@event.Id, ct)), rsvp));
            }
        }

        return views;
    }

    /// <summary>Events still to come in the chapters this person organizes, to warn before the same event is created
    /// twice (see <see cref="SameAs"/>).</summary>
    public Task<IReadOnlyList<Event>> UpcomingToOrganize(Permissions actor, CancellationToken ct) =>
        store.Upcoming(actor.Organized().Select(c => c.Id).ToList(), Now, ct);

    /// <summary>Those of <paramref name="events"/> that look like the draft: the same chapter, the same title (as
    /// people read it: case and spaces aside) and the same start.</summary>
    public static IReadOnlyList<Event> SameAs(IEnumerable<Event> events, EventDraft draft) =>
        events.Where(e => !e.IsCancelled && e.ChapterId == draft.ChapterId && e.StartsAt == draft.StartsAt
            && string.Equals(e.Title.Trim(), draft.Title.Trim(), StringComparison.CurrentCultureIgnoreCase)).ToList();

    /// <summary>Who answered what, for organizers of the event's chapter only.</summary>
    public async Task<AttendeesOutcome> Attendees(Permissions actor, long eventId, CancellationToken ct)
    {
        if (await store.Event(eventId, ct) is not { } @event || !actor.CanSee(@event.ChapterId))
        {
            return new AttendeesOutcome.NotFound();
        }

        if (!actor.CanSeeNames(@event.ChapterId))
        {
            return new AttendeesOutcome.NotOrganizer();
        }

        var rsvps = await store.Rsvps(eventId, ct);
        return new AttendeesOutcome.Listed(@event, Waitlist.Of(@event, rsvps), rsvps, await store.Answerers(eventId, ct));
    }

    private Task<Rsvp?> Mine(Permissions actor, long eventId, CancellationToken ct) => store.AnswerOf(eventId, actor.UserId, ct);

    private static IReadOnlyList<long> Answered(IEnumerable<Rsvp> rsvps) =>
        rsvps.Where(r => r.Answer is Events.Answer.Yes or Events.Answer.Maybe && r.UserId is not null).Select(r => r.UserId!.Value).ToList();

    /// <summary>A note of spaces is no note.</summary>
    private static string? NoteOf(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim();

    private static EventProblem? CheckNote(string? note) =>
        note is { } n && (n.Length > Event.MaxNoteLength || n.Any(char.IsControl)) ? EventProblem.NoteTooLong : null;

    private EventProblem? Check(string title, string place, DateTime startsAt, DateTime? deadline, int? capacity, int maxGuests) =>
        title.Length == 0 ? EventProblem.TitleMissing
        : title.Length > Event.MaxTitleLength || title.Any(char.IsControl) ? EventProblem.TitleTooLong
        : place.Length == 0 ? EventProblem.PlaceMissing
        : place.Length > Event.MaxPlaceLength || place.Any(char.IsControl) ? EventProblem.PlaceTooLong
        : startsAt <= Now ? EventProblem.InThePast
        : deadline is { } d && d > startsAt ? EventProblem.DeadlineAfterStart
        : deadline is { } e && e <= Now ? EventProblem.DeadlineInThePast
        : capacity is < 1 or > Event.MaxCapacity ? EventProblem.CapacityOutOfRange
        : maxGuests is < 0 or > Event.MaxGuestsAllowed ? EventProblem.GuestsOutOfRange
        : null;
}

/// <summary>A new event as the organizer described it (times already in UTC).</summary>
public sealed record EventDraft(long ChapterId, string Title, DateTime StartsAt, string Place, int? Capacity = null, DateTime? DeadlineAt = null, int MaxGuests = 0, string? Note = null);

/// <summary>What an organizer changes; null leaves a field as it is. Capacity, deadline and note wrap a nullable so
/// "no limit", "until it starts" and "no note" can be set.</summary>
public sealed record EventChange(
    string? Title = null,
    DateTime? StartsAt = null,
    string? Place = null,
    Optional<int?>? Capacity = null,
    Optional<DateTime?>? Deadline = null,
    int? MaxGuests = null,
    Optional<string?>? Note = null);

public readonly record struct Optional<T>(T Value);

[Flags]
public enum EventChanges
{
    None = 0,
    Title = 1,
    Time = 2,
    Place = 4,
    Capacity = 8,
    Deadline = 16,
    Guests = 32,
    Note = 64,

    /// <summary>Answers had closed and are open again.</summary>
    Reopened = 128,
}

public enum EventProblem
{
    TitleMissing,
    TitleTooLong,
    PlaceMissing,
    PlaceTooLong,
    InThePast,
    DeadlineAfterStart,
    DeadlineInThePast,
    CapacityOutOfRange,
    GuestsOutOfRange,
    NoteTooLong,
}

/// <summary>A member's answer to <paramref name="Event"/> was taken back; <paramref name="Promoted"/> moved up.</summary>
public sealed record Withdrawn(Event Event, IReadOnlyList<long> Promoted);

/// <summary>An event with its answers counted, and the viewer's own answer if any.</summary>
public sealed record EventView(Event Event, Waitlist Waitlist, Rsvp? Mine);

public abstract record CreateEventOutcome
{
    public sealed record Created(Event Event) : CreateEventOutcome;
    public sealed record NotOrganizer : CreateEventOutcome;
    public sealed record Invalid(EventProblem Problem) : CreateEventOutcome;
}

public abstract record AnswerOutcome
{
    /// <summary>The answer is recorded; <paramref name="Promoted"/> moved up from the waitlist and are told.</summary>
    public sealed record Recorded(Event Event, Rsvp Rsvp, Waitlist Waitlist, IReadOnlyList<long> Promoted) : AnswerOutcome;
    /// <summary>The answer pressed is the one already given: nothing changed, and no card needs redrawing.</summary>
    public sealed record Unchanged(Event Event, Rsvp Rsvp, Waitlist Waitlist) : AnswerOutcome;
    public sealed record NotFound : AnswerOutcome;
    public sealed record Cancelled(Event Event) : AnswerOutcome;
    public sealed record Closed(Event Event) : AnswerOutcome;
    public sealed record GuestsNotAllowed(Event Event) : AnswerOutcome;
    public sealed record NoRoomForGuest(Event Event, Waitlist Waitlist) : AnswerOutcome;
}

public abstract record EditEventOutcome
{
    /// <summary>Changed from <paramref name="Before"/>; <paramref name="Recipients"/> answered yes or maybe and are
    /// told what changed.</summary>
    public sealed record Edited(Event Event, EventBefore Before, EventChanges Changes, IReadOnlyList<long> Recipients, IReadOnlyList<long> Promoted) : EditEventOutcome;
    public sealed record NotFound : EditEventOutcome;
    public sealed record NotOrganizer : EditEventOutcome;
    public sealed record Cancelled(Event Event) : EditEventOutcome;
    public sealed record Started(Event Event) : EditEventOutcome;
    public sealed record Invalid(EventProblem Problem) : EditEventOutcome;
    public sealed record CapacityBelowTaken(int Taken) : EditEventOutcome;

    /// <summary>A member already brings <paramref name="Most"/> guests, more than the new limit.</summary>
    public sealed record GuestsBelowBrought(int Most) : EditEventOutcome;
}

public abstract record CancelEventOutcome
{
    public sealed record Cancelled(Event Event, IReadOnlyList<long> Recipients) : CancelEventOutcome;
    public sealed record NotFound : CancelEventOutcome;
    public sealed record NotOrganizer : CancelEventOutcome;
    public sealed record AlreadyCancelled(Event Event) : CancelEventOutcome;
    public sealed record Started(Event Event) : CancelEventOutcome;
}

public abstract record ManageOutcome
{
    public sealed record Manageable(EventView View) : ManageOutcome;
    public sealed record NotFound : ManageOutcome;
    public sealed record NotOrganizer : ManageOutcome;
    public sealed record Cancelled(EventView View) : ManageOutcome;
    public sealed record Started(EventView View) : ManageOutcome;
}

public abstract record AttendeesOutcome
{
    /// <param name="Members">Who answered, by user id; erased members are not among them.</param>
    public sealed record Listed(Event Event, Waitlist Waitlist, IReadOnlyList<Rsvp> Rsvps, IReadOnlyDictionary<long, Member> Members) : AttendeesOutcome;
    public sealed record NotFound : AttendeesOutcome;
    public sealed record NotOrganizer : AttendeesOutcome;
}
