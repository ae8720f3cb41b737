using System.Globalization;
using Bot.Commands.Callbacks;
using Bot.Domain.Calendar;
using Bot.Domain.Chapters;
using Bot.Domain.Time;
using Bot.Telegram.Rendering;
using Bot.Texts;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Commands.Calendar;

/// <summary>Organizers change or cancel a whole recurring entry. <c>/calendar series</c> lists the series they
/// organize, each with its <c>/calendar change</c> line filled in (tap to copy) and a 🚫 button that cancels it
/// after a confirmation; <c>/calendar change &lt;no.&gt; | &lt;title&gt; | &lt;time&gt; | &lt;place&gt;</c>, <c>-</c>
/// keeping a field, changes it. What may be changed, and who is told, is the domain's.</summary>
public sealed class SeriesButtons(CalendarService calendar) : ICallbackHandler
{
    public const string SeriesRoute = "ser";
    private const string Ask = "ask";
    private const string Confirm = "yes";
    private const string Keep = "-";

    /// <summary>Organizers rarely keep more; a longer list would not fit one message with its buttons.</summary>
    private const int MaxListed = 20;

    public string Route => SeriesRoute;

    public Access Access => Access.Member;

    public static bool IsList(string args) => args is "series" or "serie" or "serien" or "reihe" or "reihen";

    public static bool IsChange(string args) => args.StartsWith("change", StringComparison.Ordinal) || args.StartsWith("ändern", StringComparison.Ordinal);

    public async Task List(ChatContext ctx, CancellationToken ct)
    {
        var series = (await calendar.Organized(ctx.Permissions, ct)).Take(MaxListed).ToList();
        if (series.Count == 0)
        {
            ctx.Say("Calendar.Series.None");
            return;
        }

        var lines = series.Select(s => ctx.T("Calendar.Series.Line", s.Title, RecurrenceTexts.Describe(ctx.Texts, ctx.Culture, s.Rule, s.Until), Time(s.Time, ctx.Culture), s.Place, s.Id));
        var buttons = series.Select(s => new[] { Button(ctx.Plain("Calendar.Series.CancelButton", TextCut.Shorten(s.Title, 30 + TextCut.Ellipsis.Length)), Ask, s.Id) });
        ctx.Reply(Html.Join("\n\n", [ctx.T("Calendar.Series.Title"), .. lines]), new InlineKeyboardMarkup(buttons));
    }

    public async Task Change(ChatContext ctx, string args, CancellationToken ct)
    {
        var rest = args.Length > 400 ? "" : args[(args.IndexOf(' ', StringComparison.Ordinal) is var space and > 0 ? space + 1 : args.Length)..];
        var fields = rest.Split('|').Select(f => f.Trim()).ToList();
        if (fields.Count != 4 || !long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seriesId))
        {
            ctx.Say("Calendar.Series.Usage");
            return;
        }

        TimeOnly? time = null;
        if (fields[2] is not (Keep or ""))
        {
            if (WhenParser.ParseTime(fields[2]) is not WhenResult<TimeOnly>.Parsed { Value: var parsed })
            {
                ctx.Say("Calendar.Series.BadTime", TextCut.Quote(fields[2]));
                return;
            }

            time = parsed;
        }

        var change = new SeriesChange(fields[1] is Keep or "" ? null : fields[1], fields[3] is Keep or "" ? null : fields[3], time);
        switch (await calendar.ChangeSeries(ctx.Permissions, seriesId, change, ct))
        {
            case ChangeSeriesOutcome.Changed(var series, var dates):
                ctx.Say("Calendar.Series.Changed", series.Title, RecurrenceTexts.Describe(ctx.Texts, ctx.Culture, series.Rule, series.Until), Time(series.Time, ctx.Culture), series.Place, Counted(ctx, "Calendar.Series.Followed", dates));
                break;
            case ChangeSeriesOutcome.Unchanged(var series):
                ctx.Say("Calendar.Series.Unchanged", series.Title);
                break;
            case ChangeSeriesOutcome.Invalid(var problem):
                ctx.Say("Calendar.Series.Problem", ctx.Plain($"Calendar.Series.Problem.{problem}"));
                break;
            default:
                ctx.Say("Calendar.Series.NotFound");
                break;
        }
    }

    public async Task Handle(CallbackContext ctx, CallbackData data, CancellationToken ct)
    {
        var action = data.Token(0);
        if (data.ArgumentCount != 2 || !data.TryGetLong(1, out var seriesId) || action is not (Ask or Confirm))
        {
            ctx.Answer(ctx.Plain("Callback.Stale"));
            return;
        }

        if (action == Ask)
        {
            if ((await calendar.Organized(ctx.Permissions, ct)).FirstOrDefault(s => s.Id == seriesId) is not { } series)
            {
                ctx.Answer(ctx.Plain("Callback.NotAllowed"), alert: true);
                return;
            }

            ctx.Answer();
            ctx.Reply(
                ctx.T("Calendar.Series.CancelAsk", series.Title, RecurrenceTexts.Describe(ctx.Texts, ctx.Culture, series.Rule, series.Until)),
                new InlineKeyboardMarkup([[Button(ctx.Plain("Calendar.Series.CancelConfirm"), Confirm, seriesId)]]));
            return;
        }

        switch (await calendar.CancelSeries(ctx.Permissions, seriesId, ct))
        {
            case CancelSeriesOutcome.Cancelled(var series, var dates, var told):
                ctx.Answer();
                ctx.Say("Calendar.Series.Cancelled", series.Title, Counted(ctx, "Calendar.Series.Dates", dates), Counted(ctx, "Calendar.Series.Told", told));
                break;
            case CancelSeriesOutcome.AlreadyCancelled(var series):
                ctx.Answer(ctx.Plain("Calendar.Series.AlreadyCancelled", series.Title));
                break;
            default:
                ctx.Answer(ctx.Plain("Callback.NotAllowed"), alert: true);
                break;
        }
    }

    // 24-hour in both languages, as event cards show it, and as the filled-in change line is read back.
    private static string Time(TimeOnly time, CultureInfo culture) => time.ToString("HH:mm", culture);

    private static string Counted(ChatContext ctx, string key, int count) => ctx.Plain(Texts.TextCatalog.Counted(key, count), count);

    private static InlineKeyboardButton Button(string label, string action, long seriesId) =>
        new(label) { CallbackData = CallbackCodec.Encode(CallbackData.Of(SeriesRoute, action, seriesId)) };
}
