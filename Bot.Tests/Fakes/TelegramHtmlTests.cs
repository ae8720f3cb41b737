namespace Bot.Tests.Fakes;

public sealed class TelegramHtmlTests
{
    [Fact]
    public void Parse_PlainText_IsShownAsItIs()
    {
        Assert.Equal("Stammtisch am Freitag", TelegramHtml.VisibleText("Stammtisch am Freitag"));
    }

    [Fact]
    public void Parse_NestedTags_ShowTheTextAndReportEachEntity()
    {
        var result = TelegramHtml.Parse("<b>Fett <i>und kursiv</i></b> <a href=\"https://example.org/?a=1&amp;b=2\">Link</a>");

        Assert.True(result.IsValid, result.Error);
        Assert.Equal("Fett und kursiv Link", result.Text);
        Assert.Equal(
            [new TextEntity("bold", 0, 15), new TextEntity("italic", 5, 10), new TextEntity("text_link", 16, 4) { Url = "https://example.org/?a=1&b=2" }],
            result.Entities);
    }

    [Theory]
    [InlineData("<strong>a</strong>", "bold")]
    [InlineData("<em>a</em>", "italic")]
    [InlineData("<ins>a</ins>", "underline")]
    [InlineData("<del>a</del>", "strikethrough")]
    [InlineData("<span class=\"tg-spoiler\">a</span>", "spoiler")]
    [InlineData("<tg-spoiler>a</tg-spoiler>", "spoiler")]
    [InlineData("<pre>a</pre>", "pre")]
    [InlineData("<code>a</code>", "code")]
    [InlineData("<blockquote>a</blockquote>", "blockquote")]
    [InlineData("<blockquote expandable>a</blockquote>", "expandable_blockquote")]
    [InlineData("<tg-emoji emoji-id=\"5368324170671202286\">a</tg-emoji>", "custom_emoji")]
    [InlineData("<B>a</B>", "bold")]
    public void Parse_DocumentedTag_GivesItsEntity(string html, string type)
    {
        var result = TelegramHtml.Parse(html);

        Assert.True(result.IsValid, result.Error);
        Assert.Equal(type, Assert.Single(result.Entities).Type);
    }

    [Fact]
    public void Parse_CodeInsidePre_KeepsTheLanguage()
    {
        var result = TelegramHtml.Parse("<pre><code class=\"language-csharp\">var x = 1;</code></pre>");

        Assert.Equal("csharp", result.Entities.Single(e => e.Type == "code").Language);
    }

    [Theory]
    [InlineData("Treffen <Ort folgt>")]
    [InlineData("a < b")]
    [InlineData("a > b")]
    [InlineData("Kaffee & Kuchen")]
    [InlineData("Kaffee &nbsp; Kuchen")]
    [InlineData("&#xD800;")]
    public void Parse_StrayCharacter_IsRefused(string html)
    {
        Assert.False(TelegramHtml.Parse(html).IsValid);
    }

    [Theory]
    [InlineData("<b>fett")]
    [InlineData("fett</b>")]
    [InlineData("<b><i>crossed</b></i>")]
    [InlineData("<b>fett</strong>")]
    [InlineData("<b")]
    [InlineData("<br>")]
    [InlineData("<div>block</div>")]
    [InlineData("<span>plain span</span>")]
    [InlineData("<tg-emoji>no id</tg-emoji>")]
    public void Parse_BadMarkup_IsRefused(string html)
    {
        Assert.False(TelegramHtml.Parse(html).IsValid);
    }

    [Fact]
    public void Parse_CrossedTags_NamesWhatItExpected()
    {
        var error = TelegramHtml.Parse("<b><i>x</b></i>").Error;

        Assert.Equal("Unmatched end tag at byte offset 7, expected \"</i>\", found \"</b>\"", error);
    }

    [Fact]
    public void Parse_ErrorOffset_CountsUtf8Bytes()
    {
        var error = TelegramHtml.Parse("ä<").Error;

        Assert.Contains("byte offset 2", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("&lt;&gt;&amp;&quot;", "<>&\"")]
    [InlineData("&#228;&#xE4;&#XE4;", "äää")]
    [InlineData("&#128512;", "😀")]
    public void Parse_Entities_AreDecoded(string html, string text)
    {
        Assert.Equal(text, TelegramHtml.VisibleText(html));
    }

    [Fact]
    public void Parse_Length_CountsUtf16UnitsOfTheVisibleText()
    {
        var text = TelegramHtml.VisibleText("<b>😀</b> &amp;");

        Assert.Equal(4, text.Length);
    }

    [Fact]
    public void Parse_EmptyTag_GivesNoEntity()
    {
        Assert.Empty(TelegramHtml.Parse("a<b></b>").Entities);
    }

    [Fact]
    public void VisibleText_OfBadMarkup_ThrowsWithTheReason()
    {
        var error = Assert.Throws<FormatException>(() => TelegramHtml.VisibleText("<b>x"));

        Assert.Contains("\"b\"", error.Message, StringComparison.Ordinal);
    }
}
