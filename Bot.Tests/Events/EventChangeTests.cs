using Bot.Domain.Events;

namespace Bot.Tests.Events;

/// <summary>An organizer changes or cancels an event: who may, when it is too late, what a smaller capacity may
/// not do, and who is to be told.</summary>
public sealed class EventChangeTests
{
    private readonly EventWorld world = new();

    private Task<EditEventOutcome> Edit(long userId, Event @event, EventChange change) =>
        world.Events.Edit(world.Person(userId), @event.Id, change, CancellationToken.None);

    private Task<CancelEventOutcome> Cancel(long userId, Event @event) =>
        world.Events.Cancel(world.Person(userId), @event.Id, CancellationToken.None);

    [Fact]
    public async Task Cancel_ByTheOrganizer_TellsEveryoneWhoSaidYesOrMaybe()
    {
        var @event = world.Event();
        await world.SayYes(@event, 1);
        world.Member(2).Member(3);
        await world.Answer(2, @event, Answer.Maybe);
        await world.Answer(3, @event, Answer.No);

        var cancelled = Assert.IsType<CancelEventOutcome.Cancelled>(await Cancel(EventWorld.Organizer, @event));

        Assert.True(cancelled.Event.IsCancelled);
        Assert.Equal([1, 2], cancelled.Recipients.Order());
    }

    [Fact]
    public async Task Cancel_ByAMember_IsRefused()
    {
        var @event = world.Event();
        world.Member(1);

        Assert.IsType<CancelEventOutcome.NotOrganizer>(await Cancel(1, @event));
        Assert.False(@event.IsCancelled);
    }

    [Fact]
    public async Task Cancel_Twice_SaysItIsAlreadyCancelled()
    {
        var @event = world.Event();
        await Cancel(EventWorld.Organizer, @event);

        Assert.IsType<CancelEventOutcome.AlreadyCancelled>(await Cancel(EventWorld.Organizer, @event));
    }

    [Fact]
    public async Task Cancel_AfterTheStart_IsTooLate()
    {
        var @event = world.Event(startsIn: TimeSpan.FromHours(1));
        world.Clock.Advance(TimeSpan.FromHours(1));

        Assert.IsType<CancelEventOutcome.Started>(await Cancel(EventWorld.Organizer, @event));
    }

    [Fact]
    public async Task Edit_OfACancelledEvent_IsRefused()
    {
        var @event = world.Event();
        await Cancel(EventWorld.Organizer, @event);

        Assert.IsType<EditEventOutcome.Cancelled>(await Edit(EventWorld.Organizer, @event, new EventChange(Place: "Rathaus")));
    }

    [Fact]
    public async Task Edit_AfterTheStart_IsTooLate()
    {
        var @event = world.Event(startsIn: TimeSpan.FromHours(1));
        world.Clock.Advance(TimeSpan.FromHours(2));

        Assert.IsType<EditEventOutcome.Started>(await Edit(EventWorld.Organizer, @event, new EventChange(Place: "Rathaus")));
    }

    [Fact]
    public async Task Edit_CapacityBelowThePlacesTaken_IsRefusedWithHowManyAreTaken()
    {
        var @event = world.Event(capacity: 5);
        await world.SayYes(@event, 1, 2, 3);

        var below = Assert.IsType<EditEventOutcome.CapacityBelowTaken>(await Edit(EventWorld.Organizer, @event, new EventChange(Capacity: new Optional<int?>(2))));

        Assert.Equal(3, below.Taken);
        Assert.Equal(5, @event.Capacity);
    }

    [Fact]
    public async Task Edit_LargerCapacity_PromotesFromTheWaitlistInOrder()
    {
        var @event = world.Event(capacity: 1);
        await world.SayYes(@event, 1, 2, 3);

        var edited = Assert.IsType<EditEventOutcome.Edited>(await Edit(EventWorld.Organizer, @event, new EventChange(Capacity: new Optional<int?>(2))));

        Assert.Equal([2], edited.Promoted);
        Assert.Equal(EventChanges.Capacity, edited.Changes);
    }

    [Fact]
    public async Task Edit_NewPlace_SaysWhatChangedAndWhoAnswered()
    {
        var @event = world.Event();
        await world.SayYes(@event, 1);

        var edited = Assert.IsType<EditEventOutcome.Edited>(await Edit(EventWorld.Organizer, @event, new EventChange(Place: "Rathaus")));

        Assert.Equal((EventChanges.Place, "Rathaus"), (edited.Changes, edited.Event.Place));
        Assert.Equal([1], edited.Recipients);
    }

    [Fact]
    public async Task Edit_ToATimeInThePast_IsInvalid()
    {
        var @event = world.Event();

        var invalid = Assert.IsType<EditEventOutcome.Invalid>(await Edit(EventWorld.Organizer, @event, new EventChange(StartsAt: world.Now.AddHours(-1))));

        Assert.Equal(EventProblem.InThePast, invalid.Problem);
    }

    [Fact]
    public async Task Edit_ByAMemberOfAChapterBelow_IsRefused()
    {
        var @event = world.Event();
        world.Member(1, EventWorld.Neighbourhood, Domain.Chapters.Role.Organizer);

        Assert.IsType<EditEventOutcome.NotOrganizer>(await Edit(1, @event, new EventChange(Place: "Rathaus")));
    }
}
