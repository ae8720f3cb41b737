using System.Globalization;
using Bot.Domain.Time;
using Bot.Telegram.Rendering;
using Bot.Texts;

namespace Bot.Commands.Events;

/// <summary>Says what was wrong with a typed date or time, quoting the part at fault, followed by an example of
/// what works. Used by the edit dialog; the /newevent dialog has its own for now, to be unified.</summary>
internal static class WhenErrorText
{
    public static Html Render(WhenError error, TextCatalog texts, CultureInfo culture)
    {
        var date = error.Date is { } d ? d.ToString(texts.Plain("Format.Date", culture), culture) : "";
        var weekday = error.ActualWeekday is { } w ? culture.DateTimeFormat.GetDayName(w) : "";
        return Html.Join("\n", [
            texts.Html($"Organize.When.{error.Code}", culture, error.Fragment, date, weekday),
            texts.Html($"Organize.When.Example.{error.Example}", culture),
        ]);
    }
}
