using System.Globalization;
using Bot.Commands.Callbacks;
using Bot.Domain.Events;
using Bot.Telegram.Api;
using Bot.Telegram.Rendering;
using Bot.Texts;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Commands.Events;

/// <summary>How an event looks in a chat: title, weekday, date and time with how far away, place, places and
/// waitlist, deadline, the counts per answer, and the buttons to answer. In a private chat it also shows the
/// reader's own answer, and to organizers the buttons to manage the event.</summary>
public sealed class EventCard(TextCatalog texts, LocalTime time)
{
    public const string RsvpRoute = "rv";
    public const string ManageRoute = "ev";

    /// <summary>Marks a press on a message that is not a card: the message stays, the cards are refreshed.</summary>
    public const string Standalone = "s";

    public Html Text(EventView view, string chapterName, CultureInfo culture, DateTime now, bool forReader)
    {
        var (e, waitlist) = (view.Event, view.Waitlist);
        var t = (string key, object?[] args) => texts.Html(key, culture, args);
        var lines = new List<Html>();
        if (e.IsCancelled)
        {
            lines.Add(t("Event.Card.CancelledTitle", [e.Title]));
        }
        else
        {
            lines.Add(Html.Format($"<b>{e.Title}</b>"));
        }

        lines.Add(t("Event.Card.When", [time.DateAndTime(e.StartsAt, culture), LocalTime.Relative(e.StartsAt, now, culture)]));
        lines.Add(t("Event.Card.Where", [e.Place]));
        if (e.Note is { } note)
        {
            lines.Add(t("Event.Card.Note", [note]));
        }

        if (waitlist.Capacity is { } capacity)
        {
            lines.Add(t(TextCatalog.Counted("Event.Card.Places", capacity), [waitlist.Taken, capacity, waitlist.Free]));
        }

        if (waitlist.Waitlisted > 0)
        {
            lines.Add(t("Event.Card.Waitlist", [waitlist.Waitlisted]));
        }

        if (e.MaxGuests > 0)
        {
            lines.Add(t(TextCatalog.Counted("Event.Card.Guests", e.MaxGuests), [e.MaxGuests]));
        }

        if (!e.IsCancelled)
        {
            lines.Add(e.AcceptsAnswersAt(now)
                ? e.DeadlineAt is { } deadline ? t("Event.Card.Deadline", [time.DateAndTime(deadline, culture)]) : Html.Raw("")
                : t("Event.Card.Closed", []));
        }

        lines.Add(t("Event.Card.Counts", [waitlist.Confirmed, waitlist.Guests > 0 ? texts.Plain(TextCatalog.Counted("Event.Card.GuestCount", waitlist.Guests), culture, waitlist.Guests) : "", waitlist.Maybe, waitlist.No]));
        if (forReader && view.Mine is { } mine)
        {
            lines.Add(Mine(mine, waitlist, culture));
        }

        lines.Add(Html.Format($"<i>{chapterName}</i>"));
        return Html.Join("\n", lines.Where(l => l.Value.Length > 0));
    }

    /// <summary>The reader's own answer, with the waitlist place where it applies.</summary>
    public Html Mine(Rsvp mine, Waitlist waitlist, CultureInfo culture) =>
        mine.Answer switch
        {
            Answer.Yes when mine.UserId is { } user && waitlist.WaitlistPlace(user) is { } place => texts.Html("Event.Mine.Waiting", culture, place),
            Answer.Yes when mine.Guests > 0 => texts.Html(TextCatalog.Counted("Event.Mine.YesWithGuests", mine.Guests), culture, mine.Guests),
            Answer.Yes => texts.Html("Event.Mine.Yes", culture),
            Answer.Maybe => texts.Html("Event.Mine.Maybe", culture),
            _ => texts.Html("Event.Mine.No", culture),
        };

    public InlineKeyboardMarkup? Keyboard(EventView view, CultureInfo culture, DateTime now, bool organizer)
    {
        var (e, waitlist) = (view.Event, view.Waitlist);
        if (e.IsCancelled)
        {
            return null;
        }

        var rows = new List<IReadOnlyList<InlineKeyboardButton>>();
        if (e.AcceptsAnswersAt(now))
        {
            rows.Add(
            [
                Button(texts.Plain("Event.Button.Yes", culture, waitlist.Confirmed), RsvpRoute, e.Id, "y"),
                Button(texts.Plain("Event.Button.Maybe", culture, waitlist.Maybe), RsvpRoute, e.Id, "m"),
                Button(texts.Plain("Event.Button.No", culture, waitlist.No), RsvpRoute, e.Id, "n"),
            ]);
            if (e.MaxGuests > 0)
            {
                rows.Add([Button(GuestLabel(view, culture), RsvpRoute, e.Id, "g")]);
            }
        }
        else
        {
            rows.Add([Button(texts.Plain("Event.Button.Closed", culture), RsvpRoute, e.Id, "c")]);
        }

        if (organizer)
        {
            rows.Add(
            [
                Button(texts.Plain("Event.Button.List", culture), ManageRoute, e.Id, "list"),
                Button(texts.Plain("Event.Button.Edit", culture), ManageRoute, e.Id, "edit"),
                Button(texts.Plain("Event.Button.Cancel", culture), ManageRoute, e.Id, "cancel"),
            ]);
        }

        return new InlineKeyboardMarkup(rows);
    }

    /// <summary>The +1 button says what the reader has and what a press does: bring one, one more, or none again
    /// (it goes round). A group's card has no reader, so it offers to bring one.</summary>
    private string GuestLabel(EventView view, CultureInfo culture) =>
        view.Mine is { Answer: Answer.Yes, Guests: > 0 and var guests }
            ? guests >= view.Event.MaxGuests
                ? texts.Plain(TextCatalog.Counted("Event.Button.GuestsOff", guests), culture, guests)
                : texts.Plain(TextCatalog.Counted("Event.Button.GuestMore", guests), culture, guests)
            : texts.Plain("Event.Button.Guest", culture);

    /// <summary>The answer buttons under a message about the event that is not its card (a reminder, a change, a
    /// promotion): no counts, as such a message is not kept up to date, and a press leaves the message as it is.</summary>
    public static IReadOnlyList<InlineKeyboardButton> AnswerRow(TextCatalog texts, long eventId, CultureInfo culture) =>
    [
        Button(texts.Plain("Event.Button.Short.Yes", culture), RsvpRoute, eventId, "y", Standalone),
        Button(texts.Plain("Event.Button.Short.Maybe", culture), RsvpRoute, eventId, "m", Standalone),
        Button(texts.Plain("Event.Button.Short.No", culture), RsvpRoute, eventId, "n", Standalone),
    ];

    private static InlineKeyboardButton Button(string label, string route, long eventId, string action, string standalone) =>
        new(label) { CallbackData = CallbackCodec.Encode(CallbackData.Of(route, eventId, action, standalone)) };

    private static InlineKeyboardButton Button(string label, string route, long eventId, string action) =>
        new(label) { CallbackData = CallbackCodec.Encode(CallbackData.Of(route, eventId, action)) };
}
