using System.Globalization;
using System.Text;
using Bot.Domain.Time;

namespace Bot.Domain.Calendar;

/// <summary>Reads a <c>repeat=</c> rule as people type it, in German or English: <c>yearly</c>/<c>jährlich</c>,
/// <c>monthly</c>, <c>weekly</c>, <c>every 2 weeks</c>/<c>alle 2 Wochen</c>, <c>2. Sonntag im September</c>/
/// <c>2nd Sunday of September</c>, <c>1. Dienstag</c>/<c>1st Tuesday</c> (every month), <c>letzter Freitag</c>/
/// <c>last Friday</c>.</summary>
public static class RecurrenceParser
{
    public const int MaxLength = 60;

    private static readonly Dictionary<string, Frequency> Plain = new(StringComparer.Ordinal)
    {
        ["yearly"] = Frequency.Yearly,
        ["annually"] = Frequency.Yearly,
        ["jährlich"] = Frequency.Yearly,
        ["jaehrlich"] = Frequency.Yearly,
        ["jahrlich"] = Frequency.Yearly,
        ["monthly"] = Frequency.Monthly,
        ["monatlich"] = Frequency.Monthly,
        ["weekly"] = Frequency.Weekly,
        ["wöchentlich"] = Frequency.Weekly,
        ["woechentlich"] = Frequency.Weekly,
        ["wochentlich"] = Frequency.Weekly,
    };

    /// <summary>"every 2 weeks", "alle 2 Wochen", "jedes Jahr": the unit after the number.</summary>
    private static readonly Dictionary<string, Frequency> Units = new(StringComparer.Ordinal)
    {
        ["year"] = Frequency.Yearly,
        ["years"] = Frequency.Yearly,
        ["jahr"] = Frequency.Yearly,
        ["jahre"] = Frequency.Yearly,
        ["month"] = Frequency.Monthly,
        ["months"] = Frequency.Monthly,
        ["monat"] = Frequency.Monthly,
        ["monate"] = Frequency.Monthly,
        ["week"] = Frequency.Weekly,
        ["weeks"] = Frequency.Weekly,
        ["woche"] = Frequency.Weekly,
        ["wochen"] = Frequency.Weekly,
    };

    private static readonly HashSet<string> Every = new(StringComparer.Ordinal) { "every", "each", "alle", "jede", "jeden", "jedes", "jeder" };

    private static readonly Dictionary<string, int> Numbers = new(StringComparer.Ordinal)
    {
        ["other"] = 2,
        ["two"] = 2,
        ["zwei"] = 2,
        ["three"] = 3,
        ["drei"] = 3,
        ["four"] = 4,
        ["vier"] = 4,
    };

    private static readonly Dictionary<string, int> Ordinals = new(StringComparer.Ordinal)
    {
        ["1."] = 1,
        ["1st"] = 1,
        ["first"] = 1,
        ["erste"] = 1,
        ["erster"] = 1,
        ["ersten"] = 1,
        ["2."] = 2,
        ["2nd"] = 2,
        ["second"] = 2,
        ["zweite"] = 2,
        ["zweiter"] = 2,
        ["zweiten"] = 2,
        ["3."] = 3,
        ["3rd"] = 3,
        ["third"] = 3,
        ["dritte"] = 3,
        ["dritter"] = 3,
        ["dritten"] = 3,
        ["4."] = 4,
        ["4th"] = 4,
        ["fourth"] = 4,
        ["vierte"] = 4,
        ["vierter"] = 4,
        ["vierten"] = 4,
        ["5."] = 5,
        ["5th"] = 5,
        ["fifth"] = 5,
        ["fünfte"] = 5,
        ["fünfter"] = 5,
        ["fünften"] = 5,
        ["fuenfte"] = 5,
        ["fuenfter"] = 5,
        ["last"] = -1,
        ["letzte"] = -1,
        ["letzter"] = -1,
        ["letzten"] = -1,
    };

    private static readonly Dictionary<string, int> Months = MonthNames();

    /// <summary>Words around a rule that change nothing: "am 2. Sonntag im September", "on the last Friday of the
    /// month".</summary>
    private static readonly HashSet<string> Fillers = new(StringComparer.Ordinal)
    {
        "am", "an", "on", "the", "im", "in", "of", "des", "der", "each", "every", "jeden", "jedes", "jede", "monats", "month", "monat",
    };

    /// <summary>The rule, or null when the text is none of the forms above.</summary>
    public static Recurrence? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength)
        {
            return null;
        }

        var words = text.Trim().ToLower(CultureInfo.InvariantCulture).Normalize(NormalizationForm.FormC)
            .Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 1 && Plain.TryGetValue(words[0], out var plain) ? new Recurrence(plain)
            : ReadEvery(words) ?? ReadNth(words);
    }

    /// <summary>"every week", "alle 2 Wochen", "every other week".</summary>
    private static Recurrence? ReadEvery(string[] words)
    {
        if (words.Length is < 2 or > 3 || !Every.Contains(words[0]) || !Units.TryGetValue(words[^1], out var unit))
        {
            return null;
        }

        if (words.Length == 2)
        {
            return new Recurrence(unit);
        }

        var interval = Numbers.TryGetValue(words[1], out var named) ? named
            : int.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out var typed) ? typed : 0;
        return interval is >= 1 and <= Recurrence.MaxInterval ? new Recurrence(unit, interval) : null;
    }

    /// <summary>"2. Sonntag im September", "1st Tuesday", "letzter Freitag im Monat".</summary>
    private static Recurrence? ReadNth(string[] words)
    {
        int? nth = null;
        DayOfWeek? weekday = null;
        int? month = null;
        foreach (var word in words)
        {
            if (nth is null && Ordinals.TryGetValue(word, out var n))
            {
                nth = n;
            }
            else if (nth is not null && weekday is null && Words.Weekdays.TryGetValue(word.TrimEnd('s', '.'), out var day))
            {
                weekday = day;
            }
            else if (weekday is not null && month is null && Months.TryGetValue(word.TrimEnd('.'), out var m))
            {
                month = m;
            }
            else if (!Fillers.Contains(word))
            {
                return null;
            }
        }

        return nth is not null && weekday is not null
            ? new Recurrence(month is null ? Frequency.Monthly : Frequency.Yearly, Nth: nth, Weekday: weekday, Month: month)
            : null;
    }

    /// <summary>Written out here rather than taken from a culture: the host may run without ICU's German.</summary>
    private static Dictionary<string, int> MonthNames()
    {
        string[][] months =
        [
            ["januar", "jänner", "january", "jan"], ["februar", "february", "feb"], ["märz", "maerz", "marz", "march", "mar", "mär"],
            ["april", "apr"], ["mai", "may"], ["juni", "june", "jun"], ["juli", "july", "jul"], ["august", "aug"],
            ["september", "sept", "sep"], ["oktober", "october", "okt", "oct"], ["november", "nov"], ["dezember", "december", "dez", "dec"],
        ];
        return months.SelectMany((names, i) => names.Select(name => (name, month: i + 1))).ToDictionary(p => p.name, p => p.month, StringComparer.Ordinal);
    }
}
