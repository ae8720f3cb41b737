using System.Globalization;
using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Bot.Domain.Messaging;
using Bot.Persistence;
using Bot.Telegram.Outbox;
using Bot.Telegram.Rendering;
using Bot.Texts;
using Microsoft.EntityFrameworkCore;
using OutboxWriter = Bot.Telegram.Outbox.Outbox;

namespace Bot.Commands.Events;

/// <summary>Tells people what happened to an event they answered: whoever moved up from the waitlist, and, after an
/// organizer changed or cancelled it, everyone who said yes or maybe, each in a private message in their own
/// language, plus a short notice in the chapter's linked group. The one place that decides who hears what.</summary>
/// <remarks>
/// Who is told about a change: time and place (SPEC), and the title too, because reminders and cards will carry
/// the new name and nobody should wonder what "Sommerfest" is when they said yes to "Grillabend". A change of
/// capacity alone changes nobody's answer (a smaller capacity can never take a place away: the domain refuses
/// it), so it reaches only those it moves up from the waitlist. The organizer who made the change is not told
/// about it. The group hears about cancellations and new times or places, without names.
/// </remarks>
public sealed class EventNotices(BotDbContext db, OutboxWriter outbox, TextCatalog texts, LocalTime time, IChapterStore chapters)
{
    private const EventChanges Told = EventChanges.Title | EventChanges.Time | EventChanges.Place;
    private const EventChanges ToldInGroup = EventChanges.Time | EventChanges.Place;

    public static string Tag(long eventId) => $"event-change:{eventId}";

    /// <summary>Whether a change with these fields is told to those who answered yes or maybe.</summary>
    public static bool TellsAnswerers(EventChanges changes) => (changes & Told) != 0;

    /// <summary>A place came free: whoever moved up learns it in a private message, in their language.</summary>
    public async Task Promoted(Event @event, IReadOnlyList<long> promoted, Urgency urgency, CancellationToken ct)
    {
        var members = await Members(promoted, ct);
        foreach (var userId in promoted)
        {
            var culture = texts.CultureFor(members.GetValueOrDefault(userId)?.Language);
            outbox.Send(userId, texts.Html("Event.Promoted", culture, @event.Title), urgency: urgency, tag: Tag(@event.Id));
        }
    }

    /// <summary>Tells everyone concerned about an edit; returns how many who answered yes or maybe get a message.</summary>
    public async Task<int> Changed(EditEventOutcome.Edited edited, EventBefore before, long actorId, CancellationToken ct)
    {
        await Promoted(edited.Event, edited.Promoted, Urgency.Bulk, ct);
        if (!TellsAnswerers(edited.Changes))
        {
            return 0;
        }

        var recipients = edited.Recipients.Where(id => id != actorId).Distinct().ToList();
        var members = await Members(recipients, ct);
        foreach (var userId in recipients)
        {
            var culture = texts.CultureFor(members.GetValueOrDefault(userId)?.Language);
            var text = Html.Join("\n", [.. ChangeLines(edited, before, culture), Html.Raw(""), texts.Html("Organize.Notice.Footer", culture)]);
            outbox.Send(userId, text, urgency: Urgency.Bulk, tag: Tag(edited.Event.Id));
        }

        if ((edited.Changes & ToldInGroup) != 0)
        {
            await TellGroup(edited.Event, culture => Html.Join("\n", ChangeLines(edited, before, culture)), ct);
        }

        return recipients.Count;
    }

    /// <summary>Tells everyone who answered yes or maybe, and the group, that the event is off; returns how many
    /// were told in private.</summary>
    public async Task<int> Cancelled(CancelEventOutcome.Cancelled cancelled, long actorId, CancellationToken ct)
    {
        var @event = cancelled.Event;
        // Reminders of a large fan-out may still be queued: they would announce what is now off.
        var reminders = Reminders.ReminderMessage.Tag(@event.Id);
        await db.Outbox.Where(o => o.Tag == reminders && o.Status == OutboxStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatus.Superseded), ct);
        var recipients = cancelled.Recipients.Where(id => id != actorId).Distinct().ToList();
        var members = await Members(recipients, ct);
        foreach (var userId in recipients)
        {
            var culture = texts.CultureFor(members.GetValueOrDefault(userId)?.Language);
            var text = Html.Join("\n\n", [CancelledLine(@event, culture), texts.Html("Organize.Notice.CancelledFooter", culture)]);
            outbox.Send(userId, text, urgency: Urgency.Bulk, tag: Tag(@event.Id));
        }

        await TellGroup(@event, culture => CancelledLine(@event, culture), ct);
        return recipients.Count;
    }

    private IEnumerable<Html> ChangeLines(EditEventOutcome.Edited edited, EventBefore before, CultureInfo culture)
    {
        var e = edited.Event;
        yield return texts.Html("Organize.Notice.Changed", culture, e.Title);
        if (edited.Changes.HasFlag(EventChanges.Time))
        {
            yield return texts.Html("Organize.Notice.Time", culture, time.DateAndTime(e.StartsAt, culture), time.DateAndTime(before.StartsAt, culture));
        }

        if (edited.Changes.HasFlag(EventChanges.Place))
        {
            yield return texts.Html("Organize.Notice.Place", culture, e.Place, before.Place);
        }

        if (edited.Changes.HasFlag(EventChanges.Title))
        {
            yield return texts.Html("Organize.Notice.Title", culture, e.Title, before.Title);
        }
    }

    private Html CancelledLine(Event @event, CultureInfo culture) =>
        texts.Html("Organize.Notice.Cancelled", culture, @event.Title, time.DateAndTime(@event.StartsAt, culture));

    /// <summary>The chapter's linked group, if any, reads the default language: it is many people's chat.</summary>
    private async Task TellGroup(Event @event, Func<CultureInfo, Html> text, CancellationToken ct)
    {
        if ((await chapters.Tree(ct)).Find(@event.ChapterId)?.GroupChatId is { } group)
        {
            outbox.Send(group, text(texts.CultureFor(null)), urgency: Urgency.Bulk, tag: Tag(@event.Id));
        }
    }

    private async Task<Dictionary<long, Member>> Members(IReadOnlyCollection<long> userIds, CancellationToken ct) =>
        userIds.Count == 0 ? [] : await db.Members.Where(m => userIds.Contains(m.UserId)).ToDictionaryAsync(m => m.UserId, ct);
}

/// <summary>An event's fields as they were before an edit, for "was: …" in the notices (the edit changes the event
/// in place).</summary>
public sealed record EventBefore(string Title, string Place, DateTime StartsAt, int? Capacity)
{
    public static EventBefore Of(Event @event) => new(@event.Title, @event.Place, @event.StartsAt, @event.Capacity);
}
