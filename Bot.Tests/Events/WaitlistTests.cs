using Bot.Domain.Events;

namespace Bot.Tests.Events;

/// <summary>Who has a place and who waits: capacity with guests, first come first in, moving up, the deadline.</summary>
public sealed class WaitlistTests
{
    private readonly EventWorld world = new();

    [Fact]
    public async Task Rsvp_YesWithinCapacity_HasAPlace()
    {
        var @event = world.Event(capacity: 2);

        await world.SayYes(@event, 1, 2);

        var waitlist = await world.WaitlistOf(@event);
        Assert.True(waitlist.HasPlace(1) && waitlist.HasPlace(2));
        Assert.Equal((2, 0, 0), (waitlist.Taken, waitlist.Free, waitlist.Waitlisted));
    }

    [Fact]
    public async Task Rsvp_YesBeyondCapacity_GoesOnWaitlist()
    {
        var @event = world.Event(capacity: 1);
        await world.SayYes(@event, 1);
        world.Member(2);

        var outcome = Assert.IsType<AnswerOutcome.Recorded>(await world.Answer(2, @event, Answer.Yes));

        Assert.False(outcome.Waitlist.HasPlace(2));
        Assert.Equal(1, outcome.Waitlist.WaitlistPlace(2));
    }

    [Fact]
    public async Task Waitlist_KeepsTheOrderAnswersCame()
    {
        var @event = world.Event(capacity: 1);

        await world.SayYes(@event, 1, 2, 3, 4);

        var waitlist = await world.WaitlistOf(@event);
        Assert.Equal([1, 2, 3], new long[] { 2, 3, 4 }.Select(u => waitlist.WaitlistPlace(u) ?? 0));
    }

    [Fact]
    public async Task No_FromSomeoneWithAPlace_PromotesTheFirstWaiting()
    {
        var @event = world.Event(capacity: 1);
        await world.SayYes(@event, 1, 2, 3);

        var outcome = Assert.IsType<AnswerOutcome.Recorded>(await world.Answer(1, @event, Answer.No));

        Assert.Equal([2], outcome.Promoted);
        Assert.Equal(1, outcome.Waitlist.WaitlistPlace(3));
    }

    [Fact]
    public async Task SmallerPartyLaterInTheQueue_DoesNotJumpAheadOfALargerOne()
    {
        var @event = world.Event(capacity: 3, maxGuests: 2);
        await world.SayYes(@event, 1, 2);
        await world.Guest(2, @event);
        await world.SayYes(@event, 3);
        Assert.IsType<AnswerOutcome.NoRoomForGuest>(await world.Guest(2, @event));

        // 1 and 2 with a guest fill the three places; 3 waits. When 1 leaves, one place is free: 3 moves up.
        var outcome = Assert.IsType<AnswerOutcome.Recorded>(await world.Answer(1, @event, Answer.No));

        Assert.Equal([3], outcome.Promoted);
    }

    [Fact]
    public async Task Guest_BeyondFreePlaces_IsRefusedAndTheMemberKeepsTheirPlace()
    {
        var @event = world.Event(capacity: 2, maxGuests: 2);
        await world.SayYes(@event, 1, 2);

        Assert.IsType<AnswerOutcome.NoRoomForGuest>(await world.Guest(1, @event));

        var waitlist = await world.WaitlistOf(@event);
        Assert.True(waitlist.HasPlace(1));
        Assert.Equal(2, waitlist.Taken);
    }

    [Fact]
    public async Task Guest_PastTheEventsLimit_GoesBackToNone()
    {
        var @event = world.Event(maxGuests: 1);
        await world.SayYes(@event, 1);

        await world.Guest(1, @event);
        var outcome = Assert.IsType<AnswerOutcome.Recorded>(await world.Guest(1, @event));

        Assert.Equal(0, outcome.Rsvp.Guests);
    }

    [Fact]
    public async Task Guest_WhenTheEventAllowsNone_IsRefused()
    {
        var @event = world.Event();
        await world.SayYes(@event, 1);

        Assert.IsType<AnswerOutcome.GuestsNotAllowed>(await world.Guest(1, @event));
    }

    [Fact]
    public async Task Rsvp_AfterTheDeadline_IsClosed()
    {
        var @event = world.Event(deadlineIn: TimeSpan.FromDays(1));
        world.Member(1);
        world.Clock.Advance(TimeSpan.FromDays(1));

        Assert.IsType<AnswerOutcome.Closed>(await world.Answer(1, @event, Answer.Yes));
    }

    [Fact]
    public async Task Rsvp_ToTheChapterAbove_IsRecorded_ToANeighbouringChapter_IsNot()
    {
        var above = world.Event(chapterId: EventWorld.Root);
        var neighbouring = world.Event(chapterId: EventWorld.OtherNeighbourhood);
        world.Member(1, EventWorld.Neighbourhood);

        Assert.IsType<AnswerOutcome.Recorded>(await world.Answer(1, above, Answer.Yes));
        Assert.IsType<AnswerOutcome.NotFound>(await world.Answer(1, neighbouring, Answer.Yes));
    }
}
