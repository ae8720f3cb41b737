using Bot.Domain.Reminders;
using System.Globalization;
using Bot.Domain.Canvassing;
using Bot.Domain.Chapters;
using Bot.Domain.Messaging;

namespace Bot.Tests.Shifts;

/// <summary>The shift rules on in-memory stores: slots, waitlist and promotion, what organizers may post, the
/// staffing warning and the question for results, reports and totals.</summary>
public sealed class ShiftRulesTests
{
    private const long Alice = 1;
    private const long Bob = 2;
    private const long Carol = 3;

    [Fact]
    public async Task SignUp_BeyondTheSlots_GoesOnTheWaitlist_WithItsPlace()
    {
        var world = new ShiftWorld();
        var shift = await world.Shift(slots: 1);
        await world.SignUp(shift, Alice, Bob, Carol);

        var roster = await world.RosterOf(shift);

        Assert.True(roster.HasPlace(Alice));
        Assert.Equal(1, roster.WaitlistPlace(Bob));
        Assert.Equal(2, roster.WaitlistPlace(Carol));
    }

    [Fact]
    public async Task SigningUpTwice_KeepsTheFirstPlaceInTheQueue()
    {
        var world = new ShiftWorld();
        var shift = await world.Shift(slots: 1);
        await world.SignUp(shift, Alice, Bob);

        await world.SignUp(Bob, shift);

        Assert.Equal(1, (await world.RosterOf(shift)).WaitlistPlace(Bob));
    }

    [Fact]
    public async Task Withdrawing_MovesTheFirstWaitingUp_AndOnlyThem()
    {
        var world = new ShiftWorld();
        var shift = await world.Shift(slots: 1);
        await world.SignUp(shift, Alice, Bob, Carol);

        var outcome = Assert.IsType<SignUpOutcome.Recorded>(await world.Withdraw(Alice, shift));

        Assert.Equal([Bob], outcome.Promoted);
        Assert.Equal(1, outcome.Roster.WaitlistPlace(Carol));
    }

    [Fact]
    public async Task Withdrawing_WithoutASignUp_ChangesNothing()
    {
        var world = new ShiftWorld().Member(Alice);
        var shift = await world.Shift();

        Assert.IsType<SignUpOutcome.NotSignedUp>(await world.Withdraw(Alice, shift));
        Assert.Equal(0, shift.Version);
    }

    [Fact]
    public async Task SignUp_AfterTheStart_IsClosed()
    {
        var world = new ShiftWorld().Member(Alice);
        var shift = await world.Shift(startsIn: TimeSpan.FromHours(1));
        world.Clock.Advance(TimeSpan.FromHours(2));

        Assert.IsType<SignUpOutcome.Closed>(await world.SignUp(Alice, shift));
    }

    [Fact]
    public async Task AStranger_CannotSignUp()
    {
        var world = new ShiftWorld();
        var shift = await world.Shift();

        Assert.IsType<SignUpOutcome.NotFound>(await world.SignUp(999, shift));
    }

    [Theory]
    [InlineData(-1, 3, 2, ShiftProblem.InThePast)]
    [InlineData(24, 3, -1, ShiftProblem.EndBeforeStart)]
    [InlineData(24, 3, 0, ShiftProblem.EndBeforeStart)]
    [InlineData(24, 3, 15, ShiftProblem.TooLong)]
    [InlineData(24, 0, 3, ShiftProblem.SlotsOutOfRange)]
    [InlineData(24, 501, 3, ShiftProblem.SlotsOutOfRange)]
    public async Task Create_RefusesWhatCannotBe(int startsInHours, int slots, int lengthHours, ShiftProblem expected)
    {
        var world = new ShiftWorld();
        var start = world.Now + TimeSpan.FromHours(startsInHours);
        var draft = new ShiftDraft(ShiftWorld.Root, "Wahlbereich 12", start, start + TimeSpan.FromHours(lengthHours), "Marktplatz", slots);

        var outcome = await world.Shifts.Create(world.Person(ShiftWorld.Organizer), draft, CancellationToken.None);

        Assert.Equal(expected, Assert.IsType<CreateShiftOutcome.Invalid>(outcome).Problem);
    }

    [Fact]
    public async Task Create_ByAMember_IsRefused()
    {
        var world = new ShiftWorld().Member(Alice);
        var start = world.Now + TimeSpan.FromDays(2);

        var outcome = await world.Shifts.Create(world.Person(Alice), new ShiftDraft(ShiftWorld.Root, "WB 1", start, start.AddHours(2), "Markt", 3), CancellationToken.None);

        Assert.IsType<CreateShiftOutcome.NotOrganizer>(outcome);
    }

    [Fact]
    public async Task Understaffed48HoursBefore_WarnsTheOrganizerOnce_AndAsksTheAudienceOnce()
    {
        var world = new ShiftWorld();
        var shift = await world.Shift(slots: 4, minimum: 3);
        await world.SignUp(shift, Alice);
        world.Audience.Members.AddRange([Alice, Bob, Carol]);

        await world.SweepAt(shift.StartsAt - TimeSpan.FromHours(49));
        Assert.Empty(world.Told.All);
        await world.SweepAt(shift.StartsAt - TimeSpan.FromHours(48));
        await world.SweepAt(shift.StartsAt - TimeSpan.FromHours(47));

        var warning = Assert.Single(world.Told.All.OfType<ShiftUnderstaffed>());
        Assert.Equal(new Recipient.Member(ShiftWorld.Organizer), warning.To);
        Assert.Equal(1, warning.Taken);
        Assert.Equal([Bob, Carol], world.Told.All.OfType<ShiftHelpNeeded>().Select(h => ((Recipient.Member)h.To).UserId));
    }

    [Fact]
    public async Task StaffedShift_WarnsNobody()
    {
        var world = new ShiftWorld();
        var shift = await world.Shift(slots: 2, minimum: 2);
        await world.SignUp(shift, Alice, Bob);
        world.Audience.Members.Add(Carol);

        await world.SweepAt(shift.StartsAt - TimeSpan.FromHours(48));

        Assert.Empty(world.Told.All);
    }

    [Fact]
    public async Task ShiftPostedWithinTheLast48Hours_IsNotWarnedAbout()
    {
        var world = new ShiftWorld();
        var shift = await world.Shift(minimum: 2, startsIn: TimeSpan.FromHours(20));

        await world.SweepAt(world.Now + TimeSpan.FromMinutes(1));

        Assert.Empty(world.Told.All);
    }

    [Fact]
    public async Task AfterTheEnd_EachParticipantIsAskedOnce_AndNobodyOnTheWaitlist()
    {
        var world = new ShiftWorld();
        var shift = await world.Shift(slots: 2);
        await world.SignUp(shift, Alice, Bob, Carol);

        await world.SweepAt(shift.EndsAt - TimeSpan.FromMinutes(1));
        Assert.Empty(world.Told.All.OfType<ShiftResultsAsked>());
        await world.SweepAt(shift.EndsAt);
        await world.SweepAt(shift.EndsAt + TimeSpan.FromMinutes(1));

        Assert.Equal([Alice, Bob], world.Told.All.OfType<ShiftResultsAsked>().Select(a => ((Recipient.Member)a.To).UserId));
    }

    [Fact]
    public async Task EveryoneSignedUp_IsRemindedOncePerLeadTime_TheWaitingWithTheirPlace()
    {
        var world = new ShiftWorld();
        var shift = await world.Shift(slots: 1);
        await world.SignUp(shift, Alice, Bob);

        await world.SweepAt(shift.StartsAt - TimeSpan.FromDays(1) - TimeSpan.FromMinutes(1));
        Assert.Empty(world.Told.All.OfType<ShiftReminder>());
        await world.SweepAt(shift.StartsAt - TimeSpan.FromDays(1));
        await world.SweepAt(shift.StartsAt - TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var first = world.Told.All.OfType<ShiftReminder>().ToList();
        await world.SweepAt(shift.StartsAt - TimeSpan.FromHours(2));

        Assert.Equal([(Alice, (int?)null), (Bob, 1)], first.Select(r => (((Recipient.Member)r.To).UserId, r.WaitlistPlace)));
        Assert.Equal(4, world.Told.All.OfType<ShiftReminder>().Count());
    }

    [Fact]
    public async Task ASignUpAfterALeadTime_GetsNoLateReminderForIt()
    {
        var world = new ShiftWorld();
        var shift = await world.Shift(startsIn: TimeSpan.FromHours(10));
        await world.SignUp(shift, Alice);

        await world.SweepAt(shift.StartsAt - TimeSpan.FromHours(9));
        Assert.Empty(world.Told.All.OfType<ShiftReminder>());
        await world.SweepAt(shift.StartsAt - TimeSpan.FromHours(2));

        Assert.Single(world.Told.All.OfType<ShiftReminder>());
    }

    [Fact]
    public async Task AMemberWhoTurnedRemindersOff_GetsNoShiftReminder_AndOneWithOwnLeadTimes_GetsThoseInstead()
    {
        var world = new ShiftWorld();
        var shift = await world.Shift();
        await world.SignUp(shift, Alice, Bob);
        world.Store.Settings[Alice] = new MemberSettings { UserId = Alice, LeadTimes = "", ChangedAt = world.Now };
        world.Store.Settings[Bob] = new MemberSettings { UserId = Bob, LeadTimes = "60", ChangedAt = world.Now };

        await world.SweepAt(shift.StartsAt - TimeSpan.FromDays(1));
        await world.SweepAt(shift.StartsAt - TimeSpan.FromHours(2));
        var beforeBobsHour = world.Told.All.OfType<ShiftReminder>().Count();
        await world.SweepAt(shift.StartsAt - TimeSpan.FromHours(1));

        Assert.Equal(0, beforeBobsHour);
        Assert.Equal([Bob], world.Told.All.OfType<ShiftReminder>().Select(r => ((Recipient.Member)r.To).UserId));
    }

    [Fact]
    public async Task AShiftReminderDueInTheMembersQuietHours_ComesBeforeThem()
    {
        var world = new ShiftWorld();
        var shift = await world.Shift(startsIn: TimeSpan.FromDays(3));
        await world.SignUp(shift, Alice);
        // Her two hours before fall into her quiet hours (three to one hour before); the shift itself does not.
        var quietFrom = shift.StartsAt - TimeSpan.FromHours(3);
        var quietUntil = shift.StartsAt - TimeSpan.FromHours(1);
        world.Store.Settings[Alice] = new MemberSettings
        {
            UserId = Alice,
            LeadTimes = "120",
            QuietHours = string.Create(CultureInfo.InvariantCulture, $"{quietFrom:HH:mm}-{quietUntil:HH:mm}"),
            ChangedAt = world.Now,
        };

        await world.SweepAt(quietFrom - TimeSpan.FromMinutes(2));
        Assert.Empty(world.Told.All.OfType<ShiftReminder>());
        await world.SweepAt(quietFrom - TimeSpan.FromMinutes(1));
        await world.SweepAt(shift.StartsAt - TimeSpan.FromHours(2));

        Assert.Single(world.Told.All.OfType<ShiftReminder>());
    }

    [Fact]
    public async Task ASecondReport_ReplacesTheFirst()
    {
        var world = new ShiftWorld();
        var shift = await world.Shift();
        await world.SignUp(shift, Alice);
        world.Clock.Advance(TimeSpan.FromDays(8));
        await world.Report(Alice, 40, 10, "viel Zuspruch");

        var outcome = Assert.IsType<ReportOutcome.Recorded>(await world.Report(Alice, 45, 12));

        Assert.True(outcome.Replaced);
        var report = Assert.Single(world.Store.Reports);
        Assert.Equal((45, 12, (string?)null), (report.Doors, report.Conversations, report.Note));
    }

    [Fact]
    public async Task Report_BeforeAnyShiftEnded_SaysThereIsNone()
    {
        var world = new ShiftWorld();
        var shift = await world.Shift();
        await world.SignUp(shift, Alice);

        Assert.IsType<ReportOutcome.NothingWorked>(await world.Report(Alice, 10, 2));
        Assert.IsType<ReportOutcome.NotEnded>(await world.Report(Alice, 10, 2, shiftId: shift.Id));
    }

    [Fact]
    public async Task Report_WithMoreConversationsThanDoors_IsRefused()
    {
        var world = new ShiftWorld();
        var shift = await world.Shift();
        await world.SignUp(shift, Alice);
        world.Clock.Advance(TimeSpan.FromDays(8));

        Assert.IsType<ReportOutcome.Invalid>(await world.Report(Alice, 5, 6));
        Assert.Empty(world.Store.Reports);
    }

    [Fact]
    public async Task Report_FromSomeoneWhoOnlyWaited_IsNotTaken()
    {
        var world = new ShiftWorld();
        var shift = await world.Shift(slots: 1);
        await world.SignUp(shift, Alice, Bob);
        world.Clock.Advance(TimeSpan.FromDays(8));

        Assert.IsType<ReportOutcome.NothingWorked>(await world.Report(Bob, 10, 2));
    }

    [Fact]
    public async Task Results_AddUpPerAreaAndPerCampaign()
    {
        var world = new ShiftWorld();
        var first = await world.Shift(area: "WB 12", campaign: "Gesprächsoffensive");
        var second = await world.Shift(area: "WB 12", startsIn: TimeSpan.FromDays(6));
        var third = await world.Shift(area: "WB 7", campaign: "Gesprächsoffensive", startsIn: TimeSpan.FromDays(5));
        await world.SignUp(first, Alice, Bob);
        await world.SignUp(second, Alice);
        await world.SignUp(third, Carol);
        world.Clock.Advance(TimeSpan.FromDays(8));
        await world.Report(Alice, 40, 10, shiftId: first.Id);
        await world.Report(Bob, 20, 5, "Hund im Hof", shiftId: first.Id);
        await world.Report(Alice, 30, 9, shiftId: second.Id);
        await world.Report(Carol, 10, 1, shiftId: third.Id);

        var listed = Assert.IsType<ResultsOutcome.Listed>(await world.Shifts.Results(world.Person(ShiftWorld.Organizer), null, CancellationToken.None));

        var wb12 = listed.ByArea.Single(t => t.Name == "WB 12");
        Assert.Equal((2, 3, 90, 24), (wb12.Shifts, wb12.People, wb12.Doors, wb12.Conversations));
        Assert.Equal(["Hund im Hof"], wb12.Notes);
        var campaign = Assert.Single(listed.ByCampaign);
        Assert.Equal((2, 3, 70, 16), (campaign.Shifts, campaign.People, campaign.Doors, campaign.Conversations));
        Assert.Equal(16.0 / 70, campaign.PerDoor);
    }

    [Fact]
    public async Task Results_AreForOrganizersOnly()
    {
        var world = new ShiftWorld().Member(Alice);

        Assert.IsType<ResultsOutcome.NotOrganizer>(await world.Shifts.Results(world.Person(Alice), null, CancellationToken.None));
    }

    [Fact]
    public async Task Views_ShowNamesToOrganizersOnly()
    {
        var world = new ShiftWorld();
        var shift = await world.Shift();
        await world.SignUp(shift, Alice);

        var views = await world.Shifts.ViewsFor(shift.Id, [world.Person(ShiftWorld.Organizer), world.Person(Alice), null], CancellationToken.None);

        Assert.NotNull(views[0]!.Names);
        Assert.Null(views[1]!.Names);
        Assert.Null(views[2]!.Names);
    }

    [Fact]
    public async Task Cancel_NamesEveryoneSignedUpToTell_AndClosesSignUp()
    {
        var world = new ShiftWorld().Member(Carol);
        var shift = await world.Shift(slots: 1);
        await world.SignUp(shift, Alice, Bob);

        var cancelled = Assert.IsType<CancelShiftOutcome.Cancelled>(await world.Shifts.Cancel(world.Person(ShiftWorld.Organizer), shift.Id, CancellationToken.None));

        Assert.Equal([Alice, Bob], cancelled.Recipients);
        Assert.IsType<SignUpOutcome.Cancelled>(await world.SignUp(Carol, shift));
    }

    [Fact]
    public async Task Edit_MoreSlots_MovesTheWaitingUp_FewerThanTaken_IsRefused()
    {
        var world = new ShiftWorld();
        var shift = await world.Shift(slots: 1);
        await world.SignUp(shift, Alice, Bob);
        var organizer = world.Person(ShiftWorld.Organizer);

        var edited = Assert.IsType<EditShiftOutcome.Edited>(await world.Shifts.Edit(organizer, shift.Id, new ShiftChange(Slots: 2), CancellationToken.None));
        Assert.Equal([Bob], edited.Promoted);

        Assert.IsType<EditShiftOutcome.SlotsBelowTaken>(await world.Shifts.Edit(organizer, shift.Id, new ShiftChange(Slots: 1), CancellationToken.None));
    }

    [Fact]
    public async Task Edit_ByAMember_IsRefused()
    {
        var world = new ShiftWorld().Member(Alice);
        var shift = await world.Shift();

        Assert.IsType<EditShiftOutcome.NotOrganizer>(await world.Shifts.Edit(world.Person(Alice), shift.Id, new ShiftChange(Area: "WB 1"), CancellationToken.None));
    }

    [Fact]
    public async Task AMemberOfASubChapter_SignsUpForItsParentsShift()
    {
        var world = new ShiftWorld().Member(Alice, ShiftWorld.Neighbourhood, Role.Member);
        var shift = await world.Shift();

        Assert.IsType<SignUpOutcome.Recorded>(await world.SignUp(Alice, shift));
    }
}
