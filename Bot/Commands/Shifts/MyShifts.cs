using System.Globalization;
using Bot.Domain.Canvassing;
using Bot.Domain.Chapters;
using Bot.Telegram.Rendering;
using Bot.Texts;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Commands.Shifts;

/// <summary>The shifts part of /my: each shift the member signed up for that has not ended, with their slot or
/// waitlist place and a 🚪 button to withdraw.</summary>
public sealed class MyShifts(ShiftService shifts, ShiftCard card, TextCatalog texts, TimeProvider clock)
{
    /// <summary>More buttons than this make the message unwieldy; the cards in /shifts have the rest.</summary>
    private const int MaxButtons = 20;

    public async Task<(Html Text, InlineKeyboardMarkup? Keyboard)?> Section(Permissions reader, CultureInfo culture, CancellationToken ct)
    {
        var mine = await shifts.Mine(reader, ct);
        if (mine.Count == 0)
        {
            return null;
        }

        var lines = mine.Select(view => Html.Join("\n",
        [
            Html.Format($"<b>{view.Shift.Area}</b>"),
            Html.Format($"{card.Span(view.Shift, culture)} · {view.Shift.MeetingPoint}"),
            card.Mine(view.Roster, reader.UserId, culture) ?? Html.Raw(""),
        ]));
        var now = clock.GetUtcNow().UtcDateTime;
        var buttons = mine.Where(v => v.Shift.AcceptsSignUpsAt(now)).Take(MaxButtons)
            .Select(v => new[] { ShiftCard.Button(texts.Plain("Shift.Button.WithdrawFrom", culture, v.Shift.Area), v.Shift.Id, ShiftCard.Withdraw) })
            .ToList();
        return (Html.Join("\n\n", [texts.Html("My.Shifts.Header", culture), .. lines]), buttons.Count == 0 ? null : new InlineKeyboardMarkup(buttons));
    }

    /// <summary>Sends the section, if there is one.</summary>
    public static void Reply(ChatContext ctx, (Html Text, InlineKeyboardMarkup? Keyboard)? section)
    {
        if (section is { } shown)
        {
            ctx.Reply(shown.Text, shown.Keyboard);
        }
    }
}
