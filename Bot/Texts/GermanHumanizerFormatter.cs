using System.Collections.Frozen;
using System.Globalization;
using Humanizer;
using Humanizer.Localisation;
using Humanizer.Localisation.Formatters;

namespace Bot.Texts;

/// <summary>German relative times and durations for Humanizer ("in 3 Tagen", "gestern", "vor 2 Stunden",
/// "3 Tage"); registered by <see cref="HumanizerGerman.Register"/>.</summary>
/// <remarks>Humanizer.Core carries English only; its German strings live in the satellite package
/// Humanizer.Core.de, which the package registry reached here does not have. Holding them in our own formatter
/// keeps the bot on the one Humanizer package that restores. Keys Humanizer asks for that are not here fall back
/// to its English resources.</remarks>
internal sealed class GermanHumanizerFormatter(CultureInfo culture) : DefaultFormatter(culture.Name)
{
    // Relative times take the dative after "in" and "vor" ("in 3 Tagen", "vor einer Stunde"); a lone day is
    // "morgen" or "gestern". Durations use numerals ("1 Stunde") unless words are asked for ("eine Stunde").
    private static readonly FrozenDictionary<string, string> German = new Dictionary<string, string>
    {
        ["DateHumanize_Now"] = "jetzt",
        ["DateHumanize_Never"] = "nie",
        ["DateHumanize_SingleSecondAgo"] = "vor einer Sekunde",
        ["DateHumanize_SingleSecondFromNow"] = "in einer Sekunde",
        ["DateHumanize_MultipleSecondsAgo"] = "vor {0} Sekunden",
        ["DateHumanize_MultipleSecondsFromNow"] = "in {0} Sekunden",
        ["DateHumanize_SingleMinuteAgo"] = "vor einer Minute",
        ["DateHumanize_SingleMinuteFromNow"] = "in einer Minute",
        ["DateHumanize_MultipleMinutesAgo"] = "vor {0} Minuten",
        ["DateHumanize_MultipleMinutesFromNow"] = "in {0} Minuten",
        ["DateHumanize_SingleHourAgo"] = "vor einer Stunde",
        ["DateHumanize_SingleHourFromNow"] = "in einer Stunde",
        ["DateHumanize_MultipleHoursAgo"] = "vor {0} Stunden",
        ["DateHumanize_MultipleHoursFromNow"] = "in {0} Stunden",
        ["DateHumanize_SingleDayAgo"] = "gestern",
        ["DateHumanize_SingleDayFromNow"] = "morgen",
        ["DateHumanize_MultipleDaysAgo"] = "vor {0} Tagen",
        ["DateHumanize_MultipleDaysFromNow"] = "in {0} Tagen",
        ["DateHumanize_SingleMonthAgo"] = "vor einem Monat",
        ["DateHumanize_SingleMonthFromNow"] = "in einem Monat",
        ["DateHumanize_MultipleMonthsAgo"] = "vor {0} Monaten",
        ["DateHumanize_MultipleMonthsFromNow"] = "in {0} Monaten",
        ["DateHumanize_SingleYearAgo"] = "vor einem Jahr",
        ["DateHumanize_SingleYearFromNow"] = "in einem Jahr",
        ["DateHumanize_MultipleYearsAgo"] = "vor {0} Jahren",
        ["DateHumanize_MultipleYearsFromNow"] = "in {0} Jahren",

        ["TimeSpanHumanize_Zero"] = "keine Zeit",
        ["TimeSpanHumanize_SingleMillisecond"] = "1 Millisekunde",
        ["TimeSpanHumanize_SingleMillisecond_Words"] = "eine Millisekunde",
        ["TimeSpanHumanize_MultipleMilliseconds"] = "{0} Millisekunden",
        ["TimeSpanHumanize_SingleSecond"] = "1 Sekunde",
        ["TimeSpanHumanize_SingleSecond_Words"] = "eine Sekunde",
        ["TimeSpanHumanize_MultipleSeconds"] = "{0} Sekunden",
        ["TimeSpanHumanize_SingleMinute"] = "1 Minute",
        ["TimeSpanHumanize_SingleMinute_Words"] = "eine Minute",
        ["TimeSpanHumanize_MultipleMinutes"] = "{0} Minuten",
        ["TimeSpanHumanize_SingleHour"] = "1 Stunde",
        ["TimeSpanHumanize_SingleHour_Words"] = "eine Stunde",
        ["TimeSpanHumanize_MultipleHours"] = "{0} Stunden",
        ["TimeSpanHumanize_SingleDay"] = "1 Tag",
        ["TimeSpanHumanize_SingleDay_Words"] = "ein Tag",
        ["TimeSpanHumanize_MultipleDays"] = "{0} Tage",
        ["TimeSpanHumanize_SingleWeek"] = "1 Woche",
        ["TimeSpanHumanize_SingleWeek_Words"] = "eine Woche",
        ["TimeSpanHumanize_MultipleWeeks"] = "{0} Wochen",
        ["TimeSpanHumanize_SingleMonth"] = "1 Monat",
        ["TimeSpanHumanize_SingleMonth_Words"] = "ein Monat",
        ["TimeSpanHumanize_MultipleMonths"] = "{0} Monate",
        ["TimeSpanHumanize_SingleYear"] = "1 Jahr",
        ["TimeSpanHumanize_SingleYear_Words"] = "ein Jahr",
        ["TimeSpanHumanize_MultipleYears"] = "{0} Jahre",

        ["TimeUnit_Week"] = "Wo.",
        ["TimeUnit_Month"] = "Mon.",
        ["TimeUnit_Year"] = "J.",

        ["DataUnit_Bit"] = "Bit",
        ["DataUnit_Byte"] = "Byte",
        ["DataUnit_Kilobyte"] = "Kilobyte",
        ["DataUnit_Megabyte"] = "Megabyte",
        ["DataUnit_Gigabyte"] = "Gigabyte",
        ["DataUnit_Terabyte"] = "Terabyte",
    }.ToFrozenDictionary();

    // Humanizer appends an English plural "s" to data units; German ones take none. Humanizer's own German
    // formatter, which this one replaces for "de", drops it the same way.
    public override string DataUnitHumanize(DataUnit dataUnit, double count, bool toSymbol = true) =>
        base.DataUnitHumanize(dataUnit, count, toSymbol).TrimEnd('s');

    protected override string Format(string resourceKey) =>
        German.TryGetValue(GetResourceKey(resourceKey), out var text) ? text : base.Format(resourceKey);

    protected override string Format(string resourceKey, int number, bool toWords = false) =>
        German.TryGetValue(GetResourceKey(resourceKey, number), out var template)
            ? string.Format(culture, template, toWords ? number.ToWords(culture) : number)
            : base.Format(resourceKey, number, toWords);
}
