using Bot.Commands.Callbacks;

namespace Bot.Tests.Commands.Callbacks;

public sealed class CallbackCodecTests
{
    [Fact]
    public void Encode_RouteNumbersAndTokens_IsCompact() =>
        Assert.Equal("1.rv.2s~yes", CallbackCodec.Encode(CallbackData.Of("rv", 100, "yes")));

    [Fact]
    public void Encode_RouteAlone_HasNoArguments() =>
        Assert.Equal("1.menu", CallbackCodec.Encode(CallbackData.Of("menu")));

    [Fact]
    public void RoundTrip_KeepsRouteAndEveryArgument()
    {
        var data = CallbackData.Of("rsvp2", 0L, 42, long.MaxValue, "yes", "A-b_9", 35);

        Assert.True(CallbackCodec.TryDecode(CallbackCodec.Encode(data), out var decoded));

        Assert.Equal(data, decoded);
        Assert.Equal("rsvp2", decoded.Route);
        Assert.Equal(6, decoded.ArgumentCount);
        Assert.True(decoded.TryGetLong(2, out var largest));
        Assert.Equal(long.MaxValue, largest);
        Assert.Equal("A-b_9", decoded.Token(4));
    }

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(35L, "z")]
    [InlineData(36L, "10")]
    [InlineData(long.MaxValue, "1y2p0ij32e8e7")]
    public void Numbers_AreLowerCaseBase36(long number, string digits)
    {
        var wire = CallbackCodec.Encode(CallbackData.Of("n", number));

        Assert.Equal("1.n." + digits, wire);
        Assert.True(CallbackCodec.TryDecode(wire, out var decoded));
        Assert.True(decoded.TryGetLong(0, out var value));
        Assert.Equal(number, value);
    }

    [Fact]
    public void NumberAndTokenWithTheSameCharacters_StayDistinct()
    {
        Assert.True(CallbackCodec.TryDecode("1.ev.abc~abc", out var data));

        Assert.True(data.TryGetLong(0, out var number));
        Assert.Equal(13368, number);
        Assert.Null(data.Token(0));
        Assert.False(data.TryGetLong(1, out _));
        Assert.Equal("abc", data.Token(1));
    }

    [Fact]
    public void Accessors_OutOfRange_FindNothing()
    {
        var data = CallbackData.Of("rv", 1);

        Assert.False(data.TryGetLong(1, out _));
        Assert.False(data.TryGetLong(-1, out _));
        Assert.Null(data.Token(5));
    }

    [Fact]
    public void SixtyFourBytes_Fit_SixtyFiveDoNot()
    {
        var fits = CallbackData.Of("abcdefgh", new string('t', 53));
        var tooLong = CallbackData.Of("abcdefgh", new string('t', 54));

        var wire = CallbackCodec.Encode(fits);

        Assert.Equal(64, wire.Length);
        Assert.True(CallbackCodec.TryDecode(wire, out var decoded));
        Assert.Equal(fits, decoded);
        Assert.Throws<ArgumentException>(() => CallbackCodec.Encode(tooLong));
        Assert.False(CallbackCodec.TryDecode(tooLong.ToString(), out _));
    }

    [Theory]
    [InlineData("Route")]
    [InlineData("")]
    [InlineData("toolong12")]
    [InlineData("r-v")]
    public void Of_BadRoute_Throws(string route) =>
        Assert.Throws<ArgumentException>(() => CallbackData.Of(route));

    [Fact]
    public void Of_BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CallbackData.Of("rv", -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => CallbackData.Of("rv", -1L));
        Assert.Throws<ArgumentException>(() => CallbackData.Of("rv", "two words"));
        Assert.Throws<ArgumentException>(() => CallbackData.Of("rv", ""));
        Assert.Throws<ArgumentException>(() => CallbackData.Of("rv", "grün"));
        Assert.Throws<ArgumentException>(() => CallbackData.Of("rv", 1.5));
        Assert.Throws<ArgumentException>(() => CallbackData.Of("rv", 1, 2, 3, 4, 5, 6, 7));
    }

    public static TheoryData<string?> Forged => new()
    {
        null,
        "",
        "1",
        "1.",
        ".",
        "...",
        "~~~",
        "1..",
        "1.rv.",
        "1.rv~",
        "1.rv..1",
        "1.rv~a~",
        "2.rv.1",
        "0.rv.1",
        "9.rv",
        "1rv.1",
        "1:rv:1",
        "1.RV.1",
        "1.r_v",
        "1.toolong12.1",
        "1.rv.-5",
        "1.rv.-1~a",
        "1.rv.1y2p0ij32e8e8",
        "1.rv.zzzzzzzzzzzzzz",
        "1.rv.01",
        "1.rv.00",
        "1.rv.A",
        "1.rv.1.2.3.4.5.6.7",
        "1.rv~a b",
        "1.rv.1 ",
        " 1.rv.1",
        "1.rv.1\n",
        "1.rv\u00001",
        "1.rv~grün",
        "1.rv~\U0001F642",
        "1.\u0440\u0432.1",
        "1.rv~'; DROP TABLE members;--",
        "' OR 1=1 --",
        "1.rv~<script>",
        "1.rv~" + new string('a', 60),
        new string('1', 200),
    };

    [Theory]
    [MemberData(nameof(Forged))]
    public void TryDecode_ForgedOrStale_IsRefusedWithoutThrowing(string? raw)
    {
        Assert.False(CallbackCodec.TryDecode(raw, out var data));
        Assert.Null(data);
    }
}
