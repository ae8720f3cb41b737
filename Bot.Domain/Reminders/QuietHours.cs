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

    /// <summary>Reads <c>HH:mm-HH:mm</c> (also <c>H:mm</c> and an en dash); empty or blank is none. False for anything
    /// else, and for a span that starts and ends at the same time.</summary>
    public static bool TryParse(string? text, out QuietHours quiet)
    {
        quiet = None;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var parts = text.Trim().Replace('–', '-').Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !TimeOnly.TryParseExact(parts[0], ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            || !TimeOnly.TryParseExact(parts[1], ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var end)
            || start == end)
        {
            return false;
        }

        quiet = new QuietHours(start, end);
        return true;
    }
}
