using System.Globalization;

namespace Bot.Domain.Reminders;

/// <summary>A daily span of local time without reminders, e.g. 22:00-08:00 (wrapping midnight) or 13:00-15:00.
/// <see cref="None"/> has no span.</summary>
public readonly record struct QuietHours(TimeOnly Start, TimeOnly End)
{
    public static QuietHours None => default;

    public bool IsNone => Start == End;

    public bool Contains(TimeOnly time) =>
        !IsNone && (Start < End ? time >= Start && time < End : time >= Start || time < End);

    /// <summary>The local moment the quiet span around <paramref name="local"/> began (it must be inside).</summary>
    public DateTime StartOfSpanAround(DateTime local)
    {
        var time = TimeOnly.FromDateTime(local);
        var day = DateOnly.FromDateTime(local);
        var startDay = Start > End && time < End ? day.AddDays(-1) : day;
        return startDay.ToDateTime(Start);
    }

    /// <summary>The local moment the quiet span around <paramref name="local"/> ends (it must be inside).</summary>
    public DateTime EndOfSpanAround(DateTime local)
    {
        var start = StartOfSpanAround(local);
        return DateOnly.FromDateTime(start).AddDays(Start > End ? 1 : 0).ToDateTime(End);
    }

    /// <summary>"22:00-08:00"; "" for none.</summary>
    public override string ToString() =>
        IsNone ? "" : $"{Start.ToString("HH:mm", CultureInfo.InvariantCulture)}-{End.ToString("HH:mm", CultureInfo.InvariantCulture)}";

    /// <summary>Reads a span as people type it: <c>22:00-08:00</c>, <c>9:30 – 11:00</c>, <c>23 Uhr bis 7 Uhr</c>,
    /// <c>11pm to 7am</c>, <c>von 23 bis 7</c>; empty or blank is none. False for anything else, and for a span that
    /// starts and ends at the same time.</summary>
    public static bool TryParse(string? text, out QuietHours quiet)
    {
        quiet = None;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var span = text.Trim().ToLowerInvariant().Replace('–', '-').Replace(" bis ", "-", StringComparison.Ordinal).Replace(" to ", "-", StringComparison.Ordinal);
        span = span.StartsWith("von ", StringComparison.Ordinal) ? span[4..] : span.StartsWith("from ", StringComparison.Ordinal) ? span[5..] : span;
        var parts = span.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || ReadTime(parts[0]) is not { } start || ReadTime(parts[1]) is not { } end || start == end)
        {
            return false;
        }

        quiet = new QuietHours(start, end);
        return true;
    }

    /// <summary>"23:00", "7:30", "23 Uhr", "23", "11pm", "7 am", "12am" (midnight).</summary>
    private static TimeOnly? ReadTime(string text)
    {
        var typed = text.Replace("uhr", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        var half = typed.EndsWith("am", StringComparison.Ordinal) ? 0 : typed.EndsWith("pm", StringComparison.Ordinal) ? 12 : -1;
        typed = half >= 0 ? typed[..^2] : typed;
        if (TimeOnly.TryParseExact(typed, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) && half < 0)
        {
            return time;
        }

        if (typed.Length is < 1 or > 2 || !typed.All(char.IsAsciiDigit))
        {
            return null;
        }

        var hour = int.Parse(typed, CultureInfo.InvariantCulture);
        return half < 0 ? hour <= 23 ? new TimeOnly(hour, 0) : null
            : hour is >= 1 and <= 12 ? new TimeOnly(hour % 12 + half, 0) : null;
    }
}
