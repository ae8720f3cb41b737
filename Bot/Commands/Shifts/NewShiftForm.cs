using System.Globalization;
using Bot.Domain.Canvassing;
using Bot.Domain.Time;
using Bot.Texts;

namespace Bot.Commands.Shifts;

/// <summary>A new shift as an organizer typed it: the one-line form of <c>/newshift</c> (<see cref="Parse"/>) and
/// each step of <see cref="NewShiftDialog"/> use the same field readers, so both accept and refuse the same
/// things with the same words.</summary>
public sealed record NewShiftForm(
    string Area,
    ZonedTime Start,
    ZonedTime End,
    string MeetingPoint,
    int Slots,
    int? Minimum = null,
    string? Campaign = null,
    string? ChapterName = null,
    double? Latitude = null,
    double? Longitude = null)
{
    /// <summary>Longer input is refused before it is split: no shift needs more.</summary>
    public const int MaxLength = 1500;

    private static readonly Dictionary<string, string> Keys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["slots"] = "slots",
        ["plätze"] = "slots",
        ["plaetze"] = "slots",
        ["min"] = "min",
        ["minimum"] = "min",
        ["campaign"] = "campaign",
        ["kampagne"] = "campaign",
        ["chapter"] = "chapter",
        ["verband"] = "chapter",
        ["pin"] = "pin",
    };

    public ShiftDraft Draft(long chapterId) =>
        new(chapterId, Area, Start.UtcDateTime, End.UtcDateTime, MeetingPoint, Slots, Minimum, Campaign, Latitude, Longitude);

    /// <summary>Reads <c>area | date start-end | meeting point | slots=N [| key=value]…</c>; the first mistake comes
    /// back as a <see cref="ShiftFormError"/>.</summary>
    public static ShiftFormResult Parse(string? args, ChapterClock clock)
    {
        var line = args?.Trim() ?? "";
        if (line.Length > MaxLength)
        {
            return Fail("Shift.Error.TooLong", "");
        }

        var fields = line.Split('|').Select(f => f.Trim()).ToList();
        if (fields.Count < 4)
        {
            return Fail("Shift.Error.Fields", "");
        }

        if (ReadText(fields[0], Shift.MaxAreaLength, "Area") is { Error: { } areaError })
        {
            return new ShiftFormResult(null, areaError);
        }

        var when = ReadWhen(fields[1], clock);
        if (when.Error is { } whenError)
        {
            return new ShiftFormResult(null, whenError);
        }

        if (ReadText(fields[2], Shift.MaxMeetingPointLength, "MeetingPoint") is { Error: { } pointError })
        {
            return new ShiftFormResult(null, pointError);
        }

        var form = new NewShiftForm(Collapse(fields[0]), when.Value.Start!.Value, when.Value.End!.Value, Collapse(fields[2]), 0);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in fields.Skip(3).Where(f => f.Length > 0))
        {
            var equals = field.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0 || !Keys.TryGetValue(field[..equals].Trim(), out var key))
            {
                return Fail("Shift.Error.Option", TextCut.Quote(field));
            }

            if (!seen.Add(key))
            {
                return Fail("Shift.Error.Twice", TextCut.Quote(field[..equals].Trim()));
            }

            var value = field[(equals + 1)..].Trim();
            var read = key switch
            {
                "slots" => ReadNumber(value, Shift.MaxSlots, "Slots", n => form with { Slots = n }),
                "min" => ReadNumber(value, Shift.MaxSlots, "Minimum", n => form with { Minimum = n }),
                "campaign" => ReadText(value, Shift.MaxCampaignLength, "Campaign") is { Error: { } e } ? e : (object)(form with { Campaign = Collapse(value) }),
                "chapter" => ReadText(value, Domain.Chapters.Chapter.MaxNameLength, "Chapter") is { Error: { } c } ? c : (object)(form with { ChapterName = Collapse(value) }),
                _ => ReadPin(value, form),
            };
            if (read is ShiftFormError error)
            {
                return new ShiftFormResult(null, error);
            }

            form = (NewShiftForm)read;
        }

        return !seen.Contains("slots") ? Fail("Shift.Error.SlotsMissing", "")
            : form.Minimum > form.Slots ? Fail("Shift.Error.MinimumAboveSlots", form.Minimum.Value.ToString(CultureInfo.InvariantCulture))
            : new ShiftFormResult(form, null);
    }

    /// <summary>A date with a start and an end time, in the future.</summary>
    public static (When Value, ShiftFormError? Error) ReadWhen(string? text, ChapterClock clock) =>
        WhenParser.Parse(text, clock, WhenForm.DateAndTimeRange) switch
        {
            WhenResult<When>.Parsed(var when) when when is { Start: not null, End: not null } => (when, null),
            WhenResult<When>.Failed(var error) => (null!, new ShiftFormError("Shift.Error.When", TextCut.Quote(text)) { When = error }),
            _ => (null!, new ShiftFormError("Shift.Error.When", TextCut.Quote(text)) { When = new WhenError(WhenErrorCode.EndMissing, "", WhenExample.DateAndTimeRange) }),
        };

    /// <summary>A text field: collapsed to one line, not empty, not too long, nothing unprintable.</summary>
    public static (string Value, ShiftFormError? Error) ReadText(string? text, int maxLength, string field)
    {
        var value = Collapse(text ?? "");
        return value.Length == 0 ? ("", new ShiftFormError($"Shift.Error.{field}.Missing", ""))
            : value.Length > maxLength || value.Any(char.IsControl) ? ("", new ShiftFormError($"Shift.Error.{field}.TooLong", TextCut.Quote(value)) { Limit = maxLength })
            : (value, null);
    }

    /// <summary>A whole number from 1 to <paramref name="max"/>.</summary>
    public static (int Value, ShiftFormError? Error) ReadCount(string? text, int max, string field)
    {
        var typed = text?.Trim() ?? "";
        return typed.Length is > 0 and < 7 && typed.All(char.IsAsciiDigit) && int.Parse(typed, CultureInfo.InvariantCulture) is var n and >= 1 && n <= max
            ? (n, null)
            : (0, new ShiftFormError($"Shift.Error.{field}", TextCut.Quote(typed)) { Limit = max });
    }

    private static object ReadNumber(string value, int max, string field, Func<int, NewShiftForm> keep) =>
        ReadCount(value, max, field) is { Error: { } error } ? error : keep(ReadCount(value, max, field).Value);

    private static object ReadPin(string value, NewShiftForm form)
    {
        var parts = value.Split(',', StringSplitOptions.TrimEntries);
        return parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var latitude) && latitude is >= -90 and <= 90
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var longitude) && longitude is >= -180 and <= 180
            ? form with { Latitude = latitude, Longitude = longitude }
            : new ShiftFormError("Shift.Error.Pin", TextCut.Quote(value));
    }

    private static ShiftFormResult Fail(string key, string typed) => new(null, new ShiftFormError(key, typed));

    private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

}

/// <summary>The form, or what was wrong with it.</summary>
public sealed record ShiftFormResult(NewShiftForm? Form, ShiftFormError? Error);

/// <summary>What was wrong: the text under <see cref="Key"/> says it, quoting <see cref="Typed"/>.</summary>
public sealed record ShiftFormError(string Key, string Typed)
{
    /// <summary>For a date or time: the date parser's own error.</summary>
    public WhenError? When { get; init; }

    /// <summary>The longest text or largest number allowed.</summary>
    public int? Limit { get; init; }
}
