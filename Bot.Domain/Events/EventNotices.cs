using Bot.Domain.Chapters;
using Bot.Domain.Messaging;

namespace Bot.Domain.Events;

/// <summary>Who hears what after an event changed: whoever moved up from the waitlist, and, after an organizer
/// changed or cancelled it, everyone who said yes or maybe, plus the chapter's linked group.</summary>
/// <remarks>
/// Who is told about a change: time and place (SPEC), and the title too, because reminders and cards will carry
/// the new name and nobody should wonder what "Sommerfest" is when they said yes to "Grillabend". A change of
/// capacity alone changes nobody's answer (a smaller capacity can never take a place away: the service refuses
/// it), so it reaches only those it moves up from the waitlist. The organizer who made the change is not told
/// about it. A new deadline, note or number of guests allowed is told as well: each can change what a member does
/// (answer in time, bring flyers, bring a friend). The group hears about cancellations and new times, places,
/// deadlines and notes, without names: those who have not answered yet read it there.
/// </remarks>
public sealed class EventNotices(INotices notices, IChapterStore chapters)
{
    private const EventChanges Told = EventChanges.Title | EventChanges.Time | EventChanges.Place | EventChanges.Deadline | EventChanges.Guests | EventChanges.Note;
    private const EventChanges ToldInGroup = EventChanges.Time | EventChanges.Place | EventChanges.Deadline | EventChanges.Note;

    /// <summary>Whether a change with these fields is told to those who answered yes or maybe.</summary>
    public static bool TellsAnswerers(EventChanges changes) => (changes & Told) != 0;

    /// <summary>A place came free: whoever moved up is told, as soon as <paramref name="urgency"/> says.</summary>
    public Task Promoted(Event @event, IReadOnlyList<long> promoted, Urgency urgency, CancellationToken ct) =>
        promoted.Count == 0 ? Task.CompletedTask : notices.Tell(PromotedNotices(@event, promoted, urgency), ct);

    /// <summary>Tells everyone concerned about an edit; returns how many who answered yes or maybe are told.</summary>
    public async Task<int> Changed(EditEventOutcome.Edited edited, long actorId, CancellationToken ct)
    {
        var told = PromotedNotices(edited.Event, edited.Promoted, Urgency.Bulk);
        var recipients = TellsAnswerers(edited.Changes) ? Others(edited.Recipients, actorId) : [];
        told.AddRange(recipients.Select(id => new EventChanged(new Recipient.Member(id), edited.Event, edited.Before, edited.Changes)));
        if ((edited.Changes & ToldInGroup) != 0 && await Group(edited.Event, ct) is { } group)
        {
            told.Add(new EventChanged(group, edited.Event, edited.Before, edited.Changes));
        }

        await notices.Tell(told, ct);
        return recipients.Count;
    }

    /// <summary>Tells everyone who answered yes or maybe, and the group, that the event is off, and takes back its
    /// reminders still queued (a large fan-out may not be out yet); returns how many were told in private.</summary>
    public async Task<int> Cancelled(CancelEventOutcome.Cancelled cancelled, long actorId, CancellationToken ct)
    {
        await notices.WithdrawReminders(cancelled.Event.Id, ct);
        var recipients = Others(cancelled.Recipients, actorId);
        List<Notice> told = [.. recipients.Select(id => new EventCancelled(new Recipient.Member(id), cancelled.Event))];
        if (await Group(cancelled.Event, ct) is { } group)
        {
            told.Add(new EventCancelled(group, cancelled.Event));
        }

        await notices.Tell(told, ct);
        return recipients.Count;
    }

    private static List<Notice> PromotedNotices(Event @event, IReadOnlyList<long> promoted, Urgency urgency) =>
        [.. promoted.Select(id => new PromotedFromWaitlist(new Recipient.Member(id), @event, urgency))];

    private static List<long> Others(IReadOnlyList<long> recipients, long actorId) => recipients.Where(id => id != actorId).Distinct().ToList();

    private async Task<Recipient?> Group(Event @event, CancellationToken ct) =>
        (await chapters.Tree(ct)).Find(@event.ChapterId)?.GroupChatId is { } chat ? new Recipient.Group(chat) : null;
}

/// <summary>A notice about one event.</summary>
public abstract record EventNotice(Recipient To, Event Event, Urgency Urgency) : Notice(To, Urgency);

/// <summary>A place came free and the member, who was waiting, now has it.</summary>
public sealed record PromotedFromWaitlist(Recipient To, Event Event, Urgency Urgency) : EventNotice(To, Event, Urgency);

/// <summary>An organizer changed the event; <paramref name="Before"/> is how it was.</summary>
public sealed record EventChanged(Recipient To, Event Event, EventBefore Before, EventChanges Changes) : EventNotice(To, Event, Urgency.Bulk);

/// <summary>An organizer cancelled the event.</summary>
public sealed record EventCancelled(Recipient To, Event Event) : EventNotice(To, Event, Urgency.Bulk);

/// <summary>An event's fields as they were before an edit, for "was: …" (the edit changes the event in place).</summary>
public sealed record EventBefore(string Title, string Place, DateTime StartsAt, int? Capacity)
{
    public DateTime? DeadlineAt { get; init; }

    public int MaxGuests { get; init; }

    public string? Note { get; init; }

    public static EventBefore Of(Event @event) =>
        new(@event.Title, @event.Place, @event.StartsAt, @event.Capacity) { DeadlineAt = @event.DeadlineAt, MaxGuests = @event.MaxGuests, Note = @event.Note };
}
