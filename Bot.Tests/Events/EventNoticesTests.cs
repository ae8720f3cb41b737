using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Bot.Domain.Messaging;
using Moq;

namespace Bot.Tests.Events;

/// <summary>Who hears what after an organizer changed or cancelled an event, decided without the host.</summary>
public sealed class EventNoticesTests
{
    private const long Group = -500;
    private readonly EventWorld world = new();
    private readonly List<Notice> told = [];
    private readonly Mock<INotices> notices = new();
    private readonly EventNotices decide;

    public EventNoticesTests()
    {
        notices.Setup(n => n.Tell(It.IsAny<IReadOnlyList<Notice>>(), It.IsAny<CancellationToken>()))
            .Callback((IReadOnlyList<Notice> n, CancellationToken _) => told.AddRange(n)).Returns(Task.CompletedTask);
        var chapters = new Mock<IChapterStore>();
        chapters.Setup(c => c.Tree(It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ChapterTree([new Chapter { Id = EventWorld.Root, Name = "Landesverband", GroupChatId = Group }]));
        decide = new EventNotices(notices.Object, chapters.Object);
    }

    private static long? To(Notice notice) => notice.To is Recipient.Member m ? m.UserId : notice.To is Recipient.Group g ? g.ChatId : null;

    private async Task<EditEventOutcome.Edited> Edit(Event @event, EventChange change) =>
        Assert.IsType<EditEventOutcome.Edited>(await world.Events.Edit(world.Person(EventWorld.Organizer), @event.Id, change, CancellationToken.None));

    [Fact]
    public async Task Cancel_TellsWhoAnsweredAndTheGroup_NotTheOrganizer_AndWithdrawsQueuedReminders()
    {
        var @event = world.Event();
        await world.SayYes(@event, 1, EventWorld.Organizer);
        var cancelled = Assert.IsType<CancelEventOutcome.Cancelled>(await world.Events.Cancel(world.Person(EventWorld.Organizer), @event.Id, CancellationToken.None));

        var count = await decide.Cancelled(cancelled, EventWorld.Organizer, CancellationToken.None);

        Assert.Equal(1, count);
        Assert.Equal([1, Group], told.Select(To));
        Assert.All(told, n => Assert.IsType<EventCancelled>(n));
        notices.Verify(n => n.WithdrawReminders(@event.Id, It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task NewPlace_IsToldToWhoAnsweredAndTheGroup_WithHowItWas()
    {
        var @event = world.Event();
        await world.SayYes(@event, 1);
        var edited = await Edit(@event, new EventChange(Place: "Rathaus"));

        await decide.Changed(edited, EventWorld.Organizer, CancellationToken.None);

        Assert.Equal([1, Group], told.Select(To));
        Assert.All(told.Cast<EventChanged>(), n => Assert.Equal("Gasthaus Krone", n.Before.Place));
    }

    [Fact]
    public async Task NewTitle_IsToldToWhoAnswered_NotTheGroup()
    {
        var @event = world.Event();
        await world.SayYes(@event, 1);

        await decide.Changed(await Edit(@event, new EventChange(Title: "Grillabend")), EventWorld.Organizer, CancellationToken.None);

        Assert.Equal([1], told.Select(To));
    }

    [Fact]
    public async Task LargerCapacity_TellsOnlyWhoMovedUp()
    {
        var @event = world.Event(capacity: 1);
        await world.SayYes(@event, 1, 2);

        var count = await decide.Changed(await Edit(@event, new EventChange(Capacity: new Optional<int?>(2))), EventWorld.Organizer, CancellationToken.None);

        Assert.Equal(0, count);
        Assert.Equal([2], told.Select(To));
        Assert.IsType<PromotedFromWaitlist>(Assert.Single(told));
    }
}
