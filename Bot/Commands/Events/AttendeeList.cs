using System.Globalization;
using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Bot.Telegram.Rendering;
using Bot.Texts;

namespace Bot.Commands.Events;

/// <summary>Who answered what, for organizers: confirmed with their guests in the order they came, the waitlist
/// with places, maybe, no. Answers of members who erased their data are counted without a name; members the bot
/// cannot reach are marked, because they will not hear about changes.</summary>
internal static class AttendeeList
{
    public static Html Render(AttendeesOutcome.Listed listed, TextCatalog texts, LocalTime time, CultureInfo culture)
    {
        var (e, waitlist, members) = (listed.Event, listed.Waitlist, listed.Members);
        var t = (string key, object?[] args) => texts.Html(key, culture, args);
        var anyUnreachable = false;

        // The queue of yes answers in the waitlist's order: the first Confirmed have places, everyone after them waits.
        var yes = listed.Rsvps.Where(r => r.Answer == Answer.Yes).OrderBy(r => r.Ticket).ThenBy(r => r.Id).ToList();
        var confirmed = yes.Take(waitlist.Confirmed).ToList();
        var waiting = yes.Skip(waitlist.Confirmed).ToList();

        var header = new List<Html> { t("Organize.List.Title", [e.Title]), t("Organize.List.When", [time.DateAndTime(e.StartsAt, culture)]) };
        if (waitlist.Capacity is { } capacity)
        {
            header.Add(t(TextCatalog.Counted("Event.Card.Places", capacity), [waitlist.Taken, capacity, waitlist.Free]));
        }

        var parts = new List<Html>
        {
            Html.Join("\n", header),
            Section(
                waitlist.Guests > 0 ? t(TextCatalog.Counted("Organize.List.YesWithGuests", waitlist.Guests), [waitlist.Confirmed, waitlist.Guests]) : t("Organize.List.Yes", [waitlist.Confirmed]),
                Bullets(confirmed, r => r.Guests > 0 ? Html.Format($" (+{r.Guests})") : default)),
        };

        if (waiting.Count > 0)
        {
            parts.Add(Section(
                t("Organize.List.Waitlist", [waiting.Count]),
                waiting.Select((r, i) => Html.Format($"{i + 1}. {Name(r)}{(r.Guests > 0 ? Html.Format($" (+{r.Guests})") : default)}")).ToList()));
        }

        var maybe = listed.Rsvps.Where(r => r.Answer == Answer.Maybe).OrderBy(r => r.AnsweredAt).ToList();
        var no = listed.Rsvps.Where(r => r.Answer == Answer.No).OrderBy(r => r.AnsweredAt).ToList();
        parts.Add(Section(t("Organize.List.Maybe", [maybe.Count]), Bullets(maybe, _ => default)));
        parts.Add(Section(t("Organize.List.No", [no.Count]), Bullets(no, _ => default)));
        if (anyUnreachable)
        {
            parts.Add(t("Organize.List.Unreachable", []));
        }

        parts.Add(t("Organize.List.Footer", []));
        return Html.Join("\n\n", parts);

        Html Section(Html header, IReadOnlyList<Html> lines) =>
            Html.Join("\n", [header, .. lines.Count > 0 ? lines : [Html.Format($"<i>{texts.Plain("Organize.List.Nobody", culture)}</i>")]]);

        // Named answers one per line; erased ones counted in a line of their own at the end.
        List<Html> Bullets(IReadOnlyList<Rsvp> rsvps, Func<Rsvp, Html> suffix)
        {
            var lines = rsvps.Where(r => Known(r) is not null).Select(r => Html.Format($"• {Name(r)}{suffix(r)}")).ToList();
            var erased = rsvps.Count(r => Known(r) is null);
            if (erased > 0)
            {
                lines.Add(Html.Format($"• {texts.Plain(TextCatalog.Counted("Organize.List.Erased", erased), culture, erased)}"));
            }

            return lines;
        }

        Member? Known(Rsvp rsvp) => rsvp.UserId is { } id ? members.GetValueOrDefault(id) : null;

        Html Name(Rsvp rsvp)
        {
            if (Known(rsvp) is not { } member)
            {
                return Html.Text(texts.Plain("Organize.List.ErasedOne", culture));
            }

            anyUnreachable |= !member.Reachable;
            return member.Reachable ? Html.Text(member.DisplayName) : Html.Format($"{member.DisplayName} ⚠️");
        }
    }
}
