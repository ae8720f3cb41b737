using Bot.Domain.Messaging;
using Bot.Domain.Reminders;

namespace Bot.Domain.Canvassing;

/// <summary>What shifts need as time passes, looked at by a minutely job with its scheduled time: 48 hours before
/// the start, the staffing (the organizer warned and help asked for, once, when too few signed up); after the end,
/// the participants asked for their results, once. Each shift is marked in the transaction that queues its messages,
/// so a crash or a restart repeats nothing and loses nothing; what is read grows with shifts, not with people.</summary>
/// <remarks>Reminders before a shift go to everyone signed up at each of their lead times (their own from
/// <c>/settings</c>, none if they turned reminders off, else <see cref="ReminderDefaults.LeadTimes"/>), moved before
/// their quiet hours by <see cref="ReminderRule"/>, once, as the event reminders do: a lead time already past when
/// the member signed up or changed their settings is skipped, several missed while the bot was down make one
/// message.</remarks>
public sealed class ShiftSweep(IShiftStore store, IShiftAudience audience, INotices notices, ReminderDefaults reminders)
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

        foreach (var shift in await store.StartingBetween(now, now + reminders.MaxLead + ReminderRule.MaxQuietShift, ct))
        {
            handled += await Remind(shift, now, ct);
        }

        return handled;
    }

    private async Task<int> Remind(Shift shift, DateTime now, CancellationToken ct)
    {
        var signUps = await store.SignUps(shift.Id, ct);
        var sent = (await store.RemindersSent(shift.Id, ct)).Select(r => (r.UserId, r.LeadMinutes)).ToHashSet();
        var roster = Roster.Of(shift, signUps);
        var settings = await store.ReminderSettings(signUps.Select(s => s.UserId).ToList(), ct);
        var told = new List<Notice>();
        foreach (var signUp in signUps)
        {
            var own = settings.GetValueOrDefault(signUp.UserId);
            var quiet = reminders.QuietOf(own?.QuietHours);
            var decidedAt = own is { } chosen && chosen.ChangedAt > signUp.SignedUpAt ? chosen.ChangedAt : signUp.SignedUpAt;
            var due = reminders.LeadsOf(own?.LeadTimes)
                .Where(lead => ReminderRule.EffectiveAt(shift.StartsAt, lead, quiet, reminders.Zone) is var at && at <= now && at > decidedAt)
                .Select(lead => (int)lead.TotalMinutes)
                .Where(minutes => !sent.Contains((signUp.UserId, minutes)))
                .ToList();
            if (due.Count == 0)
            {
                continue;
            }

            foreach (var minutes in due)
            {
                store.Add(new ShiftReminderRecord { ShiftId = shift.Id, UserId = signUp.UserId, LeadMinutes = minutes, SentAt = now });
            }

            told.Add(new ShiftReminder(new Recipient.Member(signUp.UserId), shift, roster.WaitlistPlace(signUp.UserId)));
        }

        if (told.Count == 0)
        {
            return 0;
        }

        await notices.Tell(told, ct);
        await store.Save(ct);
        return 1;
    }
}
