using Bot.Domain.Messaging;

namespace Bot.Domain.Canvassing;

/// <summary>What shifts need as time passes, looked at by a minutely job with its scheduled time: 48 hours before
/// the start, the staffing (the organizer warned and help asked for, once, when too few signed up); after the end,
/// the participants asked for their results, once. Each shift is marked in the transaction that queues its messages,
/// so a crash or a restart repeats nothing and loses nothing; what is read grows with shifts, not with people.</summary>
public sealed class ShiftSweep(IShiftStore store, IShiftAudience audience, INotices notices)
{
    /// <summary>Does what is due at <paramref name="at"/>; returns how many shifts it handled.</summary>
    public async Task<int> Run(DateTimeOffset at, CancellationToken ct)
    {
        var now = at.UtcDateTime;
        var handled = 0;
        foreach (var shift in await store.StaffingDue(now, now + Shift.StaffingCheckBefore, ct))
        {
            shift.StaffingCheckedAt = now;
            var roster = Roster.Of(shift, await store.SignUps(shift.Id, ct));
            if (roster.IsUnderstaffed)
            {
                List<Notice> told = shift.CreatedBy is { } organizer ? [new ShiftUnderstaffed(new Recipient.Member(organizer), shift, roster.Taken)] : [];
                told.AddRange((await audience.HelpNeededAudience(shift.ChapterId, ct))
                    .Where(id => !roster.IsSignedUp(id) && id != shift.CreatedBy)
                    .Select(id => new ShiftHelpNeeded(new Recipient.Member(id), shift, roster.Taken)));
                await notices.Tell(told, ct);
            }

            await store.Save(ct);
            handled++;
        }

        foreach (var shift in await store.ResultsDue(now, ct))
        {
            shift.ResultsAskedAt = now;
            var roster = Roster.Of(shift, await store.SignUps(shift.Id, ct));
            await notices.Tell([.. roster.Placed.Select(id => new ShiftResultsAsked(new Recipient.Member(id), shift))], ct);
            await store.Save(ct);
            handled++;
        }

        return handled;
    }
}
