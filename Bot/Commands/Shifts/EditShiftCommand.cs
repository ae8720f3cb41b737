using System.Globalization;
using Bot.Commands.Events;
using Bot.Domain.Canvassing;
using Bot.Domain.Chapters;
using Bot.Domain.Messaging;
using Bot.Domain.Time;
using Bot.Telegram.Rendering;
using Bot.Texts;

namespace Bot.Commands.Shifts;

/// <summary>/editshift &lt;no.&gt; | &lt;date start-end&gt; | &lt;meeting point&gt; | slots=N | min=N: an organizer changes a
/// shift in one line, <c>-</c> keeping a field. ✏️ on the organizer's card answers with this line already filled in,
/// so the number never has to be looked up. Fields are read by the same readers as <c>/newshift</c>; whether the
/// change is allowed is the domain's decision. Everyone signed up is told and every copy of the card is
/// refreshed.</summary>
public sealed class EditShiftCommand(ShiftService shifts, ShiftCards cards, ShiftNotices notices, ShiftCard card, ChapterClock clock) : IBotCommand
{
    private const string Keep = "-";

    public string Name => "editshift";

    public Access Access => Access.Organizer;

    public ChatKinds Chats => ChatKinds.Private;

    public async Task Run(ChatContext ctx, CancellationToken ct)
    {
        var fields = ctx.Args.Length > NewShiftForm.MaxLength ? [] : ctx.Args.Split('|').Select(f => f.Trim()).ToList();
        if (fields.Count < 2 || !long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var shiftId))
        {
            ctx.Reply(Usage(ctx));
            return;
        }

        var read = Read(fields, ctx);
        if (read.Problem is { } problem)
        {
            ctx.Reply(Html.Join("\n\n", [problem, Usage(ctx)]));
            return;
        }

        switch (await shifts.Edit(ctx.Permissions, shiftId, read.Change, ct))
        {
            case EditShiftOutcome.Edited { Changes: ShiftChanges.None }:
                ctx.Say("Shift.Edit.Unchanged");
                break;
            case EditShiftOutcome.Edited edited:
                var told = await notices.Changed(edited, ctx.From.Id, ct);
                ctx.Say("Shift.Edit.Done", edited.Shift.Area, card.Span(edited.Shift, ctx.Culture), told);
                await cards.Refresh(shiftId, ctx.ReplyChatId, ct);
                break;
            case EditShiftOutcome.Cancelled:
                ctx.Say("Shift.Answer.Cancelled");
                break;
            case EditShiftOutcome.Started:
                ctx.Say("Shift.Edit.Started");
                break;
            case EditShiftOutcome.Invalid(var invalid):
                ctx.Reply(ctx.T($"Shift.Problem.{invalid}", Shift.MaxSlots));
                break;
            case EditShiftOutcome.SlotsBelowTaken(var taken):
                ctx.Say("Shift.Edit.SlotsBelowTaken", taken);
                break;
            default:
                ctx.Say("Shift.Edit.NotFound", shiftId);
                break;
        }
    }

    private (ShiftChange Change, Html? Problem) Read(List<string> fields, ChatContext ctx)
    {
        var change = new ShiftChange();
        if (fields[1] is not (Keep or ""))
        {
            var (when, error) = NewShiftForm.ReadWhen(fields[1], clock);
            if (error is not null)
            {
                return (change, NewShiftCommand.Problem(ctx, error, clock));
            }

            change = change with { StartsAt = when.Start!.Value.UtcDateTime, EndsAt = when.End!.Value.UtcDateTime };
        }

        if (fields.Count > 2 && fields[2] is not (Keep or ""))
        {
            var (point, error) = NewShiftForm.ReadText(fields[2], Shift.MaxMeetingPointLength, "MeetingPoint");
            if (error is not null)
            {
                return (change, NewShiftCommand.Problem(ctx, error, clock));
            }

            change = change with { MeetingPoint = point };
        }

        foreach (var field in fields.Skip(3).Where(f => f is not (Keep or "")))
        {
            var equals = field.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? "" : field[..equals].Trim().ToLowerInvariant();
            var minimum = key is "min" or "minimum";
            if (!minimum && key is not ("slots" or "plätze" or "plaetze"))
            {
                return (change, ctx.T("Shift.Edit.Option", TextCut.Quote(field)));
            }

            var (count, error) = NewShiftForm.ReadCount(field[(equals + 1)..], Shift.MaxSlots, minimum ? "Minimum" : "Slots");
            if (error is not null)
            {
                return (change, NewShiftCommand.Problem(ctx, error, clock));
            }

            change = minimum ? change with { Minimum = count } : change with { Slots = count };
        }

        return (change, null);
    }

    private Html Usage(ChatContext ctx) =>
        ctx.T("Shift.Edit.Usage", WhenTexts.Sample(ctx.Culture, WhenTexts.SampleDay(clock.Today), "10-13"));
}
