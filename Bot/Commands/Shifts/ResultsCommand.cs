using System.Globalization;
using System.Text;
using Bot.Domain.Canvassing;
using Bot.Domain.Chapters;
using Bot.Domain.Time;
using Bot.Telegram.Rendering;
using Bot.Texts;

namespace Bot.Commands.Shifts;

/// <summary>/results [area|campaign]: for organizers, the totals of the shifts that ended in their chapters, per area
/// and per campaign, and the same as a CSV file (one row per shift). Per person nothing is shown: the file counts
/// shifts, never names.</summary>
public sealed class ResultsCommand(ShiftService shifts, ChapterClock clock) : IBotCommand
{
    public string Name => "results";

    public Access Access => Access.Organizer;

    public ChatKinds Chats => ChatKinds.Private;

    public async Task Run(ChatContext ctx, CancellationToken ct)
    {
        if (ctx.Args.Length > Shift.MaxAreaLength)
        {
            ctx.Say("Results.None", TextCut.Quote(ctx.Args));
            return;
        }

        if (await shifts.Results(ctx.Permissions, ctx.Args, ct) is not ResultsOutcome.Listed listed)
        {
            ctx.Say("Callback.NotAllowed");
            return;
        }

        if (listed.Shifts.Count == 0)
        {
            ctx.Say(listed.Filter is null ? "Results.Empty" : "Results.None", listed.Filter);
            return;
        }

        List<Html> parts = [ctx.T("Results.Header", listed.Filter ?? ctx.Plain("Results.All"))];
        parts.AddRange(listed.ByArea.Select(t => Block(ctx, "Results.Area", t)));
        parts.AddRange(listed.ByCampaign.Select(t => Block(ctx, "Results.Campaign", t)));
        ctx.Reply(Html.Join("\n\n", parts));
        ctx.Outbox.SendDocument(ctx.ReplyChatId, "results.csv", Csv(listed), ctx.T("Results.File"));
    }

    private static Html Block(ChatContext ctx, string key, ShiftTotals totals)
    {
        var perDoor = totals.PerDoor is { } ratio ? ratio.ToString("0.00", ctx.Culture) : "–";
        var lines = new List<Html> { ctx.T(key, totals.Name), ctx.T("Results.Totals", totals.Shifts, totals.People, totals.Doors, totals.Conversations, perDoor) };
        lines.AddRange(totals.Notes.Take(10).Select(note => ctx.T("Results.Note", note)));
        return Html.Join("\n", lines);
    }

    private string Csv(ResultsOutcome.Listed listed)
    {
        var csv = new StringBuilder("date,start,end,area,campaign,reports,doors,conversations,notes\n");
        foreach (var (shift, reports) in listed.Shifts)
        {
            var (start, end) = (Local(shift.StartsAt), Local(shift.EndsAt));
            csv.AppendJoin(',', [
                start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                start.ToString("HH:mm", CultureInfo.InvariantCulture),
                end.ToString("HH:mm", CultureInfo.InvariantCulture),
                Field(shift.Area),
                Field(shift.Campaign ?? ""),
                reports.Count.ToString(CultureInfo.InvariantCulture),
                reports.Sum(r => r.Doors).ToString(CultureInfo.InvariantCulture),
                reports.Sum(r => r.Conversations).ToString(CultureInfo.InvariantCulture),
                Field(string.Join(" / ", reports.Select(r => r.Note).OfType<string>())),
            ]).Append('\n');
        }

        return csv.ToString();
    }

    private DateTime Local(DateTime utc) => clock.ToLocal(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc))).DateTime;

    /// <summary>A CSV field, quoted, with a leading formula character defused (spreadsheets run =, +, -, @).</summary>
    private static string Field(string value)
    {
        var safe = value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
        return "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
