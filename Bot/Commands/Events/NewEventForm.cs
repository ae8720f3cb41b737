using System.Globalization;
using System.Text;
using Bot.Domain.Calendar;
using Bot.Domain.Events;
using Bot.Domain.Time;
using Bot.Texts;

namespace Bot.Commands.Events;

/// <summary>A new event as an organizer typed it, read and checked field by field: the one-line form of
/// <c>/newevent</c> (<see cref="Parse"/>) and each step of the guided dialog use the same field readers, so both
/// accept and refuse the same things with the same words.</summary>
/// <param name="ChapterName">From <c>chapter=</c>; null: the organizer's own chapter (or a question).</param>
/// <param name="RepeatText">The rule as typed after <c>repeat=</c>, kept so a stored form can read it again.</param>
public sealed record NewEventForm(
    string Title,
    ZonedTime Start,
    string Place,
    int? Capacity = null,
    int MaxGuests = 0,
    ZonedTime? Deadline = null,
    string? ChapterName = null,
    Recurrence? Repeat = null,
    DateOnly? Until = null,
    string? Note = null,
    string? RepeatText = null)
{
    /// <summary>Longer input is refused before it is split: no event needs more.</summary>
    public const int MaxLength = 1500;

    /// <summary>The time a deadline typed without one stands for: the end of that day.</summary>
    public static readonly TimeOnly EndOfDay = new(23, 59);

    /// <summary>The keys of the optional fields, English and German, with the spellings of phones without
    /// umlauts.</summary>
    private static readonly Dictionary<string, FormField> Keys = new(StringComparer.Ordinal)
    {
        ["capacity"] = FormField.Capacity,
        ["places"] = FormField.Capacity,
        ["plätze"] = FormField.Capacity,
        ["plaetze"] = FormField.Capacity,
        ["platze"] = FormField.Capacity,
        ["deadline"] = FormField.Deadline,
        ["frist"] = FormField.Deadline,
        ["guests"] = FormField.Guests,
        ["gäste"] = FormField.Guests,
        ["gaeste"] = FormField.Guests,
        ["gaste"] = FormField.Guests,
        ["chapter"] = FormField.Chapter,
        ["verband"] = FormField.Chapter,
        ["repeat"] = FormField.Repeat,
        ["wiederholen"] = FormField.Repeat,
        ["wiederholung"] = FormField.Repeat,
        ["until"] = FormField.Until,
        ["bis"] = FormField.Until,
        ["note"] = FormField.Note,
        ["notiz"] = FormField.Note,
        ["hinweis"] = FormField.Note,
    };

    /// <summary>What "no limit" is typed as, besides the button.</summary>
    private static readonly HashSet<string> NoLimit = new(StringComparer.OrdinalIgnoreCase)
    {
        "none", "no limit", "unlimited", "-", "keine", "kein", "keins", "unbegrenzt", "ohne", "ohne begrenzung", "ohne limit",
    };

    /// <summary>What "no note" is typed as, besides the button.</summary>
    private static readonly HashSet<string> NoNote = new(StringComparer.OrdinalIgnoreCase)
    {
        "none", "no", "no note", "-", "keine", "kein", "nein", "kein hinweis", "keiner",
    };

    /// <summary>The event to create in a chapter.</summary>
    public EventDraft Draft(long chapterId) =>
        new(chapterId, Title, Start.UtcDateTime, Place, Capacity, Deadline?.UtcDateTime, MaxGuests, Note);

    /// <summary>The times typed that daylight saving time moved or made ambiguous, for a note in the reply.</summary>
    public IReadOnlyList<ZonedTime> DstNotes =>
        new[] { Start, Deadline }.OfType<ZonedTime>().Where(t => t.Dst != DstResolution.Exact).ToList();

    /// <summary>Reads <c>title | date time | place [| key=value]…</c>; the first mistake comes back as a
    /// <see cref="FormError"/> that says which field, what was typed, and what was wrong.</summary>
    public static FormResult<NewEventForm> Parse(string? args, ChapterClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var line = args?.Trim() ?? "";
        if (line.Length > MaxLength)
        {
            return Fail<NewEventForm>(FormField.Line, FormErrorCode.TooLong, "", MaxLength);
        }

        var fields = line.Split('|').Select(f => f.Trim()).ToList();
        if (fields.Count < 3)
        {
            // "Stammtisch 28.11. 19:00 Krone": the separators were forgotten, or a part is missing.
            return Fail<NewEventForm>(fields.Count == 1 ? FormField.When : FormField.Place, FormErrorCode.Missing, "");
        }

        return ReadTitle(fields[0]).Then(title =>
            ReadStart(fields[1], clock).Then(start =>
                ReadPlace(fields[2]).Then(place =>
                    ReadOptions(fields.Skip(3), new NewEventForm(title, start, place), clock))));
    }

    public static FormResult<string> ReadTitle(string? text) => ReadText(text, FormField.Title, Event.MaxTitleLength);

    public static FormResult<string> ReadPlace(string? text) => ReadText(text, FormField.Place, Event.MaxPlaceLength);

    /// <summary>What members should know besides time and place, on one line.</summary>
    public static FormResult<string> ReadNote(string? text) => ReadText(text, FormField.Note, Event.MaxNoteLength);

    /// <summary>Whether the answer to "a note?" says there is none.</summary>
    public static bool IsNoNote(string? text) => NoNote.Contains(text?.Trim() ?? "");

    /// <summary>A date and a start time, in the future; an end time after it is allowed and not kept (events
    /// have no end here).</summary>
    public static FormResult<ZonedTime> ReadStart(string? text, ChapterClock clock) =>
        FromWhen(WhenParser.Parse(text, clock, WhenForm.DateAndTime), FormField.When, text, when =>
            when.Start is { } start ? new FormResult<ZonedTime>.Parsed(start) : Fail<ZonedTime>(FormField.When, FormErrorCode.Missing, TextCut.Quote(text)));

    /// <summary>A number of places from 1 to <see cref="Event.MaxCapacity"/>, or "no limit" (null).</summary>
    public static FormResult<int?> ReadCapacity(string? text)
    {
        var typed = text?.Trim() ?? "";
        if (NoLimit.Contains(typed))
        {
            return new FormResult<int?>.Parsed(null);
        }

        return ReadNumber(typed, FormField.Capacity, 1, Event.MaxCapacity).Map(places => (int?)places);
    }

    /// <summary>How many guests one member may bring: 0 to <see cref="Event.MaxGuestsAllowed"/>.</summary>
    public static FormResult<int> ReadGuests(string? text) =>
        ReadNumber(text?.Trim() ?? "", FormField.Guests, 0, Event.MaxGuestsAllowed);

    /// <summary>When answers close: a date, with a time or else the end of that day, and never after the
    /// event starts. A date alone on the day of the event, or the start itself, is no deadline (null): answers
    /// close when it starts anyway.</summary>
    public static FormResult<ZonedTime?> ReadDeadline(string? text, ChapterClock clock, ZonedTime start)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return FromWhen(WhenParser.Parse(text, clock, WhenForm.DateWithOptionalTime), FormField.Deadline, text, when =>
        {
            var deadline = when.Start ?? (when.Date == start.ActualDate ? start : clock.Resolve(when.Date, EndOfDay));
            return deadline.At > start.At ? Fail<ZonedTime?>(FormField.Deadline, FormErrorCode.AfterStart, TextCut.Quote(text))
                : deadline.At == start.At ? new FormResult<ZonedTime?>.Parsed(null)
                : new FormResult<ZonedTime?>.Parsed(deadline);
        });
    }

    /// <summary>How the event repeats (<see cref="RecurrenceParser"/>), German or English.</summary>
    public static FormResult<Recurrence> ReadRepeat(string? text) =>
        RecurrenceParser.Parse(text) is { } rule ? new FormResult<Recurrence>.Parsed(rule) : Fail<Recurrence>(FormField.Repeat, FormErrorCode.Unreadable, TextCut.Quote(text));

    /// <summary>The last day a recurring event may fall on; not before it starts.</summary>
    public static FormResult<DateOnly> ReadUntil(string? text, ChapterClock clock, ZonedTime start) =>
        FromWhen(WhenParser.Parse(text, clock, WhenForm.DateWithOptionalTime), FormField.Until, text, when =>
            when.Date < start.Date ? Fail<DateOnly>(FormField.Until, FormErrorCode.BeforeStart, TextCut.Quote(text)) : new FormResult<DateOnly>.Parsed(when.Date));

    /// <summary>A chapter's name as typed after <c>chapter=</c>; which chapter it is, the command decides.</summary>
    public static FormResult<string> ReadChapterName(string? text)
    {
        var name = Collapse(text ?? "");
        return name.Length == 0 ? Fail<string>(FormField.Chapter, FormErrorCode.Missing, "")
            : name.Length > Domain.Chapters.Chapter.MaxNameLength ? Fail<string>(FormField.Chapter, FormErrorCode.TooLong, TextCut.Quote(name), Domain.Chapters.Chapter.MaxNameLength)
            : new FormResult<string>.Parsed(name);
    }

    private static FormResult<NewEventForm> ReadOptions(IEnumerable<string> fields, NewEventForm form, ChapterClock clock)
    {
        var seen = new HashSet<FormField>();
        FormResult<NewEventForm> result = new FormResult<NewEventForm>.Parsed(form);
        foreach (var field in fields)
        {
            result = result.Then(sofar => ReadOption(field, sofar, clock, seen));
        }

        return result.Then(read =>
            read is { Until: not null, Repeat: null } ? Fail<NewEventForm>(FormField.Until, FormErrorCode.NoRepeat, "")
            : read is { Note: not null, Repeat: not null } ? Fail<NewEventForm>(FormField.Note, FormErrorCode.NotWithRepeat, "")
            : read.Repeat?.FirstOnOrAfter(read.Start.Date, read.Until) is null && read.Repeat is not null ? Fail<NewEventForm>(FormField.Until, FormErrorCode.BeforeStart, "")
            : result);
    }

    private static FormResult<NewEventForm> ReadOption(string field, NewEventForm form, ChapterClock clock, HashSet<FormField> seen)
    {
        if (field.Length == 0)
        {
            return new FormResult<NewEventForm>.Parsed(form); // "… | Krone |": a separator too many is no mistake
        }

        var equals = field.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            return Fail<NewEventForm>(FormField.Option, FormErrorCode.NotAnOption, TextCut.Quote(field));
        }

        var key = Normalized(field[..equals].Trim()).ToLowerInvariant();
        var value = field[(equals + 1)..].Trim();
        if (!Keys.TryGetValue(key, out var which))
        {
            return Fail<NewEventForm>(FormField.Option, FormErrorCode.UnknownKey, TextCut.Quote(field[..equals].Trim()));
        }

        if (!seen.Add(which))
        {
            return Fail<NewEventForm>(which, FormErrorCode.Twice, TextCut.Quote(field[..equals].Trim()));
        }

        if (value.Length == 0)
        {
            return Fail<NewEventForm>(which, FormErrorCode.Missing, "");
        }

        return which switch
        {
            FormField.Capacity => ReadCapacity(value).Map(places => form with { Capacity = places }),
            FormField.Guests => ReadGuests(value).Map(guests => form with { MaxGuests = guests }),
            FormField.Deadline => ReadDeadline(value, clock, form.Start).Map(deadline => form with { Deadline = deadline }),
            FormField.Repeat => ReadRepeat(value).Map(rule => form with { Repeat = rule, RepeatText = value }),
            FormField.Until => ReadUntil(value, clock, form.Start).Map(until => form with { Until = until }),
            FormField.Note => ReadNote(value).Map(note => form with { Note = note }),
            _ => ReadChapterName(value).Map(name => form with { ChapterName = name }),
        };
    }

    private static FormResult<string> ReadText(string? text, FormField field, int maxLength)
    {
        var value = Collapse(text ?? "");
        return value.Length == 0 ? Fail<string>(field, FormErrorCode.Missing, "")
            : value.Length > maxLength ? Fail<string>(field, FormErrorCode.TooLong, TextCut.Quote(value), maxLength)
            : value.Any(char.IsControl) ? Fail<string>(field, FormErrorCode.Unreadable, TextCut.Quote(value))
            : new FormResult<string>.Parsed(value);
    }

    private static FormResult<int> ReadNumber(string typed, FormField field, int min, int max)
    {
        if (typed.Length == 0)
        {
            return Fail<int>(field, FormErrorCode.Missing, "");
        }

        var digits = typed.StartsWith('+') || typed.StartsWith('-') ? typed[1..] : typed;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            return Fail<int>(field, FormErrorCode.NotANumber, TextCut.Quote(typed), max);
        }

        return int.TryParse(typed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? new FormResult<int>.Parsed(number)
            : Fail<int>(field, FormErrorCode.OutOfRange, TextCut.Quote(typed), max);
    }

    /// <summary>Line breaks and runs of spaces in a title or place are one space: a phone's Enter key is not
    /// meant as part of the name.</summary>
    private static string Collapse(string text) =>
        string.Join(' ', Normalized(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Normalized(string text)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // Invalid UTF-16 (a lone surrogate) is kept as it is and refused where it matters.
            return text;
        }
    }


    private static FormResult<T> Fail<T>(FormField field, FormErrorCode code, string typed, int? limit = null) =>
        new FormResult<T>.Failed(new FormError(field, code, typed) { Limit = limit });

    private static FormResult<T> FromWhen<T>(WhenResult<When> result, FormField field, string? typed, Func<When, FormResult<T>> next) =>
        result switch
        {
            WhenResult<When>.Parsed(var when) => next(when),
            WhenResult<When>.Failed(var error) => new FormResult<T>.Failed(new FormError(field, FormErrorCode.When, TextCut.Quote(typed)) { When = error }),
            _ => throw new InvalidOperationException("A date is read or refused."),
        };
}

/// <summary>A field of a form people type, for errors that name it and dialogs that ask it again.</summary>
public enum FormField
{
    /// <summary>The whole line.</summary>
    Line,
    Title,
    When,
    Place,
    Capacity,
    Guests,
    Deadline,
    Chapter,

    /// <summary><c>repeat=</c>: how a calendar entry recurs.</summary>
    Repeat,

    /// <summary><c>until=</c>: the last day of a recurring entry.</summary>
    Until,

    /// <summary>An optional <c>key=value</c> field that is not one.</summary>
    Option,

    /// <summary><c>note=</c>: what members should know besides time and place.</summary>
    Note,
}

public enum FormErrorCode
{
    /// <summary>Nothing typed; for <see cref="FormField.When"/> and <see cref="FormField.Place"/> on the
    /// line: fewer than three fields.</summary>
    Missing,

    /// <summary>Longer than <see cref="FormError.Limit"/> characters.</summary>
    TooLong,

    /// <summary>Characters that cannot be shown (control characters).</summary>
    Unreadable,

    /// <summary>Not a whole number; <see cref="FormError.Limit"/> is the largest allowed.</summary>
    NotANumber,

    /// <summary>A number outside the range allowed; <see cref="FormError.Limit"/> is the largest.</summary>
    OutOfRange,

    /// <summary>A date or time that could not be read or has passed: see <see cref="FormError.When"/>.</summary>
    When,

    /// <summary>A deadline after the start of the event.</summary>
    AfterStart,

    /// <summary>An optional field without <c>=</c>.</summary>
    NotAnOption,

    /// <summary>A <c>key=</c> not known here.</summary>
    UnknownKey,

    /// <summary>The same key given twice.</summary>
    Twice,

    /// <summary><c>until=</c> without <c>repeat=</c>.</summary>
    NoRepeat,

    /// <summary><c>until=</c> before the first date the rule names.</summary>
    BeforeStart,

    /// <summary>A field that a repeating entry does not keep (<c>note=</c>).</summary>
    NotWithRepeat,
}

/// <summary>What was wrong with a form: which field, what kind of mistake, and what was typed (shortened); the
/// texts are in <see cref="NewEventTexts"/>.</summary>
public sealed record FormError(FormField Field, FormErrorCode Code, string Typed)
{
    /// <summary>For <see cref="FormErrorCode.When"/>: the date parser's own error.</summary>
    public WhenError? When { get; init; }

    /// <summary>The longest text or largest number allowed, where that is the point.</summary>
    public int? Limit { get; init; }
}

/// <summary>A value read from a form, or what was wrong with it.</summary>
public abstract record FormResult<T>
{
    private FormResult()
    {
    }

    /// <summary>Goes on with the value to the next reading, or passes the error along.</summary>
    public abstract FormResult<TNext> Then<TNext>(Func<T, FormResult<TNext>> next);

    /// <summary>The value changed into another, or the error passed along.</summary>
    public FormResult<TNext> Map<TNext>(Func<T, TNext> change) => Then<TNext>(value => new FormResult<TNext>.Parsed(change(value)));

    public sealed record Parsed(T Value) : FormResult<T>
    {
        public override FormResult<TNext> Then<TNext>(Func<T, FormResult<TNext>> next)
        {
            ArgumentNullException.ThrowIfNull(next);
            return next(Value);
        }
    }

    public sealed record Failed(FormError Error) : FormResult<T>
    {
        public override FormResult<TNext> Then<TNext>(Func<T, FormResult<TNext>> next) => new FormResult<TNext>.Failed(Error);
    }
}
