using Bot.Telegram;
using Bot.Telegram.Outbox;

namespace Bot.Tests.Privacy;

public sealed class PersonMentionsTests
{
    private static readonly PersonMentions Zelda = PersonMentions.For(73_105_577, ["Zelda Quinn"], ["zelda_q"]);

    [Fact]
    public void Html_NameInText_IsBlankedOut_AndTheMarkupStays()
    {
        Assert.Equal("• <b>[…]</b>, organizer", Zelda.InHtml("• <b>Zelda Quinn</b>, organizer"));
    }

    [Fact]
    public void Html_NameWithSpecialCharacters_IsFoundInItsEscapedForm()
    {
        var tom = PersonMentions.For(5, ["Tom & <Jerry>"], []);

        Assert.Equal("Hi […]!", tom.InHtml("Hi Tom &amp; &lt;Jerry&gt;!"));
    }

    [Fact]
    public void Html_UsernameIgnoresCase_WithOrWithoutAt()
    {
        Assert.Equal("[…] and […]", Zelda.InHtml("@Zelda_Q and zelda_q"));
    }

    [Fact]
    public void Html_LinkToTheProfile_LosesTheIdButKeepsItsTags()
    {
        Assert.Equal("<a href=\"tg://user?id=[…]\">[…]</a>", Zelda.InHtml("<a href=\"tg://user?id=73105577\">Zelda Quinn</a>"));
    }

    [Fact]
    public void Html_TagsNamedLikeThePerson_AreLeftAlone()
    {
        var b = PersonMentions.For(5, ["code"], ["blockquote"]);

        Assert.Equal("<code>x</code> […] <blockquote>[…]</blockquote>", b.InHtml("<code>x</code> code <blockquote>blockquote</blockquote>"));
    }

    [Fact]
    public void PartsOfLongerWordsAndNumbers_AreNotMentions()
    {
        Assert.Equal("Zelda Quinnsworth, zelda_queen, 173105577, 731055770", Zelda.InPlain("Zelda Quinnsworth, zelda_queen, 173105577, 731055770"));
        Assert.Equal("User[…] ([…])", Zelda.InPlain("User73105577 (73105577)"));
    }

    [Fact]
    public void OneLetterNames_AreTooCommonToBlankOut()
    {
        var a = PersonMentions.For(5, ["A"], []);

        Assert.Equal("A list", a.InPlain("A list"));
    }

    [Fact]
    public void Row_KeyboardAndDocument_AreBlankedOut_CallbackDataStays()
    {
        var row = new OutboxMessage
        {
            Kind = OutboxKind.SendDocument,
            Text = "{\"name\":\"Zelda Quinn\",\"escaped\":\"Zelda\\u0020Quinn\"}",
            Caption = "List with <i>Zelda Quinn</i>",
            ReplyMarkup = "{\"inline_keyboard\":[[{\"text\":\"Zelda Quinn\",\"callback_data\":\"1.r.5\"}]]}",
        };

        Assert.True(Zelda.Scrub(row));
        Assert.Equal("{\"name\":\"[…]\",\"escaped\":\"Zelda\\u0020Quinn\"}", row.Text);
        Assert.Equal("List with <i>[…]</i>", row.Caption);
        Assert.Contains("1.r.5", row.ReplyMarkup);
        Assert.DoesNotContain("Zelda", row.ReplyMarkup);
    }

    [Fact]
    public void Row_ThatNamesSomeoneElse_IsUnchanged()
    {
        var row = new OutboxMessage { Kind = OutboxKind.SendMessage, Text = "<b>Otto Brandt</b>", ReplyMarkup = "{\"inline_keyboard\":[[{\"text\":\"Otto\",\"callback_data\":\"1.r.5\"}]]}" };
        var markup = row.ReplyMarkup;

        Assert.False(Zelda.Scrub(row));
        Assert.Equal("<b>Otto Brandt</b>", row.Text);
        Assert.Same(markup, row.ReplyMarkup);
    }

    [Fact]
    public void CommandMenus_AreNotTouched()
    {
        var row = new OutboxMessage { Kind = OutboxKind.SetCommands, Text = "{\"commands\":[{\"command\":\"zelda_q\"}]}" };

        Assert.False(Zelda.Scrub(row));
    }
}
