using System.Globalization;
using Bot.Commands.Dialogs;
using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Bot.Domain.Time;
using Bot.Telegram.Api;
using Bot.Telegram.Rendering;
using Bot.Texts;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Commands.Events;

/// <summary>Changes one thing about an event, started by ✏️ under its card: choose what (title, date and time,
/// place, spots, answer deadline, guests allowed, note), type the new value, confirm. Answers that have closed
/// open again with "reopen" (until it starts) or with a deadline still to come. Every step checks again that the event may still be changed by
/// this person; the change itself is the domain's, and <see cref="EventNotices"/> tells whoever it concerns.</summary>
/// <remarks>
/// <code>
/// event ──▶ what ──▶ title | when | place | capacity | deadline | guests | note ──▶ confirm ──▶ done
///             └── reopen (answers closed) ─────────────────────────────────────────▶ confirm
///             │         (wrong input: asked again)          │ refused by the domain: back to the field
///             └── "change nothing" ──────────────────────────┴── "no" ──▶ done
/// </code>
/// </remarks>
public sealed class EditEventDialog(EventService events, EventCards cards, EventNotices notices, LocalTime time, ChapterClock clock) : IDialog
{
    private const string EventStep = "event";
    private const string WhatStep = "what";
    private const string TitleStep = "title";
    private const string WhenStep = "when";
    private const string PlaceStep = "place";
    private const string CapacityStep = "capacity";
    private const string DeadlineStep = "deadline";
    private const string GuestsStep = "guests";
    private const string NoteStep = "note";
    private const string ConfirmStep = "confirm";
    private const string ReopenToken = "reopen";
    private const string UntilStartToken = "start";
    private const string NoNoteToken = "none";
    private const string StopToken = "stop";
    private const string NoLimitToken = "none";
    private const string ApplyToken = "yes";
    private const string BackToken = "no";

    private const string EventKey = "event";
    private const string FieldKey = "field";
    private const string ValueKey = "value";

    public string Name => "editevent";

    public Access Access => Access.Organizer;

    /// <summary>Starts the dialog for an event: the event is its first answer, so it is stored like any other.</summary>
    public static async Task Start(ChatContext ctx, long eventId, CancellationToken ct)
    {
        await ctx.StartDialog<EditEventDialog>(ct);
        await ctx.Dialogs.Continue(ctx, eventId.ToString(CultureInfo.InvariantCulture), ct, EventStep);
    }

    public Task<DialogStep> Begin(ChatContext ctx, DialogData data, CancellationToken ct) => Task.FromResult(DialogStep.Ask(EventStep));

    public async Task<DialogStep> Answer(ChatContext ctx, string step, DialogData data, string answer, CancellationToken ct)
    {
        if (step == EventStep)
        {
            data[EventKey] = answer;
        }

        if (await Load(ctx, data, ct) is not { } view)
        {
            return DialogStep.Done;
        }

        return step switch
        {
            EventStep => AskWhat(ctx, view),
            WhatStep => Choose(ctx, data, view, answer),
            TitleStep or PlaceStep => Text(ctx, data, step, answer, view),
            WhenStep => When(ctx, data, answer, view),
            CapacityStep => Capacity(ctx, data, answer, view),
            DeadlineStep => Deadline(ctx, data, answer, view),
            GuestsStep => Guests(ctx, data, answer, view),
            NoteStep => Note(ctx, data, answer, view),
            ConfirmStep => await Confirm(ctx, data, answer, view, ct),
            _ => DialogStep.Done,
        };
    }

    private DialogStep AskWhat(ChatContext ctx, EventView view)
    {
        var closed = !view.Event.AcceptsAnswersAt(clock.UtcNow.UtcDateTime);
        List<IReadOnlyList<InlineKeyboardButton>> rows =
        [
            [Choice(ctx, "Organize.Edit.Button.Title", WhatStep, TitleStep), Choice(ctx, "Organize.Edit.Button.When", WhatStep, WhenStep)],
            [Choice(ctx, "Organize.Edit.Button.Place", WhatStep, PlaceStep), Choice(ctx, "Organize.Edit.Button.Capacity", WhatStep, CapacityStep)],
            [Choice(ctx, "Organize.Edit.Button.Deadline", WhatStep, DeadlineStep), Choice(ctx, "Organize.Edit.Button.Guests", WhatStep, GuestsStep)],
            [Choice(ctx, "Organize.Edit.Button.Note", WhatStep, NoteStep)],
        ];
        if (closed)
        {
            rows.Add([Choice(ctx, "Organize.Edit.Button.Reopen", WhatStep, ReopenToken)]);
        }

        rows.Add([Choice(ctx, "Organize.Edit.Button.Stop", WhatStep, StopToken)]);
        var question = ctx.T("Organize.Edit.What", view.Event.Title);
        ctx.Reply(closed ? Html.Join("\n\n", [question, ctx.T("Organize.Edit.ClosedHint")]) : question, new InlineKeyboardMarkup(rows));
        return DialogStep.Ask(WhatStep);
    }

    private DialogStep Choose(ChatContext ctx, DialogData data, EventView view, string answer)
    {
        if (answer == StopToken)
        {
            ctx.Say("Organize.Edit.Stopped");
            return DialogStep.Done;
        }

        if (answer == ReopenToken)
        {
            return AskConfirm(ctx, data, DeadlineStep, UntilStartToken, view);
        }

        if (answer is not (TitleStep or WhenStep or PlaceStep or CapacityStep or DeadlineStep or GuestsStep or NoteStep))
        {
            ctx.Say("Organize.Edit.ChooseButton");
            return AskWhat(ctx, view);
        }

        return AskField(ctx, answer, view);
    }

    private DialogStep AskField(ChatContext ctx, string field, EventView view, Html? problem = null)
    {
        var e = view.Event;
        var question = field switch
        {
            TitleStep => ctx.T("Organize.Edit.AskTitle", e.Title, Event.MaxTitleLength),
            PlaceStep => ctx.T("Organize.Edit.AskPlace", e.Place, Event.MaxPlaceLength),
            WhenStep => ctx.T("Organize.Edit.AskWhen", time.DateAndTime(e.StartsAt, ctx.Culture), WhenTexts.SampleDateAndTime(ctx.Culture, clock.Today)),
            DeadlineStep => ctx.T("Organize.Edit.AskDeadline", DeadlineText(ctx, e.DeadlineAt, e.StartsAt), DeadlineSample(ctx, e)),
            GuestsStep => ctx.T("Organize.Edit.AskGuests", GuestsText(ctx, e.MaxGuests), Event.MaxGuestsAllowed),
            NoteStep => ctx.T("Organize.Edit.AskNote", e.Note ?? ctx.Plain("Organize.Edit.NoNote"), Event.MaxNoteLength),
            _ => ctx.T("Organize.Edit.AskCapacity", Places(ctx, e.Capacity), view.Waitlist.Taken),
        };
        var keyboard = field switch
        {
            CapacityStep => new InlineKeyboardMarkup([[Choice(ctx, "Organize.Edit.Button.NoLimit", CapacityStep, NoLimitToken)]]),
            DeadlineStep => new InlineKeyboardMarkup([[Choice(ctx, "Organize.Edit.Button.UntilStart", DeadlineStep, UntilStartToken)]]),
            GuestsStep => new InlineKeyboardMarkup([[
                Choice(ctx, "NewEvent.Button.Guests0", GuestsStep, "0"), Choice(ctx, "NewEvent.Button.Guests1", GuestsStep, "1"), Choice(ctx, "NewEvent.Button.Guests2", GuestsStep, "2")]]),
            NoteStep => new InlineKeyboardMarkup([[Choice(ctx, "Organize.Edit.Button.NoNote", NoteStep, NoNoteToken)]]),
            _ => null,
        };
        ctx.Reply(problem is { } p ? Html.Join("\n\n", [p, question]) : question, keyboard);
        return DialogStep.Ask(field);
    }

    /// <summary>A new title or place, read as /newevent reads it (spaces collapsed, one line, within the limit).</summary>
    private DialogStep Text(ChatContext ctx, DialogData data, string field, string answer, EventView view) =>
        (field == TitleStep ? NewEventForm.ReadTitle(answer) : NewEventForm.ReadPlace(answer)) switch
        {
            FormResult<string>.Parsed parsed => AskConfirm(ctx, data, field, parsed.Value, view),
            FormResult<string>.Failed failed => AskField(ctx, field, view, NewEventTexts.Problem(ctx, failed.Error, clock)),
            _ => AskField(ctx, field, view),
        };

    private DialogStep When(ChatContext ctx, DialogData data, string answer, EventView view)
    {
        switch (NewEventForm.ReadStart(answer, clock))
        {
            case FormResult<ZonedTime>.Parsed { Value: var start }:
                var note = WhenTexts.DstNote(ctx.Texts, ctx.Culture, start);
                return AskConfirm(ctx, data, WhenStep, start.UtcDateTime.Ticks.ToString(CultureInfo.InvariantCulture), view, note);
            case FormResult<ZonedTime>.Failed failed:
                ctx.Reply(NewEventTexts.Problem(ctx, failed.Error, clock));
                return DialogStep.Ask(WhenStep);
            default:
                return DialogStep.Ask(WhenStep);
        }
    }

    /// <summary>A number of places, or "no limit" (the button, or typed as /newevent takes it).</summary>
    private DialogStep Capacity(ChatContext ctx, DialogData data, string answer, EventView view)
    {
        if (answer.Trim() == NoLimitToken)
        {
            return AskConfirm(ctx, data, CapacityStep, NoLimitToken, view);
        }

        switch (NewEventForm.ReadCapacity(answer))
        {
            case FormResult<int?>.Parsed { Value: null }:
                return AskConfirm(ctx, data, CapacityStep, NoLimitToken, view);
            case FormResult<int?>.Parsed { Value: { } places } when !view.Waitlist.FitsIn(places):
                return AskField(ctx, CapacityStep, view, ctx.T("Organize.Edit.BelowTaken", view.Waitlist.Taken));
            case FormResult<int?>.Parsed { Value: { } places }:
                return AskConfirm(ctx, data, CapacityStep, places.ToString(CultureInfo.InvariantCulture), view);
            case FormResult<int?>.Failed failed:
                return AskField(ctx, CapacityStep, view, NewEventTexts.Problem(ctx, failed.Error, clock));
            default:
                return AskField(ctx, CapacityStep, view);
        }
    }

    /// <summary>A new deadline: a date (with a time, or the end of that day), or "until it starts".</summary>
    private DialogStep Deadline(ChatContext ctx, DialogData data, string answer, EventView view)
    {
        if (answer.Trim() == UntilStartToken)
        {
            return AskConfirm(ctx, data, DeadlineStep, UntilStartToken, view);
        }

        var local = clock.ToLocal(new DateTimeOffset(view.Event.StartsAt, TimeSpan.Zero));
        var start = new ZonedTime(DateOnly.FromDateTime(local.DateTime), TimeOnly.FromDateTime(local.DateTime), local, DstResolution.Exact);
        return NewEventForm.ReadDeadline(answer, clock, start) switch
        {
            FormResult<ZonedTime?>.Parsed { Value: { } deadline } => AskConfirm(ctx, data, DeadlineStep, deadline.UtcDateTime.Ticks.ToString(CultureInfo.InvariantCulture), view),
            FormResult<ZonedTime?>.Parsed => AskConfirm(ctx, data, DeadlineStep, UntilStartToken, view),
            FormResult<ZonedTime?>.Failed failed => AskField(ctx, DeadlineStep, view, NewEventTexts.Problem(ctx, failed.Error, clock)),
            _ => AskField(ctx, DeadlineStep, view),
        };
    }

    private DialogStep Guests(ChatContext ctx, DialogData data, string answer, EventView view) =>
        NewEventForm.ReadGuests(answer) switch
        {
            FormResult<int>.Parsed { Value: var guests } => AskConfirm(ctx, data, GuestsStep, guests.ToString(CultureInfo.InvariantCulture), view),
            FormResult<int>.Failed failed => AskField(ctx, GuestsStep, view, NewEventTexts.Problem(ctx, failed.Error, clock)),
            _ => AskField(ctx, GuestsStep, view),
        };

    /// <summary>A new note, or none (the button); kept empty for none.</summary>
    private DialogStep Note(ChatContext ctx, DialogData data, string answer, EventView view) =>
        answer.Trim() == NoNoteToken || NewEventForm.IsNoNote(answer)
            ? AskConfirm(ctx, data, NoteStep, "", view)
            : NewEventForm.ReadNote(answer) switch
            {
                FormResult<string>.Parsed parsed => AskConfirm(ctx, data, NoteStep, parsed.Value, view),
                FormResult<string>.Failed failed => AskField(ctx, NoteStep, view, NewEventTexts.Problem(ctx, failed.Error, clock)),
                _ => AskField(ctx, NoteStep, view),
            };

    private DialogStep AskConfirm(ChatContext ctx, DialogData data, string field, string value, EventView view, Html? note = null)
    {
        data[FieldKey] = field;
        data[ValueKey] = value;
        var e = view.Event;
        var (before, after) = field switch
        {
            TitleStep => (e.Title, value),
            PlaceStep => (e.Place, value),
            WhenStep => (time.DateAndTime(e.StartsAt, ctx.Culture), time.DateAndTime(Instant(value), ctx.Culture)),
            DeadlineStep => (DeadlineText(ctx, e.DeadlineAt, e.StartsAt), DeadlineText(ctx, DeadlineOf(value), e.StartsAt)),
            GuestsStep => (GuestsText(ctx, e.MaxGuests), GuestsText(ctx, int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture))),
            NoteStep => (e.Note ?? ctx.Plain("Organize.Edit.NoNote"), value.Length == 0 ? ctx.Plain("Organize.Edit.NoNote") : value),
            _ => (Places(ctx, e.Capacity), Places(ctx, PlacesOf(value))),
        };
        var tell = EventNotices.TellsAnswerers(Changes(field)) ? ctx.T("Organize.Edit.Confirm.Tell") : ctx.T("Organize.Edit.Confirm.Quiet");
        var lines = new List<Html> { ctx.T("Organize.Edit.Confirm", ctx.Plain($"Organize.Edit.Field.{Capitalized(field)}"), e.Title, before, after) };
        if (note is { } n)
        {
            lines.Add(n);
        }

        lines.Add(tell);
        var keyboard = new InlineKeyboardMarkup([[
            Choice(ctx, "Organize.Edit.Button.Apply", ConfirmStep, ApplyToken),
            Choice(ctx, "Organize.Edit.Button.Back", ConfirmStep, BackToken),
        ]]);
        ctx.Reply(Html.Join("\n\n", lines), keyboard);
        return DialogStep.Ask(ConfirmStep);
    }

    private async Task<DialogStep> Confirm(ChatContext ctx, DialogData data, string answer, EventView view, CancellationToken ct)
    {
        if (answer == BackToken)
        {
            ctx.Say("Organize.Edit.Stopped");
            return DialogStep.Done;
        }

        if (answer != ApplyToken || !data.TryGetValue(FieldKey, out var field) || !data.TryGetValue(ValueKey, out var value))
        {
            ctx.Say("Organize.Edit.ConfirmAgain");
            return DialogStep.Ask(ConfirmStep);
        }

        var change = field switch
        {
            TitleStep => new EventChange(Title: value),
            PlaceStep => new EventChange(Place: value),
            WhenStep => new EventChange(StartsAt: Instant(value)),
            DeadlineStep => new EventChange(Deadline: new Optional<DateTime?>(DeadlineOf(value))),
            GuestsStep => new EventChange(MaxGuests: int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture)),
            NoteStep => new EventChange(Note: new Optional<string?>(value.Length == 0 ? null : value)),
            _ => new EventChange(Capacity: new Optional<int?>(PlacesOf(value))),
        };

        switch (await events.Edit(ctx.Permissions, view.Event.Id, change, ct))
        {
            case EditEventOutcome.Edited { Changes: EventChanges.None }:
                ctx.Say("Organize.Edit.Unchanged");
                return DialogStep.Done;
            case EditEventOutcome.Edited edited:
                var told = await notices.Changed(edited, ctx.From.Id, ct);
                await cards.RefreshEverywhere(edited.Event.Id, ct, ctx.Chat.Id);
                var lines = new List<Html> { ctx.T("Organize.Edit.Done", edited.Event.Title) };
                if (EventNotices.TellsAnswerers(edited.Changes))
                {
                    lines.Add(ManageEventButtons.Told(ctx, told));
                }

                if (edited.Changes.HasFlag(EventChanges.Reopened))
                {
                    lines.Add(ctx.T("Organize.Edit.Reopened"));
                }

                if (edited.Promoted.Count > 0)
                {
                    lines.Add(ctx.T("Organize.Edit.Promoted", edited.Promoted.Count));
                }

                lines.Add(ctx.T("Organize.Edit.Next"));
                ctx.Reply(Html.Join("\n", lines));
                return DialogStep.Done;
            case EditEventOutcome.GuestsBelowBrought below:
                return AskField(ctx, GuestsStep, view, ctx.T("Organize.Edit.GuestsBelowBrought", below.Most));
            case EditEventOutcome.CapacityBelowTaken below:
                return AskField(ctx, CapacityStep, view, ctx.T("Organize.Edit.BelowTaken", below.Taken));
            case EditEventOutcome.Invalid invalid when FieldOf(invalid.Problem) is { } again:
                return AskField(ctx, again, view, ctx.T($"Organize.Problem.{invalid.Problem}"));
            case EditEventOutcome.Invalid invalid:
                ctx.Say($"Organize.Problem.{invalid.Problem}");
                return DialogStep.Done;
            case EditEventOutcome.Cancelled:
                ctx.Say("Organize.Edit.Cancelled");
                return DialogStep.Done;
            case EditEventOutcome.Started:
                ctx.Say("Organize.Edit.Started");
                return DialogStep.Done;
            default:
                ctx.Say("Organize.NotAllowed");
                return DialogStep.Done;
        }
    }

    /// <summary>The event while this person may still change it; otherwise says why not and returns null.</summary>
    private async Task<EventView?> Load(ChatContext ctx, DialogData data, CancellationToken ct)
    {
        if (!data.TryGetValue(EventKey, out var raw) || !long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var eventId))
        {
            ctx.Say("Organize.NotAllowed");
            return null;
        }

        switch (await events.Manage(ctx.Permissions, eventId, ct))
        {
            case ManageOutcome.Manageable { View: var view }:
                return view;
            case ManageOutcome.Cancelled:
                ctx.Say("Organize.Edit.Cancelled");
                return null;
            case ManageOutcome.Started:
                ctx.Say("Organize.Edit.Started");
                return null;
            default:
                ctx.Say("Organize.NotAllowed");
                return null;
        }
    }

    private static string? FieldOf(EventProblem problem) =>
        problem switch
        {
            EventProblem.TitleMissing or EventProblem.TitleTooLong => TitleStep,
            EventProblem.PlaceMissing or EventProblem.PlaceTooLong => PlaceStep,
            EventProblem.InThePast => WhenStep,
            EventProblem.DeadlineAfterStart or EventProblem.DeadlineInThePast => DeadlineStep,
            EventProblem.CapacityOutOfRange => CapacityStep,
            EventProblem.GuestsOutOfRange => GuestsStep,
            EventProblem.NoteTooLong => NoteStep,
            _ => null,
        };

    private static EventChanges Changes(string field) =>
        field switch
        {
            TitleStep => EventChanges.Title,
            PlaceStep => EventChanges.Place,
            WhenStep => EventChanges.Time,
            DeadlineStep => EventChanges.Deadline,
            GuestsStep => EventChanges.Guests,
            NoteStep => EventChanges.Note,
            _ => EventChanges.Capacity,
        };

    private static string Capitalized(string field) =>
        field switch
        {
            TitleStep => "Title",
            PlaceStep => "Place",
            WhenStep => "When",
            DeadlineStep => "Deadline",
            GuestsStep => "Guests",
            NoteStep => "Note",
            _ => "Capacity",
        };

    private static DateTime Instant(string ticks) => new(long.Parse(ticks, NumberStyles.None, CultureInfo.InvariantCulture), DateTimeKind.Utc);

    private static DateTime? DeadlineOf(string value) => value == UntilStartToken ? null : Instant(value);

    private string DeadlineText(ChatContext ctx, DateTime? deadline, DateTime startsAt) =>
        deadline is { } at ? time.DateAndTime(at, ctx.Culture) : ctx.Plain("Organize.Edit.UntilStart", time.DateAndTime(startsAt, ctx.Culture));

    /// <summary>An example deadline the day before the event, or on its day when that is today.</summary>
    private string DeadlineSample(ChatContext ctx, Event @event)
    {
        var day = DateOnly.FromDateTime(clock.ToLocal(new DateTimeOffset(@event.StartsAt, TimeSpan.Zero)).DateTime);
        return WhenTexts.Sample(ctx.Culture, day.AddDays(-1) > clock.Today ? day.AddDays(-1) : day, "12:00");
    }

    private static string GuestsText(ChatContext ctx, int guests) =>
        guests == 0 ? ctx.Plain("Organize.Edit.NoGuests") : ctx.Plain(TextCatalog.Counted("Organize.Edit.GuestsValue", guests), guests);

    private static int? PlacesOf(string value) => value == NoLimitToken ? null : int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);

    private static string Places(ChatContext ctx, int? capacity) =>
        capacity is { } places ? ctx.Plain(TextCatalog.Counted("Organize.Edit.PlacesValue", places), places) : ctx.Plain("Organize.Edit.NoLimit");

    private static InlineKeyboardButton Choice(ChatContext ctx, string label, string step, string token) =>
        DialogChoice.Button(ctx.Plain(label), step, token);
}
