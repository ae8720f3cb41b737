using Bot.Domain.Chapters;

namespace Bot.Domain.Canvassing;

/// <summary>Shifts, sign-ups and results. Access is the <see cref="Permissions"/> policy's: members sign up for shifts
/// of the chapters they can see, organizers of a chapter post, change and cancel its shifts, see names and see
/// results. Outcomes say what happened and whom to tell; the host renders and sends.</summary>
public sealed class ShiftService(IShiftStore store, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<CreateShiftOutcome> Create(Permissions actor, ShiftDraft draft, CancellationToken ct)
    {
        if (!actor.CanOrganize(draft.ChapterId))
        {
            return new CreateShiftOutcome.NotOrganizer();
        }

        var area = draft.Area.Trim();
        var point = draft.MeetingPoint.Trim();
        var campaign = string.IsNullOrWhiteSpace(draft.Campaign) ? null : draft.Campaign.Trim();
        if (Check(area, point, campaign, draft.StartsAt, draft.EndsAt, draft.Slots, draft.Minimum, draft.Latitude, draft.Longitude) is { } problem)
        {
            return new CreateShiftOutcome.Invalid(problem);
        }

        var shift = new Shift
        {
            ChapterId = draft.ChapterId,
            Area = area,
            MeetingPoint = point,
            Campaign = campaign,
            Latitude = draft.Latitude,
            Longitude = draft.Longitude,
            StartsAt = draft.StartsAt,
            EndsAt = draft.EndsAt,
            Slots = draft.Slots,
            Minimum = draft.Minimum ?? 1,
            CreatedBy = actor.UserId,
            CreatedAt = Now,
            // Posted inside the last 48 hours: there was no time to sign up yet, so nobody is warned about it.
            StaffingCheckedAt = draft.StartsAt - Shift.StaffingCheckBefore <= Now ? Now : null,
        };
        await store.AddWithId(shift, ct);
        return new CreateShiftOutcome.Created(shift);
    }

    /// <summary>🙋: a slot if one is free, else the waitlist. Pressing again changes nothing.</summary>
    public Task<SignUpOutcome> SignUp(Permissions actor, long shiftId, CancellationToken ct) =>
        Change(actor, shiftId, ct, (shift, signUps, mine) =>
        {
            if (mine is null)
            {
                var signUp = new ShiftSignUp { ShiftId = shiftId, UserId = actor.UserId, Ticket = shift.NextTicket++, SignedUpAt = Now };
                store.Add(signUp);
                signUps.Add(signUp);
            }

            return true;
        });

    /// <summary>🚪: gives the slot (or the place in the queue) back; the first waiting moves up.</summary>
    public Task<SignUpOutcome> Withdraw(Permissions actor, long shiftId, CancellationToken ct) =>
        Change(actor, shiftId, ct, (shift, signUps, mine) =>
        {
            if (mine is null)
            {
                return false;
            }

            store.Remove(mine);
            signUps.Remove(mine);
            return true;
        });

    private async Task<SignUpOutcome> Change(Permissions actor, long shiftId, CancellationToken ct, Func<Shift, List<ShiftSignUp>, ShiftSignUp?, bool> change)
    {
        if (await store.Shift(shiftId, ct) is not { } shift || !actor.IsMember || !actor.CanSee(shift.ChapterId))
        {
            return new SignUpOutcome.NotFound();
        }

        if (shift.IsCancelled)
        {
            return new SignUpOutcome.Cancelled(shift);
        }

        if (!shift.AcceptsSignUpsAt(Now))
        {
            return new SignUpOutcome.Closed(shift);
        }

        var signUps = (await store.SignUps(shiftId, ct)).ToList();
        var before = Roster.Of(shift, signUps);
        if (!change(shift, signUps, signUps.FirstOrDefault(s => s.UserId == actor.UserId)))
        {
            return new SignUpOutcome.NotSignedUp(shift, before);
        }

        shift.Version++;
        var after = Roster.Of(shift, signUps);
        return new SignUpOutcome.Recorded(shift, after, after.PromotedSince(before));
    }

    /// <summary>Changes area, time, meeting point or slots. Everyone signed up is told; more slots let people move up;
    /// fewer slots never take one away from someone who has it.</summary>
    public async Task<EditShiftOutcome> Edit(Permissions actor, long shiftId, ShiftChange change, CancellationToken ct)
    {
        var (shift, refusal) = await Organized(actor, shiftId, ct);
        if (shift is null)
        {
            return refusal!;
        }

        var signUps = await store.SignUps(shiftId, ct);
        var before = Roster.Of(shift, signUps);
        var area = change.Area?.Trim() ?? shift.Area;
        var point = change.MeetingPoint?.Trim() ?? shift.MeetingPoint;
        var (startsAt, endsAt) = (change.StartsAt ?? shift.StartsAt, change.EndsAt ?? shift.EndsAt);
        var slots = change.Slots ?? shift.Slots;
        var minimum = change.Minimum ?? Math.Min(shift.Minimum, slots);
        if (Check(area, point, shift.Campaign, startsAt, endsAt, slots, minimum, shift.Latitude, shift.Longitude) is { } problem)
        {
            return new EditShiftOutcome.Invalid(problem);
        }

        if (slots < before.Taken)
        {
            return new EditShiftOutcome.SlotsBelowTaken(before.Taken);
        }

        var was = ShiftBefore.Of(shift);
        var what = ShiftChanges.None;
        what |= area != shift.Area ? ShiftChanges.Area : 0;
        what |= point != shift.MeetingPoint ? ShiftChanges.MeetingPoint : 0;
        what |= startsAt != shift.StartsAt || endsAt != shift.EndsAt ? ShiftChanges.Time : 0;
        what |= slots != shift.Slots ? ShiftChanges.Slots : 0;
        what |= minimum != shift.Minimum ? ShiftChanges.Minimum : 0;
        (shift.Area, shift.MeetingPoint, shift.StartsAt, shift.EndsAt, shift.Slots, shift.Minimum) = (area, point, startsAt, endsAt, slots, minimum);
        if (what != ShiftChanges.None)
        {
            shift.Version++;
        }

        if (what.HasFlag(ShiftChanges.Time) && shift.StaffingCheckedAt is null && shift.StartsAt - Shift.StaffingCheckBefore <= Now)
        {
            shift.StaffingCheckedAt = Now; // moved into the last 48 hours: as for a shift posted there, no warning
        }

        var after = Roster.Of(shift, signUps);
        return new EditShiftOutcome.Edited(shift, was, what, [.. signUps.Select(s => s.UserId)], after.PromotedSince(before));
    }

    public async Task<CancelShiftOutcome> Cancel(Permissions actor, long shiftId, CancellationToken ct)
    {
        var (shift, refusal) = await Organized(actor, shiftId, ct);
        if (shift is null)
        {
            return refusal switch
            {
                EditShiftOutcome.NotOrganizer => new CancelShiftOutcome.NotOrganizer(),
                EditShiftOutcome.Cancelled => new CancelShiftOutcome.AlreadyCancelled(),
                EditShiftOutcome.Started => new CancelShiftOutcome.Started(),
                _ => new CancelShiftOutcome.NotFound(),
            };
        }

        shift.CancelledAt = Now;
        shift.Version++;
        return new CancelShiftOutcome.Cancelled(shift, [.. (await store.SignUps(shiftId, ct)).Select(s => s.UserId)]);
    }

    private async Task<(Shift? Shift, EditShiftOutcome? Refusal)> Organized(Permissions actor, long shiftId, CancellationToken ct) =>
        await store.Shift(shiftId, ct) is not { } shift || !actor.CanSee(shift.ChapterId) ? (null, new EditShiftOutcome.NotFound())
        : !actor.CanOrganize(shift.ChapterId) ? (null, new EditShiftOutcome.NotOrganizer())
        : shift.IsCancelled ? (null, new EditShiftOutcome.Cancelled(shift))
        : shift.StartsAt <= Now ? (null, new EditShiftOutcome.Started(shift))
        : (shift, null);

    /// <summary>The shift as this person sees it: names only for organizers of its chapter.</summary>
    public async Task<ShiftView?> View(Permissions actor, long shiftId, CancellationToken ct) =>
        (await ViewsFor(shiftId, [actor], ct))[0];

    /// <summary>The shift as each reader sees it (a null reader is a group: counts only), read once for all.</summary>
    public async Task<IReadOnlyList<ShiftView?>> ViewsFor(long shiftId, IReadOnlyList<Permissions?> readers, CancellationToken ct)
    {
        if (await store.Shift(shiftId, ct) is not { } shift)
        {
            return readers.Select(_ => (ShiftView?)null).ToList();
        }

        var roster = Roster.Of(shift, await store.SignUps(shiftId, ct));
        IReadOnlyDictionary<long, string>? names = null;
        if (readers.Any(r => r?.CanSeeNames(shift.ChapterId) == true))
        {
            names = (await store.SignedUp(shiftId, ct)).ToDictionary(m => m.Key, m => m.Value.DisplayName);
        }

        return readers.Select(reader => reader is null
            ? new ShiftView(shift, roster, null, null)
            : reader.CanSee(shift.ChapterId)
                ? new ShiftView(shift, roster, reader.UserId, reader.CanSeeNames(shift.ChapterId) ? names : null)
                : null).ToList();
    }

    /// <summary>Upcoming shifts of the chapters this person can see, soonest first.</summary>
    public async Task<IReadOnlyList<Shift>> Upcoming(Permissions actor, CancellationToken ct) =>
        await store.Upcoming(actor.Visible().Select(c => c.Id).ToList(), Now, ct);

    /// <summary>The shifts the member signed up for that have not ended, with their slot or waitlist place.</summary>
    public async Task<IReadOnlyList<ShiftView>> Mine(Permissions actor, CancellationToken ct)
    {
        var views = new List<ShiftView>();
        foreach (var shift in await store.SignedUpFor(actor.UserId, Now, ct))
        {
            if (actor.CanSee(shift.ChapterId))
            {
                views.Add(new ShiftView(shift, Roster.Of(shift, await store.SignUps(shift.Id, ct)), actor.UserId, null));
            }
        }

        return views;
    }

    /// <summary>Records what the member did on a shift that has ended (null: the latest they worked); a second report
    /// replaces the first.</summary>
    public async Task<ReportOutcome> Report(Permissions actor, long? shiftId, int doors, int conversations, string? note, CancellationToken ct)
    {
        var worked = await store.Worked(actor.UserId, Now, ct);
        var shift = shiftId is { } id ? worked.FirstOrDefault(s => s.Id == id) : worked.FirstOrDefault();
        if (shift is null)
        {
            return shiftId is { } asked && await store.Shift(asked, ct) is { } other && !other.HasEndedAt(Now) && !other.IsCancelled
                ? new ReportOutcome.NotEnded(other)
                : new ReportOutcome.NothingWorked();
        }

        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (doors is < 0 or > ShiftReport.MaxDoors || conversations < 0 || conversations > doors)
        {
            return new ReportOutcome.Invalid(shift, ReportProblem.Numbers);
        }

        if (note is { Length: > ShiftReport.MaxNoteLength })
        {
            return new ReportOutcome.Invalid(shift, ReportProblem.NoteTooLong);
        }

        var report = await store.Report(shift.Id, actor.UserId, ct);
        var replaced = report is not null;
        if (report is null)
        {
            report = new ShiftReport { ShiftId = shift.Id, UserId = actor.UserId };
            store.Add(report);
        }

        (report.Doors, report.Conversations, report.Note, report.ReportedAt) = (doors, conversations, note, Now);
        return new ReportOutcome.Recorded(shift, report, replaced);
    }

    /// <summary>Totals per area and per campaign of the shifts that ended in the chapters this person organizes;
    /// <paramref name="filter"/> keeps the shifts whose area or campaign it names.</summary>
    public async Task<ResultsOutcome> Results(Permissions actor, string? filter, CancellationToken ct)
    {
        var chapters = actor.Organized().Select(c => c.Id).ToList();
        if (chapters.Count == 0)
        {
            return new ResultsOutcome.NotOrganizer();
        }

        var ended = await store.Ended(chapters, Now, ct);
        filter = string.IsNullOrWhiteSpace(filter) ? null : filter.Trim();
        if (filter is not null)
        {
            ended = ended.Where(e => string.Equals(e.Shift.Area, filter, StringComparison.CurrentCultureIgnoreCase)
                || string.Equals(e.Shift.Campaign, filter, StringComparison.CurrentCultureIgnoreCase)).ToList();
        }

        return new ResultsOutcome.Listed(filter, Totals(ended, s => s.Area), Totals(ended.Where(e => e.Shift.Campaign is not null), s => s.Campaign!), ended);
    }

    private static List<ShiftTotals> Totals(IEnumerable<(Shift Shift, IReadOnlyList<ShiftReport> Reports)> ended, Func<Shift, string> key) =>
        ended.GroupBy(e => key(e.Shift), StringComparer.CurrentCultureIgnoreCase)
            .Select(g => new ShiftTotals(
                g.Key,
                g.Count(),
                g.Sum(e => e.Reports.Count),
                g.Sum(e => e.Reports.Sum(r => r.Doors)),
                g.Sum(e => e.Reports.Sum(r => r.Conversations)),
                g.SelectMany(e => e.Reports).Select(r => r.Note).OfType<string>().ToList()))
            .OrderBy(t => t.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();

    private ShiftProblem? Check(string area, string point, string? campaign, DateTime startsAt, DateTime endsAt, int slots, int? minimum, double? latitude, double? longitude) =>
        area.Length == 0 ? ShiftProblem.AreaMissing
        : area.Length > Shift.MaxAreaLength || area.Any(char.IsControl) ? ShiftProblem.AreaTooLong
        : point.Length == 0 ? ShiftProblem.MeetingPointMissing
        : point.Length > Shift.MaxMeetingPointLength || point.Any(char.IsControl) ? ShiftProblem.MeetingPointTooLong
        : campaign is { Length: > Shift.MaxCampaignLength } || campaign?.Any(char.IsControl) == true ? ShiftProblem.CampaignTooLong
        : startsAt <= Now ? ShiftProblem.InThePast
        : endsAt <= startsAt ? ShiftProblem.EndBeforeStart
        : endsAt - startsAt > Shift.MaxLength ? ShiftProblem.TooLong
        : slots is < 1 or > Shift.MaxSlots ? ShiftProblem.SlotsOutOfRange
        : minimum is { } m && (m < 1 || m > slots) ? ShiftProblem.MinimumOutOfRange
        : latitude is < -90 or > 90 || longitude is < -180 or > 180 || (latitude is null) != (longitude is null) ? ShiftProblem.PinOutOfRange
        : null;
}

/// <summary>A new shift as the organizer described it (times already in UTC); no minimum means one person.</summary>
public sealed record ShiftDraft(
    long ChapterId, string Area, DateTime StartsAt, DateTime EndsAt, string MeetingPoint, int Slots,
    int? Minimum = null, string? Campaign = null, double? Latitude = null, double? Longitude = null);

/// <summary>What an organizer changes; null leaves a field as it is.</summary>
public sealed record ShiftChange(string? Area = null, DateTime? StartsAt = null, DateTime? EndsAt = null, string? MeetingPoint = null, int? Slots = null, int? Minimum = null);

[Flags]
public enum ShiftChanges
{
    None = 0,
    Area = 1,
    Time = 2,
    MeetingPoint = 4,
    Slots = 8,
    Minimum = 16,
}

public enum ShiftProblem
{
    AreaMissing,
    AreaTooLong,
    MeetingPointMissing,
    MeetingPointTooLong,
    CampaignTooLong,
    InThePast,
    EndBeforeStart,
    TooLong,
    SlotsOutOfRange,
    MinimumOutOfRange,
    PinOutOfRange,
}

public enum ReportProblem
{
    /// <summary>Negative, too many doors, or more conversations than doors.</summary>
    Numbers,
    NoteTooLong,
}

/// <summary>A shift's fields as they were before an edit, for "was: …".</summary>
public sealed record ShiftBefore(string Area, string MeetingPoint, DateTime StartsAt, DateTime EndsAt)
{
    public static ShiftBefore Of(Shift shift) => new(shift.Area, shift.MeetingPoint, shift.StartsAt, shift.EndsAt);
}

/// <summary>A shift with its roster; <paramref name="Reader"/> is who looks (null: a group);
/// <paramref name="Names"/> the names of those signed up, only for organizers.</summary>
public sealed record ShiftView(Shift Shift, Roster Roster, long? Reader, IReadOnlyDictionary<long, string>? Names);

/// <summary>Totals of the shifts of one area or campaign; <paramref name="People"/> counts reports, so it survives a
/// participant's erasure.</summary>
public sealed record ShiftTotals(string Name, int Shifts, int People, int Doors, int Conversations, IReadOnlyList<string> Notes)
{
    /// <summary>Conversations per door knocked; null when no door was.</summary>
    public double? PerDoor => Doors == 0 ? null : (double)Conversations / Doors;
}

public abstract record CreateShiftOutcome
{
    public sealed record Created(Shift Shift) : CreateShiftOutcome;
    public sealed record NotOrganizer : CreateShiftOutcome;
    public sealed record Invalid(ShiftProblem Problem) : CreateShiftOutcome;
}

public abstract record SignUpOutcome
{
    /// <summary>Done; <paramref name="Promoted"/> moved up from the waitlist and are told.</summary>
    public sealed record Recorded(Shift Shift, Roster Roster, IReadOnlyList<long> Promoted) : SignUpOutcome;
    public sealed record NotSignedUp(Shift Shift, Roster Roster) : SignUpOutcome;
    public sealed record NotFound : SignUpOutcome;
    public sealed record Cancelled(Shift Shift) : SignUpOutcome;
    public sealed record Closed(Shift Shift) : SignUpOutcome;
}

public abstract record EditShiftOutcome
{
    /// <summary>Changed from <paramref name="Before"/>; <paramref name="Recipients"/> are signed up and are told.</summary>
    public sealed record Edited(Shift Shift, ShiftBefore Before, ShiftChanges Changes, IReadOnlyList<long> Recipients, IReadOnlyList<long> Promoted) : EditShiftOutcome;
    public sealed record NotFound : EditShiftOutcome;
    public sealed record NotOrganizer : EditShiftOutcome;
    public sealed record Cancelled(Shift Shift) : EditShiftOutcome;
    public sealed record Started(Shift Shift) : EditShiftOutcome;
    public sealed record Invalid(ShiftProblem Problem) : EditShiftOutcome;
    public sealed record SlotsBelowTaken(int Taken) : EditShiftOutcome;
}

public abstract record CancelShiftOutcome
{
    public sealed record Cancelled(Shift Shift, IReadOnlyList<long> Recipients) : CancelShiftOutcome;
    public sealed record NotFound : CancelShiftOutcome;
    public sealed record NotOrganizer : CancelShiftOutcome;
    public sealed record AlreadyCancelled : CancelShiftOutcome;
    public sealed record Started : CancelShiftOutcome;
}

public abstract record ReportOutcome
{
    public sealed record Recorded(Shift Shift, ShiftReport Report, bool Replaced) : ReportOutcome;
    public sealed record NothingWorked : ReportOutcome;
    public sealed record NotEnded(Shift Shift) : ReportOutcome;
    public sealed record Invalid(Shift Shift, ReportProblem Problem) : ReportOutcome;
}

public abstract record ResultsOutcome
{
    /// <param name="Shifts">Every shift counted, with its reports: the CSV's rows.</param>
    public sealed record Listed(string? Filter, IReadOnlyList<ShiftTotals> ByArea, IReadOnlyList<ShiftTotals> ByCampaign,
        IReadOnlyList<(Shift Shift, IReadOnlyList<ShiftReport> Reports)> Shifts) : ResultsOutcome;
    public sealed record NotOrganizer : ResultsOutcome;
}
