using System.Globalization;
using Bot.Domain.Canvassing;
using Bot.Domain.Messaging;
using Bot.Telegram.Outbox;
using Bot.Telegram.Rendering;
using Bot.Texts;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Commands.Shifts;

/// <summary>The words of what the shift rules decide to tell: moved up, changed, cancelled, understaffed (to the
/// organizer), help needed (to members, with the 🙋 button), and the question for results after the end.</summary>
public sealed class ShiftNoticeTexts(TextCatalog texts, ShiftCard card, ReportCommand report) : INoticeWording
{
    public (Html Text, InlineKeyboardMarkup? Keyboard)? Word(Notice notice, CultureInfo culture) =>
        notice switch
        {
            ShiftPromoted promoted => (texts.Html("Shift.Promoted", culture, promoted.Shift.Area, card.Span(promoted.Shift, culture)), null),
            ShiftChanged changed => (Html.Join("\n", Changes(changed, culture)), null),
            ShiftCancelled cancelled => (texts.Html("Shift.Notice.Cancelled", culture, cancelled.Shift.Area, card.Span(cancelled.Shift, culture)), null),
            ShiftUnderstaffed under => (texts.Html("Shift.Notice.Understaffed", culture, under.Shift.Area, card.Span(under.Shift, culture), under.Taken, under.Shift.Minimum), null),
            ShiftHelpNeeded help => (texts.Html("Shift.Notice.HelpNeeded", culture, help.Shift.Area, card.Span(help.Shift, culture), help.Shift.MeetingPoint, help.Taken, help.Shift.Minimum),
                new InlineKeyboardMarkup([[ShiftCard.Button(texts.Plain("Shift.Button.SignUp", culture, help.Taken, help.Shift.Slots), help.Shift.Id, ShiftCard.SignUp)]])),
            ShiftResultsAsked asked => report.Question(asked.Shift, culture),
            ShiftReminder { WaitlistPlace: { } place } reminder => (texts.Html("Shift.Reminder.Waiting", culture, reminder.Shift.Area, card.Span(reminder.Shift, culture), reminder.Shift.MeetingPoint, place), null),
            ShiftReminder reminder => (texts.Html("Shift.Reminder", culture, reminder.Shift.Area, card.Span(reminder.Shift, culture), reminder.Shift.MeetingPoint), null),
            _ => null,
        };

    private IEnumerable<Html> Changes(ShiftChanged changed, CultureInfo culture)
    {
        var (s, before) = (changed.Shift, changed.Before);
        yield return texts.Html("Shift.Notice.Changed", culture, s.Area);
        if (changed.Changes.HasFlag(ShiftChanges.Time))
        {
            yield return texts.Html("Shift.Notice.Time", culture, card.Span(s, culture));
        }

        if (changed.Changes.HasFlag(ShiftChanges.MeetingPoint))
        {
            yield return texts.Html("Shift.Notice.MeetingPoint", culture, s.MeetingPoint, before.MeetingPoint);
        }

        if (changed.Changes.HasFlag(ShiftChanges.Area))
        {
            yield return texts.Html("Shift.Notice.Area", culture, s.Area, before.Area);
        }
    }
}
