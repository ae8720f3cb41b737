using Bot.Domain.Messaging;
using Bot.Domain.Notices;

namespace Bot.Tests.Notices;

/// <summary>Convening, amending and confirming a notice, without the host. "Today" is Monday 1 June 2026 in
/// Berlin; with 14 days' notice the earliest meeting is on 16 June.</summary>
public sealed class NoticeServiceTests
{
    private readonly NoticeWorld world = new();

    [Fact]
    public async Task Convene_TooLate_IsRefusedNamingTheLastDay_AndSendsNothing()
    {
        world.Join(1);

        var late = Assert.IsType<ConveneOutcome.TooLate>(await world.Convene(NoticeWorld.Draft(15)));

        Assert.Equal(new DateOnly(2026, 5, 31), late.Period.LastDay);
        Assert.Equal(13, late.Period.DaysBetween);
        Assert.Empty(world.Told.All);
        Assert.Empty(world.Store.Notices);
        Assert.Empty(await world.Events.Upcoming([NoticeWorld.District], DateTime.MinValue, CancellationToken.None));
    }

    [Fact]
    public async Task Convene_InTime_CreatesTheMeetingAsAnEventAndSendsTheNoticeAheadOfBulk()
    {
        world.Join(1);

        var sent = Assert.IsType<ConveneOutcome.Sent>(await world.Convene(NoticeWorld.Draft(16)));

        var meeting = await world.Events.Event(sent.Notice.EventId, CancellationToken.None);
        Assert.Equal("Kreisparteitag", meeting!.Title);
        Assert.All(world.Told.All, n => Assert.Equal(Urgency.Formal, n.Urgency));
        Assert.Equal(NoticeService.Sha256Of(sent.Issue.Text), sent.Issue.Sha256);
        Assert.Equal(64, sent.Issue.Sha256.Length);
    }

    [Fact]
    public async Task Convene_ShortenedWithAReason_GoesToAllAndStatesTheReason()
    {
        world.Join(1);
        world.Join(2, NoticeWorld.Neighbourhood);

        var sent = Assert.IsType<ConveneOutcome.Sent>(await world.Convene(NoticeWorld.Draft(12, shortened: "Außerordentlicher Parteitag")));

        Assert.Equal([1, 2, NoticeWorld.Organizer, NoticeWorld.Admin], world.FormalNoticesTo());
        Assert.Contains("Außerordentlicher Parteitag", sent.Issue.Text);
        Assert.Equal("Außerordentlicher Parteitag", world.Writer.Worded.Single().ShortenedReason);
    }

    [Fact]
    public async Task Convene_ShortenedWithoutAReason_IsRefused()
    {
        Assert.IsType<ConveneOutcome.ReasonInvalid>(await world.Convene(NoticeWorld.Draft(12, shortened: " ")));
        Assert.Empty(world.Told.All);
    }

    [Fact]
    public async Task Convene_ReachesTheChapterAndItsSubChapters_NotItsNeighbours()
    {
        world.Join(1);
        world.Join(2, NoticeWorld.Neighbourhood);
        world.Join(3, NoticeWorld.Elsewhere);
        world.Join(4, NoticeWorld.Root);

        await world.Convene(NoticeWorld.Draft(20));

        Assert.Equal([1, 2, NoticeWorld.Organizer, NoticeWorld.Admin], world.FormalNoticesTo());
    }

    [Fact]
    public async Task Convene_ByAMember_IsRefused()
    {
        world.Join(1);

        Assert.IsType<ConveneOutcome.NotOrganizer>(await world.Convene(NoticeWorld.Draft(20), by: 1));
        Assert.Empty(world.Told.All);
    }

    [Fact]
    public async Task Convene_WithoutAgenda_IsRefused()
    {
        Assert.IsType<ConveneOutcome.AgendaMissing>(await world.Convene(NoticeWorld.Draft(20) with { Agenda = [] }));
    }

    [Fact]
    public async Task Convene_AChapterWithItsOwnPeriod_CountsThat()
    {
        world.Chapters.Chapters.Single(c => c.Id == NoticeWorld.District).NoticePeriodDays = 28;

        var late = Assert.IsType<ConveneOutcome.TooLate>(await world.Convene(NoticeWorld.Draft(20)));

        Assert.Equal(28, late.Period.PeriodDays);
    }

    [Fact]
    public async Task Convene_MemberKnownToHaveBlockedTheBot_IsOnTheRecordAsNotReached_AndNotWrittenTo()
    {
        world.Join(1);
        world.Join(2, reachable: false);
        world.Store.UnreachableChats[2] = NotReached.Blocked;

        var sent = Assert.IsType<ConveneOutcome.Sent>(await world.Convene(NoticeWorld.Draft(20)));

        Assert.DoesNotContain(2L, world.FormalNoticesTo());
        Assert.Equal(NotReached.Blocked, sent.Record.Deliveries.Single(d => d.Delivery.UserId == 2).NotReached);
        Assert.Equal(1, sent.Record.NotReached);
    }

    [Fact]
    public async Task Confirm_ByTheMember_RecordsTheTimeOnce()
    {
        world.Join(1);
        var sent = Assert.IsType<ConveneOutcome.Sent>(await world.Convene(NoticeWorld.Draft(20)));
        var first = world.Clock.GetUtcNow().UtcDateTime;

        Assert.IsType<ConfirmOutcome.Confirmed>(await world.Service.Confirm(1, sent.Issue.Id, CancellationToken.None));
        world.Clock.Advance(TimeSpan.FromHours(1));
        var again = Assert.IsType<ConfirmOutcome.AlreadyConfirmed>(await world.Service.Confirm(1, sent.Issue.Id, CancellationToken.None));

        Assert.Equal(first, again.At);
    }

    [Fact]
    public async Task Confirm_ForgedBySomeoneTheNoticeDidNotGoTo_ChangesNothing()
    {
        world.Join(1);
        world.Join(3, NoticeWorld.Elsewhere);
        var sent = Assert.IsType<ConveneOutcome.Sent>(await world.Convene(NoticeWorld.Draft(20)));

        Assert.IsType<ConfirmOutcome.NotFound>(await world.Service.Confirm(3, sent.Issue.Id, CancellationToken.None));
        Assert.IsType<ConfirmOutcome.NotFound>(await world.Service.Confirm(1, sent.Issue.Id + 99, CancellationToken.None));

        Assert.All(world.Store.DeliveriesList, d => Assert.Null(d.ConfirmedAt));
    }

    [Fact]
    public async Task Amend_NewPlace_SendsAnAmendedNoticeThatSaysWhatChanged()
    {
        world.Join(1);
        var sent = Assert.IsType<ConveneOutcome.Sent>(await world.Convene(NoticeWorld.Draft(20)));

        var amended = Assert.IsType<AmendOutcome.Sent>(await world.Service.Amend(world.Person(NoticeWorld.Organizer), sent.Notice.Id,
            new NoticeEdit(Place: "Rathaus"), CancellationToken.None));

        Assert.Equal(NoticeChanges.Place, amended.Changes);
        Assert.Equal(2, amended.Issue.Number);
        var amendment = world.Writer.Worded[^1].Amendment!;
        Assert.Equal("Bürgerhaus", amendment.WasPlace);
        Assert.Equal("Rathaus", (await world.Events.Event(sent.Notice.EventId, CancellationToken.None))!.Place);
        Assert.Equal([1, NoticeWorld.Organizer, NoticeWorld.Admin], world.Told.All.OfType<FormalNotice>().Where(n => n.IssueId == amended.Issue.Id)
            .Select(n => ((Recipient.Member)n.To).UserId).Order());
    }

    [Fact]
    public async Task Amend_WhenTheRestOfThePeriodIsTooShort_IsRefusedUnlessShortened()
    {
        var sent = Assert.IsType<ConveneOutcome.Sent>(await world.Convene(NoticeWorld.Draft(20)));
        world.Clock.Advance(TimeSpan.FromDays(10));
        var organizer = world.Person(NoticeWorld.Organizer);

        var refused = Assert.IsType<AmendOutcome.Refused>(await world.Service.Amend(organizer, sent.Notice.Id, new NoticeEdit(Agenda: ["Wahlen"]), CancellationToken.None));
        Assert.IsType<ConveneOutcome.TooLate>(refused.Why);
        Assert.IsType<AmendOutcome.Sent>(await world.Service.Amend(organizer, sent.Notice.Id,
            new NoticeEdit(Agenda: ["Wahlen"], ShortenedReason: "Dringlichkeitsantrag"), CancellationToken.None));
    }

    [Fact]
    public async Task Amend_ThatChangesNothing_SendsNothing()
    {
        var sent = Assert.IsType<ConveneOutcome.Sent>(await world.Convene(NoticeWorld.Draft(20)));
        var before = world.Told.All.Count;

        Assert.IsType<AmendOutcome.Unchanged>(await world.Service.Amend(world.Person(NoticeWorld.Organizer), sent.Notice.Id,
            new NoticeEdit(Place: "Bürgerhaus"), CancellationToken.None));
        Assert.Equal(before, world.Told.All.Count);
    }

    [Fact]
    public async Task RemindUnconfirmed_HalfwayThroughThePeriod_RemindsThoseWhoHaveNotConfirmed_Once()
    {
        world.Join(1);
        world.Join(2);
        var sent = Assert.IsType<ConveneOutcome.Sent>(await world.Convene(NoticeWorld.Draft(20)));
        await world.Service.Confirm(1, sent.Issue.Id, CancellationToken.None);

        Assert.Equal(0, await world.Service.RemindUnconfirmed(world.Clock.GetUtcNow() + TimeSpan.FromDays(9), CancellationToken.None));
        var halfway = world.Clock.GetUtcNow() + TimeSpan.FromDays(10);
        var reminded = await world.Service.RemindUnconfirmed(halfway, CancellationToken.None);
        var again = await world.Service.RemindUnconfirmed(halfway + TimeSpan.FromHours(1), CancellationToken.None);

        Assert.Equal(3, reminded); // 2 and the two officers, not 1 who confirmed
        Assert.Equal(0, again);
        Assert.DoesNotContain(world.Told.All.OfType<NoticeReminder>(), r => ((Recipient.Member)r.To).UserId == 1);
    }

    [Fact]
    public async Task SetPeriod_ByAnAdmin_IsUsedForTheNextNotice_ButNotByAnOrganizer()
    {
        Assert.IsType<PeriodOutcome.NotAdmin>(await world.Service.SetPeriod(world.Person(NoticeWorld.Organizer), NoticeWorld.District, 10, CancellationToken.None));
        Assert.IsType<PeriodOutcome.Set>(await world.Service.SetPeriod(world.Person(NoticeWorld.Admin), NoticeWorld.District, 10, CancellationToken.None));

        Assert.IsType<ConveneOutcome.Sent>(await world.Convene(NoticeWorld.Draft(12)));
    }
}
