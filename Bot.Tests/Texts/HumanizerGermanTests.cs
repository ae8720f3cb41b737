using System.Globalization;
using Bot.Texts;
using Humanizer;
using Humanizer.Bytes;
using Humanizer.Localisation;

namespace Bot.Tests.Texts;

public sealed class HumanizerGermanTests
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");
    private static readonly DateTime Now = new(2025, 5, 14, 12, 0, 0, DateTimeKind.Utc);

    public HumanizerGermanTests() => HumanizerGerman.Register();

    [Theory]
    [InlineData(3 * 24 * 60, "in 3 Tagen")]
    [InlineData(-3 * 24 * 60, "vor 3 Tagen")]
    [InlineData(24 * 60, "morgen")]
    [InlineData(-24 * 60, "gestern")]
    [InlineData(-2 * 60, "vor 2 Stunden")]
    [InlineData(60, "in einer Stunde")]
    [InlineData(-1, "vor einer Minute")]
    [InlineData(5, "in 5 Minuten")]
    [InlineData(0, "jetzt")]
    [InlineData(40 * 24 * 60, "in einem Monat")]
    [InlineData(-800 * 24 * 60, "vor 2 Jahren")]
    public void DateTime_InGerman_IsRelativeInGerman(int minutes, string expected) =>
        Assert.Equal(expected, Now.AddMinutes(minutes).Humanize(utcDate: true, dateToCompareAgainst: Now, culture: German));

    [Fact]
    public void DateTimeOffset_InGerman_IsRelativeInGerman()
    {
        var now = new DateTimeOffset(Now);

        Assert.Equal("vor 2 Stunden", now.AddHours(-2).Humanize(now, German));
    }

    [Fact]
    public void OtherGermanCultures_AreGermanToo() =>
        Assert.Equal("in 3 Tagen", Now.AddDays(3).Humanize(dateToCompareAgainst: Now, culture: CultureInfo.GetCultureInfo("de-AT")));

    [Theory]
    [InlineData(3 * 24 * 60, "3 Tage")]
    [InlineData(24 * 60, "1 Tag")]
    [InlineData(60, "1 Stunde")]
    [InlineData(2, "2 Minuten")]
    [InlineData(14 * 24 * 60, "2 Wochen")]
    public void TimeSpan_InGerman_IsADurationInGerman(int minutes, string expected) =>
        Assert.Equal(expected, TimeSpan.FromMinutes(minutes).Humanize(culture: German));

    [Fact]
    public void TimeSpan_InGermanWords_UsesGermanNumbers()
    {
        Assert.Equal("drei Tage", TimeSpan.FromDays(3).Humanize(culture: German, toWords: true));
        Assert.Equal("eine Stunde", TimeSpan.FromHours(1).Humanize(culture: German, toWords: true));
        Assert.Equal("keine Zeit", TimeSpan.Zero.Humanize(culture: German, toWords: true));
    }

    [Fact]
    public void TimeSpan_WithPrecision_JoinsGermanParts() =>
        Assert.Equal("1 Tag, 2 Stunden", new TimeSpan(1, 2, 0, 0).Humanize(precision: 2, culture: German));

    [Fact]
    public void TimeUnitSymbols_InGerman_AreGermanAbbreviations() =>
        Assert.Equal("Wo.", TimeUnit.Week.ToSymbol(German));

    [Fact]
    public void DataUnits_InGerman_HaveNoEnglishPlural() =>
        Assert.Equal("3 Kilobyte", ByteSize.FromKilobytes(3).ToFullWords(provider: German));

    [Fact]
    public void English_IsUnchanged()
    {
        Assert.Equal("3 days from now", Now.AddDays(3).Humanize(dateToCompareAgainst: Now, culture: English));
        Assert.Equal("yesterday", Now.AddDays(-1).Humanize(dateToCompareAgainst: Now, culture: English));
        Assert.Equal("3 days", TimeSpan.FromDays(3).Humanize(culture: English));
    }

    [Fact]
    public void Register_Twice_StillGerman()
    {
        HumanizerGerman.Register();

        Assert.Equal("gestern", Now.AddDays(-1).Humanize(dateToCompareAgainst: Now, culture: German));
    }
}
