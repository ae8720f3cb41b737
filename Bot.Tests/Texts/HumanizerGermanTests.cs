using System.Globalization;
using Humanizer;

namespace Bot.Tests.Texts;

/// <summary>Relative times on event cards and invites come from Humanizer's German satellite assembly
/// (Humanizer.Core.de): these fail if it is not deployed beside the bot.</summary>
public sealed class HumanizerGermanTests
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly DateTime Now = new(2025, 5, 14, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(3 * 24 * 60, "in 3 Tagen")]
    [InlineData(-3 * 24 * 60, "vor 3 Tagen")]
    [InlineData(24 * 60, "morgen")]
    [InlineData(-24 * 60, "gestern")]
    [InlineData(-2 * 60, "vor 2 Stunden")]
    [InlineData(60, "in einer Stunde")]
    [InlineData(5, "in 5 Minuten")]
    [InlineData(0, "jetzt")]
    public void DateTime_InGerman_IsRelativeInGerman(int minutes, string expected) =>
        Assert.Equal(expected, Now.AddMinutes(minutes).Humanize(utcDate: true, dateToCompareAgainst: Now, culture: German));

    [Fact]
    public void OtherGermanCultures_AreGermanToo() =>
        Assert.Equal("in 3 Tagen", Now.AddDays(3).Humanize(utcDate: true, dateToCompareAgainst: Now, culture: CultureInfo.GetCultureInfo("de-AT")));

    [Fact]
    public void English_StaysEnglish()
    {
        Assert.Equal("3 days from now", Now.AddDays(3).Humanize(utcDate: true, dateToCompareAgainst: Now, culture: English));
        Assert.Equal("yesterday", Now.AddDays(-1).Humanize(utcDate: true, dateToCompareAgainst: Now, culture: English));
    }
}
