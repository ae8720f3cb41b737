using Bot.Domain.Reminders;
using Bot.Domain.Chapters;

namespace Bot.Domain.Canvassing;

/// <summary>Where shifts, sign-ups and reports are kept; additions join the caller's unit of work.</summary>
public interface IShiftStore
{
    Task<Shift?> Shift(long id, CancellationToken ct);

    /// <summary>Adds the shift and gives it its id, still inside the caller's unit of work.</summary>
    Task AddWithId(Shift shift, CancellationToken ct);

    Task<IReadOnlyList<ShiftSignUp>> SignUps(long shiftId, CancellationToken ct);

    void Add(ShiftSignUp signUp);

    void Remove(ShiftSignUp signUp);

    /// <summary>The members signed up for the shift, by user id.</summary>
    Task<IReadOnlyDictionary<long, Member>> SignedUp(long shiftId, CancellationToken ct);

    /// <summary>Shifts of the given chapters that have not started and are not cancelled, soonest first.</summary>
    Task<IReadOnlyList<Shift>> Upcoming(IReadOnlyCollection<long> chapterIds, DateTime now, CancellationToken ct);

    /// <summary>The shifts the member signed up for that have not ended and are not cancelled, soonest first.</summary>
    Task<IReadOnlyList<Shift>> SignedUpFor(long userId, DateTime now, CancellationToken ct);

    /// <summary>The shifts that ended by <paramref name="now"/> (not cancelled) the member signed up for, latest first.</summary>
    Task<IReadOnlyList<Shift>> Worked(long userId, DateTime now, CancellationToken ct);

    Task<ShiftReport?> Report(long shiftId, long userId, CancellationToken ct);

    void Add(ShiftReport report);

    /// <summary>The shifts of the given chapters that ended by <paramref name="now"/> and were not cancelled, with
    /// their reports, oldest first.</summary>
    Task<IReadOnlyList<(Shift Shift, IReadOnlyList<ShiftReport> Reports)>> Ended(IReadOnlyCollection<long> chapterIds, DateTime now, CancellationToken ct);

    /// <summary>Shifts not cancelled whose staffing was not looked at and that start in (<paramref name="now"/>,
    /// <paramref name="until"/>].</summary>
    Task<IReadOnlyList<Shift>> StaffingDue(DateTime now, DateTime until, CancellationToken ct);

    /// <summary>Shifts not cancelled that ended by <paramref name="now"/> and whose participants were not asked yet.</summary>
    Task<IReadOnlyList<Shift>> ResultsDue(DateTime now, CancellationToken ct);

    /// <summary>Shifts not cancelled that start in (<paramref name="now"/>, <paramref name="until"/>]: those whose
    /// reminders may be due.</summary>
    Task<IReadOnlyList<Shift>> StartingBetween(DateTime now, DateTime until, CancellationToken ct);

    /// <summary>The reminders recorded for the shift.</summary>
    Task<IReadOnlyList<ShiftReminderRecord>> RemindersSent(long shiftId, CancellationToken ct);

    /// <summary>The reminder settings of those of these members who chose any (lead times, quiet hours); the others
    /// follow the defaults.</summary>
    Task<IReadOnlyDictionary<long, MemberSettings>> ReminderSettings(IReadOnlyCollection<long> userIds, CancellationToken ct);

    void Add(ShiftReminderRecord record);

    /// <summary>Commits what the unit of work holds (the sweep commits one shift at a time).</summary>
    Task Save(CancellationToken ct);
}

/// <summary>Who is asked for help when a shift is understaffed. For now the chapter's members who can be written to
/// in private; the calendar's subscriptions narrow it to those subscribed to <c>shifts</c>, here and nowhere else.</summary>
public interface IShiftAudience
{
    /// <summary>The user ids to send a chapter's "help needed" message to.</summary>
    Task<IReadOnlyList<long>> HelpNeededAudience(long chapterId, CancellationToken ct);
}
