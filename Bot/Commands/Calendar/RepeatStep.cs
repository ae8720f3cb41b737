using System.Globalization;
using Bot.Commands.Dialogs;
using Bot.Telegram.Rendering;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Commands.Calendar;

/// <summary>The <c>repeat</c> question of the /newevent dialog: optional (one button says "just once"), with
/// examples that fit the date chosen, so the one for "the 1st Tuesday" names the weekday the event falls on.</summary>
public static class RepeatStep
{
    /// <summary>The token of the "just once" button.</summary>
    public const string Once = "once";

    public static (Html Question, InlineKeyboardMarkup Keyboard) Question(ChatContext ctx, string title, DateOnly date, string step)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var examples = string.Join(", ", Examples(ctx.Texts, ctx.Culture, date));
        return (ctx.T("Calendar.Dialog.Ask", title, examples), new InlineKeyboardMarkup([[DialogChoice.Button(ctx.Plain("Calendar.Dialog.Once"), step, Once)]]));
    }

    /// <summary>Rules the parser reads, in the reader's language, that name <paramref name="date"/>: every year, every
    /// week, every two weeks, its weekday's place in the month, and that in its month every year.</summary>
    public static IReadOnlyList<string> Examples(Texts.TextCatalog texts, CultureInfo culture, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(culture);
        var nth = (date.Day - 1) / 7 + 1;
        // A fifth weekday is the last one, and most months lack it: "last" names a date every month.
        var ordinal = texts.Plain(nth == 5 ? "Calendar.Dialog.Nth.Last" : $"Calendar.Dialog.Nth.{nth}", culture);
        var weekday = culture.DateTimeFormat.GetDayName(date.DayOfWeek);
        return
        [
            texts.Plain("Calendar.Dialog.Yearly", culture),
            texts.Plain("Calendar.Dialog.Weekly", culture),
            texts.Plain("Calendar.Dialog.EveryTwoWeeks", culture),
            texts.Plain("Calendar.Dialog.NthOfMonth", culture, ordinal, weekday),
            texts.Plain("Calendar.Dialog.NthOfYear", culture, ordinal, weekday, culture.DateTimeFormat.GetMonthName(date.Month)),
        ];
    }
}
