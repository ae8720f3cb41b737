using System.Globalization;
using Bot.Commands.Callbacks;
using Bot.Commands.Events;
using Bot.Domain.Canvassing;
using Bot.Domain.Time;
using Bot.Telegram.Rendering;
using Bot.Texts;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Commands.Shifts;

/// <summary>How a shift looks in a chat: area, day and time span, meeting point, campaign, slots and waitlist, and
/// the buttons 🙋 (sign up) and 🚪 (withdraw). Organizers of its chapter read the names and get the buttons to
/// manage it; everyone else reads counts; in a private chat the reader also sees their own standing.</summary>
public sealed class ShiftCard(TextCatalog texts, ChapterClock clock)
{
    public const string Route = "sh";
    public const string SignUp = "in";
    public const string Withdraw = "out";
    public const string Cancel = "x";
    public const string Edit = "ed";

    public Html Text(ShiftView view, string chapterName, CultureInfo culture, DateTime now)
    {
        var (s, roster) = (view.Shift, view.Roster);
        var t = (string key, object?[] args) => texts.Html(key, culture, args);
        var lines = new List<Html>
        {
            s.IsCancelled ? t("Shift.Card.CancelledTitle", [s.Area]) : t("Shift.Card.Title", [s.Area]),
            t("Shift.Card.When", [Span(s, culture), LocalTime.Relative(s.StartsAt, now, culture)]),
            t("Shift.Card.Where", [s.MeetingPoint]),
        };
        if (s.Campaign is { } campaign)
        {
            lines.Add(t("Shift.Card.Campaign", [campaign]));
        }

        lines.Add(t(TextCatalog.Counted("Shift.Card.Slots", roster.Slots), [roster.Taken, roster.Slots, roster.Minimum]));
        if (roster.Waitlisted > 0)
        {
            lines.Add(t("Shift.Card.Waitlist", [roster.Waitlisted]));
        }

        if (view.Names is { } names && roster.Taken + roster.Waitlisted > 0)
        {
            lines.Add(t("Shift.Card.Names", [string.Join(", ", roster.Placed.Select(id => Name(names, id, culture)))]));
            if (roster.Waitlisted > 0)
            {
                lines.Add(t("Shift.Card.WaitingNames", [string.Join(", ", roster.Waiting.Select(id => Name(names, id, culture)))]));
            }
        }

        if (!s.IsCancelled && !s.AcceptsSignUpsAt(now))
        {
            lines.Add(t("Shift.Card.Closed", []));
        }

        if (view.Reader is { } reader && Mine(view.Roster, reader, culture) is { } mine)
        {
            lines.Add(mine);
        }

        lines.Add(Html.Format($"<i>{chapterName}</i>"));
        return Html.Join("\n", lines);
    }

    /// <summary>The reader's own standing: a slot, or the waitlist with its place; null when not signed up.</summary>
    public Html? Mine(Roster roster, long reader, CultureInfo culture) =>
        roster.HasPlace(reader) ? texts.Html("Shift.Mine.In", culture)
        : roster.WaitlistPlace(reader) is { } place ? texts.Html("Shift.Mine.Waiting", culture, place)
        : null;

    /// <summary>"Sa, 12.12.2026, 10:00–13:00 Uhr": the day and the span on the chapter's clock.</summary>
    public string Span(Shift shift, CultureInfo culture)
    {
        var start = Local(shift.StartsAt);
        var end = Local(shift.EndsAt);
        return texts.Plain("Shift.Format.Span", culture, start.ToString(texts.Plain("Format.Date", culture), culture),
            start.ToString("HH:mm", CultureInfo.InvariantCulture), end.ToString("HH:mm", CultureInfo.InvariantCulture));
    }

    /// <summary>The <c>/editshift</c> line for <paramref name="shift"/> with its current values: what ✏️ offers to
    /// copy and change.</summary>
    public string EditLine(Shift shift, CultureInfo culture)
    {
        var start = Local(shift.StartsAt);
        var span = $"{start.ToString("HH:mm", CultureInfo.InvariantCulture)}-{Local(shift.EndsAt).ToString("HH:mm", CultureInfo.InvariantCulture)}";
        return $"/editshift {shift.Id} | {WhenTexts.Sample(culture, DateOnly.FromDateTime(start), span)} | {shift.MeetingPoint} | slots={shift.Slots} | min={shift.Minimum}";
    }

    public InlineKeyboardMarkup? Keyboard(ShiftView view, CultureInfo culture, DateTime now, bool organizer)
    {
        var s = view.Shift;
        if (s.IsCancelled || !s.AcceptsSignUpsAt(now))
        {
            return null;
        }

        List<IReadOnlyList<InlineKeyboardButton>> rows =
        [
            [
                Button(texts.Plain("Shift.Button.SignUp", culture, view.Roster.Taken, view.Roster.Slots), s.Id, SignUp),
                Button(texts.Plain("Shift.Button.Withdraw", culture), s.Id, Withdraw),
            ],
        ];
        if (organizer)
        {
            rows.Add([Button(texts.Plain("Shift.Button.Edit", culture), s.Id, Edit), Button(texts.Plain("Shift.Button.Cancel", culture), s.Id, Cancel)]);
        }

        return new InlineKeyboardMarkup(rows);
    }

    public static InlineKeyboardButton Button(string label, long shiftId, string action) =>
        new(label) { CallbackData = CallbackCodec.Encode(CallbackData.Of(Route, shiftId, action)) };

    private string Name(IReadOnlyDictionary<long, string> names, long id, CultureInfo culture) =>
        names.TryGetValue(id, out var name) ? name : texts.Plain("Shift.Card.Someone", culture);

    private DateTime Local(DateTime utc) => clock.ToLocal(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc))).DateTime;
}
