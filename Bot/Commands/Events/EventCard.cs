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

    public Html Text(EventView view, string chapterName, CultureInfo culture, DateTime now, bool forReader)
    {
        var (e, roster) = (view.Event, view.Roster);
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
        if (roster.Capacity is { } capacity)
        {
            lines.Add(t(TextCatalog.Counted("Event.Card.Places", capacity), [roster.Taken, capacity, roster.Free]));
        }

        if (roster.Waitlisted > 0)
        {
            lines.Add(t("Event.Card.Waitlist", [roster.Waitlisted]));
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

        lines.Add(t("Event.Card.Counts", [roster.Confirmed, roster.Guests > 0 ? texts.Plain(TextCatalog.Counted("Event.Card.GuestCount", roster.Guests), culture, roster.Guests) : "", roster.Maybe, roster.No]));
        if (forReader && view.Mine is { } mine)
        {
            lines.Add(Mine(mine, roster, culture));
        }

        lines.Add(Html.Format($"<i>{chapterName}</i>"));
        return Html.Join("\n", lines.Where(l => l.Value.Length > 0));
    }

    /// <summary>The reader's own answer, with the waitlist place where it applies.</summary>
    public Html Mine(Rsvp mine, Roster roster, CultureInfo culture) =>
        mine.Answer switch
        {
            Answer.Yes when mine.UserId is { } user && roster.WaitlistPlace(user) is { } place => texts.Html("Event.Mine.Waiting", culture, place),
            Answer.Yes when mine.Guests > 0 => texts.Html(TextCatalog.Counted("Event.Mine.YesWithGuests", mine.Guests), culture, mine.Guests),
            Answer.Yes => texts.Html("Event.Mine.Yes", culture),
            Answer.Maybe => texts.Html("Event.Mine.Maybe", culture),
            _ => texts.Html("Event.Mine.No", culture),
        };

    public InlineKeyboardMarkup? Keyboard(EventView view, CultureInfo culture, DateTime now, bool organizer)
    {
        var (e, roster) = (view.Event, view.Roster);
        if (e.IsCancelled)
        {
            return null;
        }

        var rows = new List<IReadOnlyList<InlineKeyboardButton>>();
        if (e.AcceptsAnswersAt(now))
        {
            rows.Add(
            [
                Button(texts.Plain("Event.Button.Yes", culture, roster.Confirmed), RsvpRoute, e.Id, "y"),
                Button(texts.Plain("Event.Button.Maybe", culture, roster.Maybe), RsvpRoute, e.Id, "m"),
                Button(texts.Plain("Event.Button.No", culture, roster.No), RsvpRoute, e.Id, "n"),
            ]);
            if (e.MaxGuests > 0)
            {
                rows.Add([Button(texts.Plain("Event.Button.Guest", culture), RsvpRoute, e.Id, "g")]);
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

    private static InlineKeyboardButton Button(string label, string route, long eventId, string action) =>
        new(label) { CallbackData = CallbackCodec.Encode(CallbackData.Of(route, eventId, action)) };
}
