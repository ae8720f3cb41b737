using Bot.Domain.Events;
using Bot.Domain.Messaging;
using Bot.Domain.Reminders;
using Bot.Tests.Support;

namespace Bot.Tests.Reminders;

/// <summary>What a sweep sends, decided without the host: on an in-memory store, with the notices it tells
/// recorded. Default lead times: a day and two hours; no quiet hours.</summary>
public sealed class ReminderServiceTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private readonly FakeTimeProvider clock = new();
    private readonly InMemoryReminderStore store = new();
    private readonly RecordedNotices told = new();
    private readonly ReminderService service;

    public ReminderServiceTests() =>
        service = new ReminderService(store, told, new ReminderDefaults([TimeSpan.FromDays(1), TimeSpan.FromHours(2)], QuietHours.None, Berlin), new ReminderSweepGate());

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private Event Event(TimeSpan startsIn, int? capacity = null)
    {
        var @event = new Event { Id = store.Events.Count + 1, Title = "Stammtisch", Place = "Krone", StartsAt = Now + startsIn, Capacity = capacity };
        store.Events.Add(@event);
        return @event;
    }

    private void Says(Event @event, long userId, Answer answer, string? leadTimes = null) =>
        store.Rsvps.Add((new Rsvp { Id = store.Rsvps.Count + 1, EventId = @event.Id, UserId = userId, Answer = answer, Ticket = store.Rsvps.Count + 1, AnsweredAt = Now }, leadTimes));

    private Task<int> SweepIn(TimeSpan after)
    {
        clock.Advance(after);
        return service.SendDue(clock.GetUtcNow(), CancellationToken.None);
    }

    [Fact]
    public async Task Yes_IsRemindedAtEachLeadTime_Once()
    {
        var @event = Event(TimeSpan.FromDays(3));
        Says(@event, 1, Answer.Yes);

        Assert.Equal(0, await SweepIn(TimeSpan.FromDays(1)));
        Assert.Equal(1, await SweepIn(TimeSpan.FromDays(1)));
        Assert.Equal(0, await SweepIn(TimeSpan.FromMinutes(1)));
        Assert.Equal(1, await SweepIn(TimeSpan.FromHours(22)));

        Assert.Equal(2, told.All.Count);
        Assert.All(told.All, n => Assert.Equal(new Recipient.Member(1), n.To));
    }

    [Fact]
    public async Task MissedLeadTimes_AfterDowntime_MakeOneReminder()
    {
        var @event = Event(TimeSpan.FromDays(3));
        Says(@event, 1, Answer.Maybe);

        Assert.Equal(1, await SweepIn(TimeSpan.FromDays(3) - TimeSpan.FromHours(1)));

        var reminder = Assert.IsType<ReminderDue>(Assert.Single(told.All));
        Assert.Equal(Answer.Maybe, reminder.Answer);
    }

    [Fact]
    public async Task YesOnTheWaitlist_IsRemindedWithItsPlace()
    {
        var @event = Event(TimeSpan.FromDays(3), capacity: 1);
        Says(@event, 1, Answer.Yes);
        Says(@event, 2, Answer.Yes);

        await SweepIn(TimeSpan.FromDays(2));

        var places = told.All.Cast<ReminderDue>().ToDictionary(r => ((Recipient.Member)r.To).UserId, r => r.WaitlistPlace);
        Assert.Equal(new Dictionary<long, int?> { [1] = null, [2] = 1 }, places);
    }

    [Fact]
    public async Task MemberWithoutLeadTimes_GetsNoReminder()
    {
        var @event = Event(TimeSpan.FromDays(3));
        Says(@event, 1, Answer.Yes, leadTimes: "");

        Assert.Equal(0, await SweepIn(TimeSpan.FromDays(3) - TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task LateYes_AfterALeadTimePassed_IsNotRemindedOfIt()
    {
        var @event = Event(TimeSpan.FromDays(3));
        clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(1));
        Says(@event, 1, Answer.Yes);

        Assert.Equal(0, await SweepIn(TimeSpan.FromMinutes(1)));
        Assert.Equal(1, await SweepIn(TimeSpan.FromHours(21)));
    }

    /// <summary>The sweep's store as lists; every upcoming event is looked at on every sweep.</summary>
    private sealed class InMemoryReminderStore : IReminderStore
    {
        public List<Event> Events { get; } = [];

        public List<(Rsvp Rsvp, string? LeadTimes)> Rsvps { get; } = [];

        private readonly List<SentReminder> sent = [];

        public Task<IReadOnlyList<UpcomingEvent>> EventsToLookAt(DateTime now, DateTime until, string basis, bool everything, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<UpcomingEvent>>(Events.Where(e => e.StartsAt > now && e.StartsAt <= until).Select(e => new UpcomingEvent(e.Id, e.StartsAt, e.Version)).ToList());

        public Task<IReadOnlyList<ReminderCandidate>> Answers(IReadOnlyCollection<long> eventIds, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<ReminderCandidate>>(Rsvps
                .Where(x => eventIds.Contains(x.Rsvp.EventId) && x.Rsvp.Answer is Answer.Yes or Answer.Maybe)
                .Select(x => new ReminderCandidate(x.Rsvp.EventId, Events.Single(e => e.Id == x.Rsvp.EventId).StartsAt, x.Rsvp.UserId!.Value, x.Rsvp.Answer, x.Rsvp.AnsweredAt, x.LeadTimes, null, null))
                .ToList());

        public Task<IReadOnlyList<SentReminder>> Sent(IReadOnlyCollection<long> eventIds, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<SentReminder>>(sent.Where(s => eventIds.Contains(s.EventId)).ToList());

        public Task<(Event Event, Waitlist Waitlist)> EventNow(long eventId, CancellationToken ct)
        {
            var @event = Events.Single(e => e.Id == eventId);
            return Task.FromResult((@event, Waitlist.Of(@event, Rsvps.Select(x => x.Rsvp).Where(r => r.EventId == eventId))));
        }

        public Task Send(IReadOnlyList<DueReminder> batch, DateTime at, CancellationToken ct)
        {
            sent.AddRange(batch.SelectMany(d => d.Leads.Select(l => new SentReminder(d.EventId, d.UserId, (int)l.TotalMinutes, d.StartsAt))));
            return Task.CompletedTask;
        }

        public Task Plan(IReadOnlyList<ReminderPlan> plans, CancellationToken ct) => Task.CompletedTask;
    }
}
