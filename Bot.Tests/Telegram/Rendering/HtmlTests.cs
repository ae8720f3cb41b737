using System.Globalization;
using Bot.Telegram.Rendering;

namespace Bot.Tests.Telegram.Rendering;

public sealed class HtmlTests
{
    [Fact]
    public void Escape_AllFourSpecialCharacters_BecomeEntities() =>
        Assert.Equal("a &amp; b &lt;c&gt; &quot;d&quot;", Html.Escape("a & b <c> \"d\""));

    [Fact]
    public void Escape_PlainText_IsReturnedUnchanged()
    {
        var text = "Stammtisch im Ratskeller";

        Assert.Same(text, Html.Escape(text));
    }

    [Fact]
    public void Text_EscapesUserText() =>
        Assert.Equal("&lt;script&gt;", Html.Text("<script>").Value);

    [Fact]
    public void Raw_KeepsMarkup() =>
        Assert.Equal("<b>x</b>", Html.Raw("<b>x</b>").Value);

    [Fact]
    public void Default_IsEmptyMarkup() =>
        Assert.Equal(string.Empty, default(Html).Value);

    [Fact]
    public void Format_LiteralsAreMarkup_ValuesAreEscaped()
    {
        var title = "Fish & Chips <3";
        var place = "\"Zum Anker\"";

        var html = Html.Format($"<b>{title}</b> at {place}");

        Assert.Equal("<b>Fish &amp; Chips &lt;3</b> at &quot;Zum Anker&quot;", html.Value);
    }

    [Fact]
    public void Format_HtmlValue_IsInsertedAsIs()
    {
        var title = Html.Bold("A & B");

        var html = Html.Format($"Event: {title}");

        Assert.Equal("Event: <b>A &amp; B</b>", html.Value);
    }

    [Fact]
    public void Format_NullValue_IsEmpty()
    {
        string? missing = null;

        Assert.Equal("[]", Html.Format($"[{missing}]").Value);
    }

    [Fact]
    public void Format_NumbersAndDates_UseInvariantCultureByDefault()
    {
        var price = 1234.5m;
        var day = new DateOnly(2025, 3, 9);

        var html = Html.Format($"{price:N2} on {day:d}");

        Assert.Equal("1,234.50 on 03/09/2025", html.Value);
    }

    [Fact]
    public void Format_WithProvider_FormatsValuesInThatCulture()
    {
        var price = 1234.5m;

        var html = Html.Format(CultureInfo.GetCultureInfo("de-DE"), $"{price:N2} €");

        Assert.Equal("1.234,50 €", html.Value);
    }

    [Fact]
    public void Format_FormattedValue_IsEscapedToo()
    {
        var when = new DateTime(2025, 1, 2);

        var html = Html.Format($"{when:'<'yyyy'>'}");

        Assert.Equal("&lt;2025&gt;", html.Value);
    }

    [Fact]
    public void Format_Alignment_PadsTextAndHtmlByVisibleLength()
    {
        var count = 7;
        var name = "a&b";
        var bold = Html.Bold("x");

        var html = Html.Format($"[{count,3}][{name,-5}][{bold,3}]");

        Assert.Equal("[  7][a&amp;b  ][  <b>x</b>]", html.Value);
    }

    [Fact]
    public void Join_EscapesAStringSeparator_AndKeepsMarkupSeparators()
    {
        Html[] parts = [Html.Bold("a"), Html.Text("b<")];

        Assert.Equal("<b>a</b> &amp; b&lt;", Html.Join(" & ", parts).Value);
        Assert.Equal("<b>a</b> <i>or</i> b&lt;", Html.Join(Html.Raw(" <i>or</i> "), parts).Value);
    }

    [Fact]
    public void TagHelpers_EscapeTheirText()
    {
        Assert.Equal("<b>&lt;b&gt;</b>", Html.Bold("<b>").Value);
        Assert.Equal("<i>1 &amp; 2</i>", Html.Italic("1 & 2").Value);
        Assert.Equal("<code>a&lt;b</code>", Html.Code("a<b").Value);
    }

    [Fact]
    public void Link_EscapesHrefAndText() =>
        Assert.Equal(
            "<a href=\"https://example.org/?a=1&amp;b=&quot;x&quot;\">Q&amp;A</a>",
            Html.Link("https://example.org/?a=1&b=\"x\"", "Q&A").Value);

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("<b>bold</b> and <i>italic</i>", "bold and italic")]
    [InlineData("a &amp; b &lt;c&gt; &quot;d&quot;", "a & b <c> \"d\"")]
    [InlineData("&#65;&#x42;&#X43;", "ABC")]
    [InlineData("&#x1F600;", "\U0001F600")]
    [InlineData("<a href=\"https://x.org/?q=a>b\">link</a>", "link")]
    [InlineData("<span class=\"tg-spoiler\">secret</span>", "secret")]
    [InlineData("&nbsp; &#xD800; &#0; & alone", "&nbsp; &#xD800; &#0; & alone")]
    public void Visible_StripsTagsAndDecodesEntities(string html, string visible) =>
        Assert.Equal(visible, Html.Visible(html));

    [Fact]
    public void Visible_OfEscapedText_IsTheText()
    {
        var text = "Fish & Chips <3 \"today\" \U0001F41F";

        Assert.Equal(text, Html.Visible(Html.Text(text).Value));
    }
}
