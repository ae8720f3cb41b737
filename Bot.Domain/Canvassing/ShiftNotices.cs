using Bot.Domain.Chapters;
using Bot.Domain.Messaging;

namespace Bot.Domain.Canvassing;

/// <summary>Who hears what about a shift: whoever moved up from the waitlist; after an organizer changed area, time
/// or meeting point, or cancelled it, everyone signed up (not the organizer who did it) and the chapter's linked
/// group, without names.</summary>
public sealed class ShiftNotices(INotices notices, IChapterStore chapters)
{
    private const ShiftChanges Told = ShiftChanges.Area | ShiftChanges.Time | ShiftChanges.MeetingPoint;

    public Task Promoted(Shift shift, IReadOnlyList<long> promoted, Urgency urgency, CancellationToken ct) =>
        promoted.Count == 0 ? Task.CompletedTask : notices.Tell(PromotedNotices(shift, promoted, urgency), ct);

    /// <summary>Tells everyone concerned about an edit; returns how many signed up are told.</summary>
    public async Task<int> Changed(EditShiftOutcome.Edited edited, long actorId, CancellationToken ct)
    {
        var told = PromotedNotices(edited.Shift, edited.Promoted, Urgency.Bulk);
        var recipients = (edited.Changes & Told) != 0 ? Others(edited.Recipients, actorId) : [];
        told.AddRange(recipients.Select(id => new ShiftChanged(new Recipient.Member(id), edited.Shift, edited.Before, edited.Changes)));
        if ((edited.Changes & Told) != 0 && await Group(edited.Shift, ct) is { } group)
        {
            told.Add(new ShiftChanged(group, edited.Shift, edited.Before, edited.Changes));
        }

        await notices.Tell(told, ct);
        return recipients.Count;
    }

    /// <summary>Tells everyone signed up, and the group, that the shift is off; returns how many were told in private.</summary>
    public async Task<int> Cancelled(CancelShiftOutcome.Cancelled cancelled, long actorId, CancellationToken ct)
    {
        var recipients = Others(cancelled.Recipients, actorId);
        List<Notice> told = [.. recipients.Select(id => new ShiftCancelled(new Recipient.Member(id), cancelled.Shift))];
        if (await Group(cancelled.Shift, ct) is { } group)
        {
            told.Add(new ShiftCancelled(group, cancelled.Shift));
        }

        await notices.Tell(told, ct);
        return recipients.Count;
    }

    private static List<Notice> PromotedNotices(Shift shift, IReadOnlyList<long> promoted, Urgency urgency) =>
        [.. promoted.Select(id => new ShiftPromoted(new Recipient.Member(id), shift, urgency))];

    private static List<long> Others(IReadOnlyList<long> recipients, long actorId) => recipients.Where(id => id != actorId).Distinct().ToList();

    private async Task<Recipient?> Group(Shift shift, CancellationToken ct) =>
        (await chapters.Tree(ct)).Find(shift.ChapterId)?.GroupChatId is { } chat ? new Recipient.Group(chat) : null;
}

/// <summary>A notice about one shift.</summary>
public abstract record ShiftNotice(Recipient To, Shift Shift, Urgency Urgency) : Notice(To, Urgency);

/// <summary>A slot came free and the member, who was waiting, now has it.</summary>
public sealed record ShiftPromoted(Recipient To, Shift Shift, Urgency Urgency) : ShiftNotice(To, Shift, Urgency);

/// <summary>An organizer changed the shift; <paramref name="Before"/> is how it was.</summary>
public sealed record ShiftChanged(Recipient To, Shift Shift, ShiftBefore Before, ShiftChanges Changes) : ShiftNotice(To, Shift, Urgency.Bulk);

/// <summary>An organizer cancelled the shift.</summary>
public sealed record ShiftCancelled(Recipient To, Shift Shift) : ShiftNotice(To, Shift, Urgency.Bulk);

/// <summary>To the organizer: 48 hours before the start, fewer than the minimum signed up.</summary>
public sealed record ShiftUnderstaffed(Recipient To, Shift Shift, int Taken) : ShiftNotice(To, Shift, Urgency.Bulk);

/// <summary>To a member of the chapter: the shift needs more people; the message carries its sign-up button.</summary>
public sealed record ShiftHelpNeeded(Recipient To, Shift Shift, int Taken) : ShiftNotice(To, Shift, Urgency.Bulk);

/// <summary>To a participant after the end: how many doors, how many conversations?</summary>
public sealed record ShiftResultsAsked(Recipient To, Shift Shift) : ShiftNotice(To, Shift, Urgency.Bulk);

/// <summary>To everyone signed up, at a reminder lead time before the start; <paramref name="WaitlistPlace"/> is set
/// for someone still waiting.</summary>
public sealed record ShiftReminder(Recipient To, Shift Shift, int? WaitlistPlace) : ShiftNotice(To, Shift, Urgency.Bulk);
