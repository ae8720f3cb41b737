using System.Globalization;
using Bot.Domain.Events;
using Bot.Domain.Messaging;
using Bot.Telegram.Outbox;
using Bot.Telegram.Rendering;
using Bot.Texts;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Commands.Events;

/// <summary>The words of what <see cref="EventNotices"/> decides to tell: a member reads what changed and what to
/// do; the group reads only what changed.</summary>
public sealed class EventNoticeTexts(TextCatalog texts, LocalTime time) : INoticeWording
{
    public (Html Text, InlineKeyboardMarkup? Keyboard)? Word(Notice notice, CultureInfo culture) =>
        notice switch
        {
            PromotedFromWaitlist promoted => (texts.Html("Event.Promoted", culture, promoted.Event.Title), Answers(promoted.Event, culture)),
            EventChanged { To: Recipient.Group } changed => (Html.Join("\n", ChangeLines(changed, culture)), null),
            EventChanged changed => (Html.Join("\n", [.. ChangeLines(changed, culture), Html.Raw(""), texts.Html("Organize.Notice.Footer", culture)]), Answers(changed.Event, culture)),
            EventCancelled { To: Recipient.Group } cancelled => (CancelledLine(cancelled.Event, culture), null),
            EventCancelled cancelled => (Html.Join("\n\n", [CancelledLine(cancelled.Event, culture), texts.Html("Organize.Notice.CancelledFooter", culture)]), null),
            _ => null,
        };

    private InlineKeyboardMarkup Answers(Event @event, CultureInfo culture) => new([EventCard.AnswerRow(texts, @event.Id, culture)]);

    private IEnumerable<Html> ChangeLines(EventChanged changed, CultureInfo culture)
    {
        var (e, before) = (changed.Event, changed.Before);
        yield return texts.Html("Organize.Notice.Changed", culture, e.Title);
        if (changed.Changes.HasFlag(EventChanges.Time))
        {
            yield return texts.Html("Organize.Notice.Time", culture, time.DateAndTime(e.StartsAt, culture), time.DateAndTime(before.StartsAt, culture));
        }

        if (changed.Changes.HasFlag(EventChanges.Place))
        {
            yield return texts.Html("Organize.Notice.Place", culture, e.Place, before.Place);
        }

        if (changed.Changes.HasFlag(EventChanges.Title))
        {
            yield return texts.Html("Organize.Notice.Title", culture, e.Title, before.Title);
        }

        if (changed.Changes.HasFlag(EventChanges.Reopened))
        {
            yield return texts.Html("Organize.Notice.Reopened", culture, Deadline(e.DeadlineAt, e.StartsAt, culture));
        }
        else if (changed.Changes.HasFlag(EventChanges.Deadline))
        {
            yield return texts.Html("Organize.Notice.Deadline", culture, Deadline(e.DeadlineAt, e.StartsAt, culture), Deadline(before.DeadlineAt, before.StartsAt, culture));
        }

        if (changed.Changes.HasFlag(EventChanges.Guests))
        {
            yield return texts.Html("Organize.Notice.Guests", culture, e.MaxGuests, before.MaxGuests);
        }

        if (changed.Changes.HasFlag(EventChanges.Note))
        {
            yield return e.Note is { } note
                ? texts.Html("Organize.Notice.Note", culture, note)
                : texts.Html("Organize.Notice.NoteRemoved", culture, before.Note);
        }
    }

    /// <summary>A deadline, or the start when answers close then.</summary>
    private string Deadline(DateTime? deadline, DateTime startsAt, CultureInfo culture) =>
        deadline is { } at ? time.DateAndTime(at, culture) : $"{texts.Plain("Organize.Notice.UntilStart", culture)} ({time.DateAndTime(startsAt, culture)})";

    private Html CancelledLine(Event @event, CultureInfo culture) =>
        texts.Html("Organize.Notice.Cancelled", culture, @event.Title, time.DateAndTime(@event.StartsAt, culture));
}
