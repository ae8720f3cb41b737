using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Bot.Tests.Support;

namespace Bot.Tests.Events;

/// <summary>A chapter with its members and events, held in memory, for the event rules without the host: a root
/// chapter (1) with two neighbourhood chapters below it (2 and 3), the event service on a store of lists, and a clock
/// that moves only when the test moves it.</summary>
internal sealed class EventWorld
{
    public const long Root = 1;
    public const long Neighbourhood = 2;
    public const long OtherNeighbourhood = 3;
    public const long Organizer = 100;

    private readonly ChapterTree tree = new([
        new Chapter { Id = Root, Name = "Landesverband" },
        new Chapter { Id = Neighbourhood, Name = "Kiez", ParentId = Root },
        new Chapter { Id = OtherNeighbourhood, Name = "Nachbarkiez", ParentId = Root },
    ]);

    private readonly List<Membership> memberships = [new() { UserId = Organizer, ChapterId = Root, Role = Role.Organizer }];

    public EventWorld() => Events = new EventService(Store, Clock);

    public FakeTimeProvider Clock { get; } = new();

    public InMemoryEventStore Store { get; } = new();

    public EventService Events { get; }

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    public Permissions Person(long userId) => new(userId, tree, memberships.Where(m => m.UserId == userId).ToList());

    public EventWorld Member(long userId, long chapterId = Root, Role role = Role.Member)
    {
        memberships.Add(new Membership { UserId = userId, ChapterId = chapterId, Role = role });
        return this;
    }

    public Event Event(int? capacity = null, int maxGuests = 0, TimeSpan? startsIn = null, TimeSpan? deadlineIn = null, long chapterId = Root)
    {
        var @event = new Event
        {
            ChapterId = chapterId,
            Title = "Stammtisch",
            Place = "Gasthaus Krone",
            StartsAt = Now + (startsIn ?? TimeSpan.FromDays(7)),
            DeadlineAt = deadlineIn is { } d ? Now + d : null,
            Capacity = capacity,
            MaxGuests = maxGuests,
            CreatedAt = Now,
        };
        Store.AddWithId(@event, CancellationToken.None);
        return @event;
    }

    public Task<AnswerOutcome> Answer(long userId, Event @event, Answer answer) =>
        Events.Answer(Person(userId), @event.Id, answer, CancellationToken.None);

    public Task<AnswerOutcome> Guest(long userId, Event @event) => Events.AddGuest(Person(userId), @event.Id, CancellationToken.None);

    /// <summary>Members answering yes one after another, each a member of the root chapter.</summary>
    public async Task SayYes(Event @event, params long[] userIds)
    {
        foreach (var userId in userIds)
        {
            if (memberships.All(m => m.UserId != userId))
            {
                Member(userId);
            }

            Assert.IsType<AnswerOutcome.Recorded>(await Answer(userId, @event, Domain.Events.Answer.Yes));
        }
    }

    public async Task<Waitlist> WaitlistOf(Event @event) => Waitlist.Of(@event, await Store.Rsvps(@event.Id, CancellationToken.None));
}

/// <summary>The event store as lists: ids assigned on add, as the database would on save.</summary>
internal sealed class InMemoryEventStore : IEventStore
{
    private readonly List<Event> events = [];
    private readonly List<Rsvp> rsvps = [];

    public Task<Event?> Event(long id, CancellationToken ct) => Task.FromResult(events.FirstOrDefault(e => e.Id == id));

    public Task AddWithId(Event @event, CancellationToken ct)
    {
        @event.Id = events.Count + 1;
        events.Add(@event);
        return Task.CompletedTask;
    }

    /// <summary>Copies, as the real store reads them untracked: a service that changed an answer it only read
    /// would change nothing stored, and its tests must see that.</summary>
    public Task<IReadOnlyList<Rsvp>> Rsvps(long eventId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Rsvp>>(rsvps.Where(r => r.EventId == eventId).Select(Copy).ToList());

    public Task<AnswerTally> TallyOfOthers(long eventId, long userId, bool listYes, CancellationToken ct) =>
        Task.FromResult(AnswerTally.Of(rsvps.Where(r => r.EventId == eventId && r.UserId != userId).Select(Copy), listYes));

    public Task<Rsvp?> AnswerOf(long eventId, long userId, CancellationToken ct) =>
        Task.FromResult(rsvps.FirstOrDefault(r => r.EventId == eventId && r.UserId == userId));

    public void Add(Rsvp rsvp)
    {
        rsvp.Id = rsvps.Count == 0 ? 1 : rsvps.Max(r => r.Id) + 1;
        rsvps.Add(rsvp);
    }

    public void Remove(Rsvp rsvp) => rsvps.Remove(rsvp);

    public Task<IReadOnlyDictionary<long, Member>> Answerers(long eventId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<long, Member>>(new Dictionary<long, Member>());

    public Task<IReadOnlyList<Event>> Upcoming(IReadOnlyCollection<long> chapterIds, DateTime now, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Event>>(events.Where(e => chapterIds.Contains(e.ChapterId) && e.StartsAt > now && !e.IsCancelled).OrderBy(e => e.StartsAt).ToList());

    public Task<IReadOnlyList<(Event Event, Rsvp Rsvp)>> AnswersOf(long userId, DateTime now, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<(Event, Rsvp)>>(rsvps.Where(r => r.UserId == userId)
            .Select(r => (events.Single(e => e.Id == r.EventId), r)).Where(x => x.Item1.StartsAt > now && !x.Item1.IsCancelled).ToList());

    private static Rsvp Copy(Rsvp r) =>
        new() { Id = r.Id, EventId = r.EventId, UserId = r.UserId, Answer = r.Answer, Guests = r.Guests, Ticket = r.Ticket, AnsweredAt = r.AnsweredAt };
}
