using System.Text;
using Bot.Telegram.Rendering;

namespace Bot.Tests.Telegram.Rendering;

public sealed class TextSplitterTests
{
    [Fact]
    public void Split_ShortText_ReturnsItself()
    {
        var html = "<b>Stammtisch</b>\nDonnerstag &amp; Freitag";

        Assert.Equal([html], TextSplitter.Split(html));
    }

    [Fact]
    public void Split_NothingVisible_GivesNoParts() =>
        Assert.Empty(TextSplitter.Split("<b></b>\n\n"));

    [Fact]
    public void Split_FiveThousandCharactersOfLines_CutsOnceAtALineBoundary()
    {
        var lines = Enumerable.Range(0, 100).Select(i => $"{i:D3} " + new string('x', 45)).ToList();
        var html = string.Join("\n", lines);
        Assert.Equal(4999, html.Length);

        var parts = TextSplitter.Split(html);

        Assert.Equal(2, parts.Count);
        AssertValidParts(html, parts, 4096);
        Assert.Equal(string.Join("\n", lines.Take(81)), parts[0]);
        Assert.Equal(string.Join("\n", lines.Skip(81)), parts[1]);
    }

    [Fact]
    public void Split_LinesThatFitExactly_UseTheWholeLimit()
    {
        var html = new string('a', 10) + "\n" + new string('b', 10);

        var parts = TextSplitter.Split(html, limit: 10);

        Assert.Equal([new string('a', 10), new string('b', 10)], parts);
    }

    [Fact]
    public void Split_TenThousandCharactersWithoutSpaces_CutsHardAtTheLimit()
    {
        var html = string.Concat(Enumerable.Range(0, 10_000).Select(i => (char)('a' + i % 26)));

        var parts = TextSplitter.Split(html);

        Assert.Equal([4096, 4096, 1808], parts.Select(part => part.Length));
        AssertValidParts(html, parts, 4096);
    }

    [Fact]
    public void Split_FlagsWithoutSpaces_CutsBetweenWholeFlags()
    {
        // At the limit the third German flag would be cut in two: a boxed D ending one message, an E starting the next.
        var html = string.Concat(Enumerable.Repeat("🇩🇪", 3));

        var parts = TextSplitter.Split(html, limit: 10);

        Assert.Equal(["🇩🇪🇩🇪", "🇩🇪"], parts);
        AssertValidParts(html, parts, 10);
    }

    [Fact]
    public void Split_AccentWrittenAsAnEntity_StaysWithItsLetter()
    {
        var html = "abcde&#769;f";

        var parts = TextSplitter.Split(html, limit: 5);

        Assert.Equal(["abcd", "e&#769;f"], parts);
        AssertValidParts(html, parts, 5);
    }

    [Fact]
    public void Split_ClusterLongerThanTheLimit_IsCutBetweenCodePoints()
    {
        var family = "👨\u200D👩\u200D👧";

        var parts = TextSplitter.Split(family, limit: 4);

        Assert.Equal(["👨\u200D", "👩\u200D", "👧"], parts);
        AssertValidParts(family, parts, 4);
    }

    [Fact]
    public void Split_LongLineWithSpaces_CutsAfterTheLastSpaceThatFits()
    {
        var html = "one two three four";

        var parts = TextSplitter.Split(html, limit: 9);

        Assert.Equal(["one two ", "three ", "four"], parts);
        AssertValidParts(html, parts, 9);
    }

    [Fact]
    public void Split_LongLineAfterShortLines_KeepsTheShortLinesTogether()
    {
        var html = "ab\ncd\n" + new string('x', 12);

        var parts = TextSplitter.Split(html, limit: 8);

        Assert.Equal(["ab\ncd", "xxxxxxxx", "xxxx"], parts);
    }

    [Fact]
    public void Split_BoldAcrossTheCut_IsClosedAndReopened()
    {
        var html = "Start <b>" + new string('a', 3000) + "\n" + new string('b', 3000) + "</b> end";

        var parts = TextSplitter.Split(html);

        Assert.Equal("Start <b>" + new string('a', 3000) + "</b>", parts[0]);
        Assert.Equal("<b>" + new string('b', 3000) + "</b> end", parts[1]);
        AssertValidParts(html, parts, 4096);
    }

    [Fact]
    public void Split_NestedTagsWithAttributes_AreReopenedWithTheirAttributes()
    {
        var html = "<a href=\"https://x.org/?a=1&amp;b=2\"><i>abcdef ghijkl</i></a>";

        var parts = TextSplitter.Split(html, limit: 8);

        Assert.Equal(
            [
                "<a href=\"https://x.org/?a=1&amp;b=2\"><i>abcdef </i></a>",
                "<a href=\"https://x.org/?a=1&amp;b=2\"><i>ghijkl</i></a>",
            ],
            parts);
    }

    [Fact]
    public void Split_TagsBetweenParts_AreNotLeftEmpty()
    {
        var html = "<b>aaaa</b>\n\n<i>bbbb</i>";

        var parts = TextSplitter.Split(html, limit: 5);

        Assert.Equal(["<b>aaaa</b>", "<i>bbbb</i>"], parts);
    }

    [Fact]
    public void Split_EntitiesNearTheLimit_CountAsOneCharacterAndStayWhole()
    {
        var html = new string('x', 4094) + "&lt;&amp;&gt;&#x1F600;" + new string('y', 100);

        var parts = TextSplitter.Split(html);

        Assert.Equal(new string('x', 4094) + "&lt;&amp;", parts[0]);
        Assert.StartsWith("&gt;&#x1F600;yyy", parts[1]);
        AssertValidParts(html, parts, 4096);
    }

    [Fact]
    public void Split_EmojiAtTheLimit_IsNotCutBetweenItsSurrogates()
    {
        var html = new string('a', 4095) + "\U0001F600" + new string('b', 10);

        var parts = TextSplitter.Split(html);

        Assert.Equal(new string('a', 4095), parts[0]);
        Assert.Equal("\U0001F600" + new string('b', 10), parts[1]);
        AssertValidParts(html, parts, 4096);
    }

    [Fact]
    public void Split_BlankLinesAtTheCut_AreDropped()
    {
        var html = "\n\nfirst line\n\n\n\nsecond line\n\n";

        var parts = TextSplitter.Split(html, limit: 12);

        Assert.Equal(["first line", "second line"], parts);
        AssertValidParts(html, parts, 12);
    }

    [Fact]
    public void Split_MixedLongText_KeepsEveryVisibleCharacter()
    {
        var random = new Random(42);
        var html = new StringBuilder();
        for (var i = 0; i < 400; i++)
        {
            html.Append(random.Next(6) switch
            {
                0 => "<b>bold words here</b> ",
                1 => "<i>italic <u>and underlined</u></i> ",
                2 => "&amp;&lt;&gt; ",
                3 => "\U0001F600\U0001F389 ",
                4 => "\n",
                _ => new string('w', random.Next(1, 60)),
            });
        }

        foreach (var limit in new[] { 37, 100, 1000 })
        {
            AssertValidParts(html.ToString(), TextSplitter.Split(html.ToString(), limit), limit);
        }
    }

    [Fact]
    public void Split_LimitBelowTwo_IsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TextSplitter.Split("abc", limit: 1));

    // Every part fits, shows something, is balanced HTML, and the parts with the dropped newlines between them are
    // the original text.
    private static void AssertValidParts(string html, IReadOnlyList<string> parts, int limit)
    {
        var original = Html.Visible(html);
        var position = 0;
        foreach (var part in parts)
        {
            var visible = Html.Visible(part);
            Assert.InRange(visible.Length, 1, limit);
            Assert.False(char.IsLowSurrogate(visible[0]), "a part starts with half a surrogate pair");
            Assert.False(char.IsHighSurrogate(visible[^1]), "a part ends with half a surrogate pair");
            AssertBalanced(part);

            while (position < original.Length && original[position] == '\n' && !visible.StartsWith('\n')) position++;
            Assert.Equal(visible, original.Substring(position, Math.Min(visible.Length, original.Length - position)));
            position += visible.Length;
        }
        Assert.Equal(string.Empty, original[position..].Trim('\n'));
    }

    private static void AssertBalanced(string part)
    {
        var open = new Stack<string>();
        var i = 0;
        while ((i = part.IndexOf('<', i)) >= 0)
        {
            var end = part.IndexOf('>', i);
            Assert.True(end > i, $"unterminated tag in {part}");
            var tag = part[(i + 1)..end];
            if (tag.StartsWith('/')) Assert.Equal(open.Pop(), tag[1..]);
            else open.Push(tag.Split(' ')[0]);
            i = end + 1;
        }
        Assert.Empty(open);
    }
}
