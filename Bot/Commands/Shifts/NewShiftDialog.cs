using System.Globalization;
using Bot.Commands.Dialogs;
using Bot.Domain.Canvassing;
using Bot.Domain.Chapters;
using Bot.Domain.Time;
using Bot.Telegram.Rendering;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Commands.Shifts;

/// <summary>/newshift without arguments: the fields of the one-line form asked one at a time, each read by the
/// same <see cref="NewShiftForm"/> readers and asked again with the mistake.
/// <code>
/// area → when → meeting point → slots → minimum → [chapter, if not clear] → posted
/// </code>
/// Answers are stored as text (the time span as its instants), so the dialog survives a restart.</summary>
public sealed class NewShiftDialog(ShiftService shifts, ShiftCards cards, ShiftCard card, ChapterClock clock) : IDialog
{
    private const string Area = "area";
    private const string When = "when";
    private const string Point = "point";
    private const string Slots = "slots";
    private const string Minimum = "min";
    private const string Chapter = "chapter";
    private const string Start = "start";
    private const string End = "end";

    public string Name => "newshift";

    public Access Access => Access.Organizer;

    public Task<DialogStep> Begin(ChatContext ctx, DialogData data, CancellationToken ct)
    {
        data.Clear();
        return Task.FromResult(Ask(ctx, Area, data));
    }

    public async Task<DialogStep> Answer(ChatContext ctx, string step, DialogData data, string answer, CancellationToken ct)
    {
        switch (step)
        {
            case Area:
                return Take(ctx, data, NewShiftForm.ReadText(answer, Shift.MaxAreaLength, "Area"), Area, When, area => data[Area] = area);
            case When:
                return Take(ctx, data, NewShiftForm.ReadWhen(answer, clock), When, Point, when =>
                {
                    data[Start] = when.Start!.Value.At.ToString("O", CultureInfo.InvariantCulture);
                    data[End] = when.End!.Value.At.ToString("O", CultureInfo.InvariantCulture);
                });
            case Point:
                return Take(ctx, data, NewShiftForm.ReadText(answer, Shift.MaxMeetingPointLength, "MeetingPoint"), Point, Slots, point => data[Point] = point);
            case Slots:
                return Take(ctx, data, NewShiftForm.ReadCount(answer, Shift.MaxSlots, "Slots"), Slots, Minimum, slots => data[Slots] = Number(slots));
            case Minimum:
                var slots = int.Parse(data.GetValueOrDefault(Slots, "1"), CultureInfo.InvariantCulture);
                var read = NewShiftForm.ReadCount(answer, slots, "Minimum");
                if (read.Error is not null)
                {
                    return Ask(ctx, Minimum, data, NewShiftCommand.Problem(ctx, read.Error, clock));
                }

                data[Minimum] = Number(read.Value);
                return ctx.Permissions.DefaultToOrganize() is { } only ? await Finish(ctx, data, only, ct) : Ask(ctx, Chapter, data);
            case Chapter:
                var chapter = long.TryParse(answer, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                    ? ctx.Permissions.Organized().FirstOrDefault(c => c.Id == id)
                    : ctx.Permissions.Tree.Find(answer.Trim());
                return chapter is null ? Ask(ctx, Chapter, data, ctx.T("Shift.Chapter.Unknown", answer.Trim())) : await Finish(ctx, data, chapter, ct);
            default:
                data.Clear();
                return Ask(ctx, Area, data);
        }
    }

    private DialogStep Take<T>(ChatContext ctx, DialogData data, (T Value, ShiftFormError? Error) read, string step, string next, Action<T> keep)
    {
        if (read.Error is { } error)
        {
            return Ask(ctx, step, data, NewShiftCommand.Problem(ctx, error, clock));
        }

        keep(read.Value);
        return Ask(ctx, next, data);
    }

    private DialogStep Ask(ChatContext ctx, string step, DialogData data, Html? problem = null)
    {
        InlineKeyboardMarkup? keyboard = null;
        if (step == Chapter)
        {
            keyboard = new InlineKeyboardMarkup(ctx.Permissions.Organized().Take(20)
                .Select(c => new[] { DialogChoice.Button(c.Name, Chapter, Number(c.Id)) }));
        }

        var question = step == When
            ? ctx.T("Shift.Ask.when", WhenTexts(ctx))
            : ctx.T($"Shift.Ask.{step}");
        ctx.Reply(problem is { } p ? Html.Join("\n\n", [p, question]) : question, keyboard);
        return DialogStep.Ask(step);
    }

    private async Task<DialogStep> Finish(ChatContext ctx, DialogData data, Chapter chapter, CancellationToken ct)
    {
        if (!data.TryGetValue(Area, out var area) || !data.TryGetValue(Point, out var point) || !data.TryGetValue(Start, out var start)
            || !data.TryGetValue(End, out var end) || !data.TryGetValue(Slots, out var slots))
        {
            // Answers stored by an older version, or lost: start again rather than guess.
            data.Clear();
            return Ask(ctx, Area, data);
        }

        var form = new NewShiftForm(
            area,
            Pinned(start),
            Pinned(end),
            point,
            int.Parse(slots, CultureInfo.InvariantCulture),
            data.TryGetValue(Minimum, out var min) ? int.Parse(min, CultureInfo.InvariantCulture) : null);
        if (await NewShiftCommand.Publish(ctx, shifts, cards, card, chapter, form, ct) is { } refused)
        {
            // A time that passed while the dialog waited, say: the time is asked again.
            return Ask(ctx, When, data, refused);
        }

        return DialogStep.Done;
    }

    private ZonedTime Pinned(string stored)
    {
        var at = clock.ToLocal(DateTimeOffset.Parse(stored, CultureInfo.InvariantCulture));
        return new ZonedTime(DateOnly.FromDateTime(at.DateTime), TimeOnly.FromDateTime(at.DateTime), at, DstResolution.Exact);
    }

    private string WhenTexts(ChatContext ctx) =>
        Events.WhenTexts.Sample(ctx.Culture, Events.WhenTexts.SampleDay(clock.Today), "10-13");

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
