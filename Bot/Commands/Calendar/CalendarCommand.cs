using System.Globalization;
using Bot.Domain.Calendar;
using Bot.Domain.Chapters;
using Bot.Domain.Time;
using Bot.Http;
using Bot.Telegram.Rendering;

namespace Bot.Commands.Calendar;

/// <summary>/calendar [year]: every date of the year in the member's chapters, by month, as short lines a phone
/// shows without wrapping much; the outbox splits a long year into several messages at line ends.
/// <c>/calendar feed</c> gives a new personal iCalendar link (the old one stops working) and the .ics file;
/// <c>/calendar series</c> and <c>/calendar change</c> are the organizers' (<see cref="SeriesButtons"/>).</summary>
public sealed class CalendarCommand(CalendarService calendar, FeedService feeds, CalendarFeedBuilder ics, FeedLinks links, ChapterClock clock, SeriesButtons series) : IBotCommand
{
    public string Name => "calendar";

    public Access Access => Access.Member;

    public ChatKinds Chats => ChatKinds.Private;

    public async Task Run(ChatContext ctx, CancellationToken ct)
    {
        var args = ctx.Args.Trim().ToLowerInvariant();
        if (args is "feed" or "ical" or "ics" or "abo" or "link")
        {
            await Feed(ctx, ct);
            return;
        }

        if (SeriesButtons.IsList(args))
        {
            await series.List(ctx, ct);
            return;
        }

        if (SeriesButtons.IsChange(args))
        {
            await series.Change(ctx, ctx.Args.Trim(), ct);
            return;
        }

        var year = clock.Today.Year;
        if (args.Length > 0 && (!int.TryParse(args, NumberStyles.None, CultureInfo.InvariantCulture, out year) || year < clock.Today.Year - 5 || year > clock.Today.Year + WhenParser.MaxYearsAhead))
        {
            ctx.Say("Calendar.BadYear", clock.Today.Year);
            return;
        }

        var entries = await calendar.Year(ctx.Permissions, year, ct);
        ctx.Reply(CalendarText.Year(ctx.Texts, ctx.Culture, ctx.Permissions.Tree, year, entries));
    }

    private async Task Feed(ChatContext ctx, CancellationToken ct)
    {
        var token = await feeds.Renew(ctx.From.Id, ct);
        ctx.Say("Calendar.Feed.Link", links.FeedUrl(token));
        var file = await ics.Build(ctx.From.Id, ct);
        ctx.Outbox.SendDocument(ctx.ReplyChatId, "calendar.ics", file, ctx.T("Calendar.Feed.File"));
    }
}

/// <summary>A span of calendar entries as text: a heading per month, a line per date.</summary>
public static class CalendarText
{
    public static Html Year(Texts.TextCatalog texts, CultureInfo culture, ChapterTree tree, int year, IReadOnlyList<CalendarEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return texts.Html("Calendar.Empty", culture, year);
        }

        var parts = new List<Html> { texts.Html("Calendar.Title", culture, year) };
        ArgumentNullException.ThrowIfNull(tree);
        parts.AddRange(Months(texts, culture, id => tree.Find(id)?.Name, entries));
        return Html.Join("\n\n", parts);
    }

    /// <summary>The entries grouped by month, one block each.</summary>
    public static IEnumerable<Html> Months(Texts.TextCatalog texts, CultureInfo culture, Func<long, string?> chapterName, IReadOnlyList<CalendarEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(chapterName);
        ArgumentNullException.ThrowIfNull(culture);
        ArgumentNullException.ThrowIfNull(entries);
        var chapters = entries.Select(e => e.ChapterId).Distinct().Count();
        foreach (var month in entries.GroupBy(e => (e.Date.Year, e.Date.Month)))
        {
            var heading = new DateOnly(month.Key.Year, month.Key.Month, 1).ToString("MMMM yyyy", culture);
            var lines = new List<Html> { Html.Format($"<b>{heading}</b>") };
            lines.AddRange(month.Select(e => Line(texts, culture, e, chapters > 1 ? chapterName(e.ChapterId) : null)));
            yield return Html.Join("\n", lines);
        }
    }

    private static Html Line(Texts.TextCatalog texts, CultureInfo culture, CalendarEntry entry, string? chapter)
    {
        var day = entry.Date.ToString(culture.TwoLetterISOLanguageName == "de" ? "ddd dd.MM." : "ddd d MMM", culture);
        var time = entry.Time.ToString(culture.TwoLetterISOLanguageName == "de" ? "HH:mm" : "h:mm tt", culture);
        var mark = entry.SeriesId is null ? "" : " 🔁";
        return chapter is null
            ? texts.Html("Calendar.Line", culture, day, time, Title(texts, culture, entry), mark)
            : texts.Html("Calendar.LineWithChapter", culture, day, time, Title(texts, culture, entry), mark, chapter);
    }

    private static string Title(Texts.TextCatalog texts, CultureInfo culture, CalendarEntry entry) =>
        entry.ShiftId is null ? entry.Title : texts.Plain("Calendar.Shift", culture, entry.Title);
}
