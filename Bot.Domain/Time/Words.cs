namespace Bot.Domain.Time;

/// <summary>The words around dates and times that people type, German and English, lower case.</summary>
internal static class Words
{
    public static readonly IReadOnlyDictionary<string, DayOfWeek> Weekdays = Lookup(
        (DayOfWeek.Monday, ["montag", "mo", "monday", "mon"]),
        (DayOfWeek.Tuesday, ["dienstag", "di", "tuesday", "tue", "tues", "tu"]),
        (DayOfWeek.Wednesday, ["mittwoch", "mi", "wednesday", "wed"]),
        (DayOfWeek.Thursday, ["donnerstag", "do", "thursday", "thu", "thur", "thurs"]),
        (DayOfWeek.Friday, ["freitag", "fr", "friday", "fri"]),
        (DayOfWeek.Saturday, ["samstag", "sonnabend", "sa", "saturday", "sat"]),
        (DayOfWeek.Sunday, ["sonntag", "so", "sunday", "sun"]));

    /// <summary>Days from today.</summary>
    public static readonly IReadOnlyDictionary<string, int> Relative = Lookup(
        (0, ["heute", "today"]),
        (1, ["morgen", "tomorrow"]),
        (2, ["übermorgen", "uebermorgen", "ubermorgen"]));

    /// <summary>"nächsten Dienstag": the next one, never today.</summary>
    public static readonly IReadOnlySet<string> Next = new HashSet<string>(StringComparer.Ordinal)
    {
        "nächsten", "nächster", "nächste", "naechsten", "naechster", "naechste", "nachsten", "nachster", "nachste",
        "kommenden", "kommender", "kommende", "next", "coming",
    };

    /// <summary>Words that may stand around a date and change nothing: "Samstag, den 23.11.", "on Tuesday".</summary>
    public static readonly IReadOnlySet<string> DateFillers = new HashSet<string>(StringComparer.Ordinal)
    {
        "am", "an", "den", "diesen", "dieser", "diese", "on", "the", "this",
    };

    /// <summary>Words that may stand before a time and change nothing: "um 18 Uhr", "von 10 bis 13 Uhr".</summary>
    public static readonly IReadOnlySet<string> TimeFillers = new HashSet<string>(StringComparer.Ordinal)
    {
        "um", "ab", "gegen", "von", "at", "from", "around",
    };

    /// <summary>Words between the start and the end of a range, besides dashes.</summary>
    public static readonly IReadOnlySet<string> RangeWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "bis", "to", "till", "until",
    };

    public static bool IsDash(char c) => c is '-' or '–' or '—';

    private static Dictionary<string, T> Lookup<T>(params (T Value, string[] Words)[] rows) =>
        rows.SelectMany(row => row.Words, (row, word) => (word, row.Value)).ToDictionary(pair => pair.word, pair => pair.Value, StringComparer.Ordinal);
}
