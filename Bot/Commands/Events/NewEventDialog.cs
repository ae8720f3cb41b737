using System.Globalization;
using Bot.Commands.Dialogs;
using Bot.Commands.Calendar;
using Bot.Domain.Calendar;
using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Bot.Domain.Time;
using Bot.Telegram.Api;
using Bot.Telegram.Rendering;
using Bot.Texts;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Commands.Events;

/// <summary>/newevent without arguments: the same fields as the one-line form, asked one at a time, each read
/// by the same <see cref="NewEventForm"/> readers and asked again with the mistake and an example.
/// <code>
/// title → when → place → capacity → guests → deadline → note → [chapter, if not clear] → confirm
///                                                                 confirm: 🔁 repeat → repeat (a rule, or just once) → confirm
///                                                                 confirm: create → done · start over → title · cancel → done
/// one-line /newevent ──(all fields read)──▶ confirm
/// </code>
/// Answers are stored as text (dates and times as typed on the wall clock, pinned again when read), so the dialog
/// survives a restart. The one-line form stops at the same summary (<see cref="Preview"/>): one press of ✅ creates
/// the event and ends the dialog, so a second press, an old summary's button or a forged one finds nothing to
/// confirm and creates nothing.</summary>
public sealed class NewEventDialog(EventService events, EventCards cards, LocalTime time, ChapterClock clock, Domain.Calendar.CalendarService calendar, Subscriptions.EventAnnouncer announcer) : IDialog
{
    private const string Title = "title";
    private const string When = "when";
    private const string Place = "place";
    private const string Capacity = "capacity";
    private const string Guests = "guests";
    private const string Deadline = "deadline";
    private const string Note = "note";
    private const string Chapter = "chapter";
    private const string Confirm = "confirm";

    // Stored answers besides those named after their step: dates and times as typed on the wall clock.
    private const string StartDate = "date";
    private const string StartTime = "time";
    private const string DeadlineDate = "deadlineDate";
    private const string DeadlineTime = "deadlineTime";
    private const string Fixing = "fixing";

    // The rule as typed (read again when used): from the one-line form or the summary's 🔁; its last day only from
    // the one-line form.
    private const string Repeat = "repeat";
    private const string Until = "until";

    private static readonly string[] Order = [Title, When, Place, Capacity, Guests, Deadline, Note, Chapter, Repeat, Confirm];

    // Tokens of the choice buttons (typing them works the same).
    private const string NoLimit = "none";
    private const string NoNote = "none";
    private const string UntilStart = "start";
    private const string Create = "create";
    private const string StartOver = "restart";
    private const string Stop = "cancel";

    private readonly NewEventPublisher publisher = new(events, cards, time, calendar, announcer);

    /// <summary>Events to come in the organizer's chapters, read before a summary is shown, to warn of a twin.</summary>
    private IReadOnlyList<Domain.Events.Event> upcoming = [];

    public string Name => "newevent";

    public Access Access => Access.Organizer;

    public Task<DialogStep> Begin(ChatContext ctx, DialogData data, CancellationToken ct)
    {
        data.Clear();
        return Task.FromResult(Ask(ctx, Title, data));
    }

    public async Task<DialogStep> Answer(ChatContext ctx, string step, DialogData data, string answer, CancellationToken ct)
    {
        if (!HasAnswersBefore(data, step))
        {
            // Answers stored by an older version, or lost: start again rather than guess.
            data.Clear();
            return Ask(ctx, Title, data, ctx.T("NewEvent.Lost"));
        }

        if (data.ContainsKey(Fixing) || step is Deadline or Note or Chapter or Confirm)
        {
            upcoming = await events.UpcomingToOrganize(ctx.Permissions, ct);
        }

        switch (step)
        {
            case Title:
                return Take(ctx, data, NewEventForm.ReadTitle(answer), Title, When, title => data[Title] = title);
            case When:
                return Take(ctx, data, NewEventForm.ReadStart(answer, clock), When, Place, start => Keep(data, StartDate, StartTime, start));
            case Place:
                return Take(ctx, data, NewEventForm.ReadPlace(answer), Place, Capacity, place => data[Place] = place);
            case Capacity:
                return Take(ctx, data, answer == NoLimit ? new FormResult<int?>.Parsed(null) : NewEventForm.ReadCapacity(answer), Capacity, Guests,
                    places => data[Capacity] = Number(places));
            case Guests:
                return Take(ctx, data, NewEventForm.ReadGuests(answer), Guests, Deadline, guests => data[Guests] = Number(guests));
            case Deadline:
                var deadline = answer == UntilStart
                    ? new FormResult<ZonedTime?>.Parsed(null)
                    : NewEventForm.ReadDeadline(answer, clock, StartOf(data)!.Value);
                return Take(ctx, data, deadline, Deadline, Note, at => Keep(data, DeadlineDate, DeadlineTime, at));
            case Note:
                var note = answer == NoNote || NewEventForm.IsNoNote(answer) ? new FormResult<string?>.Parsed(null) : NewEventForm.ReadNote(answer).Map(text => (string?)text);
                return Take(ctx, data, note, Note, () => AfterDeadline(ctx, data), text => data[Note] = text ?? "");
            case Repeat:
                var rule = answer == Calendar.RepeatStep.Once ? new FormResult<Domain.Calendar.Recurrence?>.Parsed(null) : NewEventForm.ReadRepeat(answer).Map(r => (Domain.Calendar.Recurrence?)r);
                return Take(ctx, data, rule, Repeat, Confirm, _ => data[Repeat] = answer == Calendar.RepeatStep.Once ? "" : answer);
            case Chapter:
                return ChooseChapter(ctx, data, answer);
            default:
                return answer switch
                {
                    Create => await Finish(ctx, data, ct),
                    StartOver => await Begin(ctx, data, ct),
                    Stop => Cancelled(ctx),
                    Repeat => AskRepeat(ctx, data),
                    _ => Ask(ctx, Confirm, data, ctx.T("NewEvent.PressButton")),
                };
        }
    }

    /// <summary>The one-line /newevent, read and checked: its fields become the answers, and the summary waits for
    /// one press of ✅, warning when the chapter already has the same event.</summary>
    public async Task<DialogStep> Preview(ChatContext ctx, DialogData data, NewEventForm form, Chapter chapter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(chapter);
        data.Clear();
        data[Title] = form.Title;
        Keep(data, StartDate, StartTime, form.Start);
        data[Place] = form.Place;
        data[Capacity] = Number(form.Capacity);
        data[Guests] = Number(form.MaxGuests);
        Keep(data, DeadlineDate, DeadlineTime, form.Deadline);
        data[Note] = form.Note ?? "";
        data[Chapter] = Number(chapter.Id);
        if (form.RepeatText is { } rule)
        {
            data[Repeat] = rule;
        }

        if (form.Until is { } until)
        {
            data[Until] = until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        upcoming = await events.UpcomingToOrganize(ctx.Permissions, ct);
        return Ask(ctx, Confirm, data);
    }

    /// <summary>Keeps a value that was read and asks the next question, or asks the same question again with what
    /// was wrong.</summary>
    private DialogStep Take<T>(ChatContext ctx, DialogData data, FormResult<T> read, string step, string next, Action<T> keep) =>
        Take(ctx, data, read, step, () => next, keep);

    private DialogStep Take<T>(ChatContext ctx, DialogData data, FormResult<T> read, string step, Func<string> next, Action<T> keep)
    {
        switch (read)
        {
            case FormResult<T>.Parsed(var value):
                keep(value);
                // A field asked again from the summary goes back to the summary, not through the rest.
                return Ask(ctx, data.Remove(Fixing) ? Confirm : next(), data);
            case FormResult<T>.Failed(var error):
                return Ask(ctx, step, data, NewEventTexts.Problem(ctx, error, clock));
            default:
                throw new InvalidOperationException("A result is parsed or failed.");
        }
    }

    /// <summary>The chapter question only when it is not clear: an organizer of one chapter is not asked.</summary>
    private string AfterDeadline(ChatContext ctx, DialogData data)
    {
        if (ctx.Permissions.DefaultToOrganize() is { } only)
        {
            data[Chapter] = Number(only.Id);
            return Confirm;
        }

        return Chapter;
    }

    private DialogStep ChooseChapter(ChatContext ctx, DialogData data, string answer)
    {
        var tree = ctx.Permissions.Tree;
        var chapter = tree.Find(answer)
            ?? (answer.StartsWith('c') && long.TryParse(answer.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? tree.Find(id) : null);
        if (chapter is null)
        {
            return Ask(ctx, Chapter, data, Html.Format($"⚠️ {ctx.T("NewEvent.Chapter.Unknown", TextCut.Shorten(answer, Domain.Chapters.Chapter.MaxNameLength + TextCut.Ellipsis.Length))}"));
        }

        if (!ctx.Permissions.CanOrganize(chapter.Id))
        {
            return Ask(ctx, Chapter, data, Html.Format($"⚠️ {ctx.T("NewEvent.Chapter.NotOrganizer", chapter.Name)}"));
        }

        data[Chapter] = Number(chapter.Id);
        return Ask(ctx, Confirm, data);
    }

    private async Task<DialogStep> Finish(ChatContext ctx, DialogData data, CancellationToken ct)
    {
        var form = Form(data);
        if (ChapterOf(ctx, data) is not { } chapter)
        {
            return Ask(ctx, Chapter, data);
        }

        switch (await publisher.Create(ctx, chapter, form, ct))
        {
            case CreateEventOutcome.Created:
                return DialogStep.Done;
            case CreateEventOutcome.Invalid(var problem):
                // Time went by while the summary waited (the start or the deadline passed): ask that again.
                var error = NewEventTexts.FromProblem(problem, form);
                data[Fixing] = "1";
                return Ask(ctx, StepOf(error.Field), data, NewEventTexts.Problem(ctx, error, clock));
            default:
                data.Remove(Chapter);
                return Ask(ctx, Chapter, data, Html.Format($"⚠️ {ctx.T("NewEvent.Chapter.NotOrganizer", chapter.Name)}"));
        }
    }

    /// <summary>Repeating is optional, so it is offered on the summary rather than asked of every event.</summary>
    private DialogStep AskRepeat(ChatContext ctx, DialogData data)
    {
        data[Fixing] = "1";
        return Ask(ctx, Repeat, data);
    }

    private static DialogStep Cancelled(ChatContext ctx)
    {
        ctx.Say("NewEvent.Cancelled");
        return DialogStep.Done;
    }

    /// <summary>Asks the question of <paramref name="step"/>, after <paramref name="problem"/> if the last answer
    /// was refused; every question says what to type or press.</summary>
    private DialogStep Ask(ChatContext ctx, string step, DialogData data, Html? problem = null)
    {
        var (question, keyboard) = step switch
        {
            Title => (ctx.T("NewEvent.Ask.Title"), null),
            When => (ctx.T("NewEvent.Ask.When", data[Title], WhenTexts.Example(ctx.Texts, ctx.Culture, WhenExample.DateAndTime, clock.Today)), null),
            Place => (ctx.T("NewEvent.Ask.Place"), null),
            Capacity => (ctx.T("NewEvent.Ask.Capacity"), Row(Button(ctx, "NewEvent.Button.NoLimit", Capacity, NoLimit))),
            Guests => (ctx.T("NewEvent.Ask.Guests", Domain.Events.Event.MaxGuestsAllowed),
                Row(Button(ctx, "NewEvent.Button.Guests0", Guests, "0"), Button(ctx, "NewEvent.Button.Guests1", Guests, "1"), Button(ctx, "NewEvent.Button.Guests2", Guests, "2"))),
            Deadline => (ctx.T("NewEvent.Ask.Deadline", DeadlineSample(ctx, data)), Row(Button(ctx, "NewEvent.Button.UntilStart", Deadline, UntilStart))),
            Note => (ctx.T("NewEvent.Ask.Note", Domain.Events.Event.MaxNoteLength), Row(Button(ctx, "NewEvent.Button.NoNote", Note, NoNote))),
            Repeat => Calendar.RepeatStep.Question(ctx, data[Title], StartOf(data)!.Value.Date, Repeat),
            Chapter => (ctx.T("NewEvent.Ask.Chapter"), ChapterButtons(ctx)),
            _ => (Summary(ctx, data), new InlineKeyboardMarkup(
            [
                [Button(ctx, "NewEvent.Button.Create", Confirm, Create)],
                [Button(ctx, "NewEvent.Button.StartOver", Confirm, StartOver), Button(ctx, "NewEvent.Button.Cancel", Confirm, Stop)],
                [Button(ctx, "Calendar.Dialog.Button", Confirm, Repeat)],
            ])),
        };
        ctx.Reply(problem is { } refused ? Html.Join("\n\n", [refused, question]) : question, keyboard);
        return DialogStep.Ask(step);
    }

    private Html Summary(ChatContext ctx, DialogData data)
    {
        var form = Form(data);
        var chapter = ChapterOf(ctx, data)?.Name ?? "";
        var summary = ctx.T(
            "NewEvent.Summary",
            form.Title,
            time.DateAndTime(form.Start.UtcDateTime, ctx.Culture),
            form.Place,
            form.Capacity is { } places ? ctx.Plain(TextCatalog.Counted("NewEvent.Summary.Places", places), places) : ctx.Plain("NewEvent.Summary.NoLimit"),
            form.MaxGuests > 0 ? ctx.Plain("NewEvent.Summary.Guests", form.MaxGuests) : ctx.Plain("NewEvent.Summary.NoGuests"),
            form.Deadline is { } deadline ? ctx.Plain("NewEvent.Summary.Deadline", time.DateAndTime(deadline.UtcDateTime, ctx.Culture)) : ctx.Plain("NewEvent.Summary.UntilStart"),
            chapter);
        List<Html> more = [];
        if (form.Note is { } note)
        {
            more.Add(ctx.T("NewEvent.Summary.Note", note));
        }

        if (form.Repeat is { } rule)
        {
            more.Add(ctx.T("NewEvent.Summary.Repeat", RecurrenceTexts.Describe(ctx.Texts, ctx.Culture, rule, form.Until)));
        }

        var details = more.Count == 0 ? summary : Html.Join("\n", [summary, .. more]);
        var notes = form.DstNotes.Select(at => WhenTexts.DstNote(ctx.Texts, ctx.Culture, at)).OfType<Html>().ToList();
        if (ChapterOf(ctx, data) is { } of && EventService.SameAs(upcoming, form.Draft(of.Id)).Count > 0)
        {
            notes.Add(ctx.T("NewEvent.Summary.Twin", of.Name, form.Title));
        }

        return Html.Join("\n\n", [details, .. notes, ctx.T("NewEvent.Summary.Footer")]);
    }

    /// <summary>An example deadline the day before the event, or on its day when that is today.</summary>
    private string DeadlineSample(ChatContext ctx, DialogData data)
    {
        var start = StartOf(data)!.Value;
        var day = start.Date.AddDays(-1) > clock.Today ? start.Date.AddDays(-1) : start.Date;
        return WhenTexts.Sample(ctx.Culture, day, "12:00");
    }

    private static InlineKeyboardMarkup ChapterButtons(ChatContext ctx) =>
        new(NewEventTexts.Offered(ctx.Permissions)
            .Select(c => (IReadOnlyList<InlineKeyboardButton>)[DialogChoice.Button(c.Name, Chapter, "c" + Number(c.Id))])
            .ToList());

    private static Chapter? ChapterOf(ChatContext ctx, DialogData data) =>
        data.TryGetValue(Chapter, out var id) && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var chapterId)
            ? ctx.Permissions.Tree.Find(chapterId)
            : null;

    /// <summary>Whether every answer before <paramref name="step"/> is there and readable.</summary>
    private bool HasAnswersBefore(DialogData data, string step) =>
        Order.Contains(step) && Order.TakeWhile(s => s != step).All(s => s switch
        {
            Title or Place or Chapter => data.ContainsKey(s),
            When => StartOf(data) is not null,
            Capacity => data.TryGetValue(Capacity, out var places) && (places.Length == 0 || Count(places) is not null),
            Guests => data.TryGetValue(Guests, out var guests) && Count(guests) is not null,
            Deadline => !data.ContainsKey(DeadlineDate) || Zoned(data[DeadlineDate], data.GetValueOrDefault(DeadlineTime)) is not null,
            // Missing in a dialog begun before this step existed: it repeats not.
            Repeat => !data.TryGetValue(Repeat, out var rule) || rule.Length == 0 || Domain.Calendar.RecurrenceParser.Parse(rule) is not null,
            _ => true,
        });

    /// <summary>All answers as a form; only once <see cref="HasAnswersBefore"/> the summary.</summary>
    private NewEventForm Form(DialogData data) =>
        new(
            data[Title],
            StartOf(data)!.Value,
            data[Place],
            Count(data[Capacity]),
            Count(data[Guests]) ?? 0,
            data.TryGetValue(DeadlineDate, out var date) ? Zoned(date, data.GetValueOrDefault(DeadlineTime)) : null,
            Repeat: data.TryGetValue(Repeat, out var rule) ? RecurrenceParser.Parse(rule) : null,
            Until: DateOnly.TryParseExact(data.GetValueOrDefault(Until), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var until) ? until : null,
            Note: data.GetValueOrDefault(Note) is { Length: > 0 } note ? note : null);

    private ZonedTime? StartOf(DialogData data) => Zoned(data.GetValueOrDefault(StartDate), data.GetValueOrDefault(StartTime));

    private ZonedTime? Zoned(string? date, string? wallTime) =>
        DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
        && TimeOnly.TryParseExact(wallTime, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? clock.Resolve(day, at)
            : null;

    private static void Keep(DialogData data, string dateKey, string timeKey, ZonedTime? value)
    {
        data.Remove(dateKey);
        data.Remove(timeKey);
        if (value is { } at)
        {
            data[dateKey] = at.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            data[timeKey] = at.Time.ToString("HH:mm", CultureInfo.InvariantCulture);
        }
    }

    private static int? Count(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string StepOf(FormField field) =>
        field switch
        {
            FormField.Title => Title,
            FormField.When => When,
            FormField.Place => Place,
            FormField.Capacity => Capacity,
            FormField.Guests => Guests,
            FormField.Deadline => Deadline,
            FormField.Note => Note,
            FormField.Repeat or FormField.Until => Repeat,
            _ => Chapter,
        };

    private static InlineKeyboardButton Button(ChatContext ctx, string label, string step, string token) =>
        DialogChoice.Button(ctx.Plain(label), step, token);

    private static InlineKeyboardMarkup Row(params InlineKeyboardButton[] buttons) => new([buttons]);

    private static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}
