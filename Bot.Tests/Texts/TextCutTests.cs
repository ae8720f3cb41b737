using System.Globalization;
using Bot.Texts;

namespace Bot.Tests.Texts;

/// <summary>Text shortened for quoting or for a column keeps whole characters as people see them: never half an emoji,
/// half a flag, a family without its child or a letter without its accent.</summary>
public sealed class TextCutTests
{
    private const string Family = "👨‍👩‍👧";
    private const string Flag = "🇩🇪";
    private const string ThumbsUpMediumSkin = "👍🏽";

    [Fact]
    public void Quote_PutsWhatWasTypedOnOneLine_AndKeepsFortyCharactersOfIt()
    {
        Assert.Equal("Kreis Nord am Montag", TextCut.Quote("Kreis Nord\n  am\tMontag "));
        Assert.Equal(new string('a', 40) + "…", TextCut.Quote(new string('a', 42)));
        Assert.Equal(new string('a', 39) + "…", TextCut.Quote(new string('a', 39) + Flag + "b"));
        Assert.Equal("", TextCut.Quote(null));
    }

    [Fact]
    public void SurrogatePairAtTheCut_IsLeftOutWhole()
    {
        Assert.Equal("abc…", TextCut.Shorten("abc👍def", 5));
        Assert.Equal("abc", TextCut.Fit("abc👍def", 4));
        Assert.Equal("abc👍", TextCut.Fit("abc👍def", 5));
    }

    [Fact]
    public void Flag_IsNeverHalved()
    {
        // The first half alone shows as a boxed letter D instead of the German flag.
        Assert.Equal("ab", TextCut.Fit("ab" + Flag + "cd", 4));
        Assert.Equal("ab…", TextCut.Shorten("ab" + Flag + "cd", 6));
        Assert.Equal("ab" + Flag, TextCut.Fit("ab" + Flag + "cd", 6));
    }

    [Fact]
    public void FamilyJoinedByZwj_StaysTogether()
    {
        Assert.Equal(8, Family.Length);

        Assert.Equal("Hi ", TextCut.Fit("Hi " + Family + "!", 8));
        Assert.Equal("Hi …", TextCut.Shorten("Hi " + Family + "!", 10));
        Assert.Equal("Hi " + Family, TextCut.Fit("Hi " + Family + "!", 11));
    }

    [Fact]
    public void CombiningAccent_StaysWithItsLetter()
    {
        var cafe = "Cafe\u0301 au lait";

        Assert.Equal("Caf", TextCut.Fit(cafe, 4));
        Assert.Equal("Caf…", TextCut.Shorten(cafe, 5));
        Assert.Equal("Cafe\u0301", TextCut.Fit(cafe, 5));
    }

    [Fact]
    public void SkinTone_StaysWithItsEmoji()
    {
        Assert.Equal("ok ", TextCut.Fit("ok " + ThumbsUpMediumSkin + " fine", 5));
        Assert.Equal("ok …", TextCut.Shorten("ok " + ThumbsUpMediumSkin + " fine", 6));
    }

    [Fact]
    public void TextExactlyAtTheLimit_IsKeptWhole_WithoutEllipsis()
    {
        Assert.Equal("ab👍", TextCut.Shorten("ab👍", 4));
        Assert.Equal("ab👍", TextCut.Fit("ab👍", 4));
        Assert.Equal("abcd…", TextCut.Shorten("abcdef", 5));
    }

    [Fact]
    public void ShorterText_IsReturnedUnchanged()
    {
        var text = "Kreisverband " + Flag;

        Assert.Same(text, TextCut.Shorten(text, 40));
        Assert.Same(text, TextCut.Fit(text, 40));
        Assert.Equal("", TextCut.Shorten("", 1));
    }

    [Fact]
    public void OtherEllipsis_CountsTowardsTheLimit()
    {
        Assert.Equal("abc...", TextCut.Shorten("abcdefgh", 6, "..."));
    }

    [Fact]
    public void ClusterLongerThanTheLimit_IsCutBetweenCodePoints_NeverInsideAPair()
    {
        // 👨‍👩‍👧‍👨‍👩‍👧…: one cluster of 62 units; 👨 ZWJ 👩 ZWJ 👧 ZWJ is 9 units, and the 10th is half of the next 👨.
        var chain = string.Join('\u200D', Enumerable.Repeat(Family, 7));
        Assert.Equal(1, new StringInfo(chain).LengthInTextElements);

        Assert.Equal(chain[..9], TextCut.Fit(chain, 10));
        Assert.Equal(chain[..9] + "…", TextCut.Shorten(chain, 11));
        Assert.Equal(chain[..8], TextCut.Fit(chain, 8));
        Assert.Equal("", TextCut.Fit(chain, 0));
    }

    [Fact]
    public void ClusterLongerThanTheLimit_AfterOthers_IsLeftOutWhole()
    {
        var chain = string.Join('\u200D', Enumerable.Repeat(Family, 7));

        Assert.Equal("ab…", TextCut.Shorten("ab" + chain, 20));
    }

    [Fact]
    public void EveryLimit_GivesAValidBeginningNoLongerThanTheLimit()
    {
        var text = "Grüße " + Flag + " an " + Family + ", Cafe\u0301 " + ThumbsUpMediumSkin + "👍x";
        for (var max = 1; max <= text.Length + 1; max++)
        {
            var fitted = TextCut.Fit(text, max);
            var shortened = TextCut.Shorten(text, max);

            Assert.True(fitted.Length <= max, $"Fit to {max} gave {fitted.Length} units");
            Assert.True(shortened.Length <= max, $"Shorten to {max} gave {shortened.Length} units");
            Assert.StartsWith(fitted, text, StringComparison.Ordinal);
            var kept = shortened == text ? text : shortened[..^1];
            Assert.StartsWith(kept, text, StringComparison.Ordinal);
            Assert.False(HasLoneSurrogate(fitted) || HasLoneSurrogate(shortened), $"half an emoji at {max}");
            Assert.True(IsClusterBoundary(text, fitted.Length), $"Fit to {max} cut inside a cluster");
            Assert.True(IsClusterBoundary(text, kept.Length), $"Shorten to {max} cut inside a cluster");
        }
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsClusterBoundary(string text, int index)
    {
        var at = 0;
        while (at < index)
        {
            at += StringInfo.GetNextTextElementLength(text.AsSpan(at));
        }

        return at == index;
    }
}
