using Bot.Domain.Chapters;

namespace Bot.Tests.Chapters;

public sealed class InviteCodeTests
{
    private const string UrlSafe = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    [Fact]
    public void NewCode_Is16UrlSafeCharacters_WhichCarry96Bits()
    {
        var code = Invite.NewCode();

        Assert.Equal(16, code.Length);
        Assert.All(code, c => Assert.Contains(c, UrlSafe));
        Assert.True(Invite.LooksLikeCode(code));
        Assert.True(16 * Math.Log2(UrlSafe.Length) >= 64);
    }

    [Fact]
    public void NewCodes_AreDistinct_AndEveryPositionVaries()
    {
        var codes = Enumerable.Range(0, 5000).Select(_ => Invite.NewCode()).ToList();

        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        // A fixed or barely varying position would mean fewer random bits than the length suggests: with 5000
        // draws each position should show nearly all 64 characters.
        for (var position = 0; position < 16; position++)
        {
            Assert.True(codes.Select(c => c[position]).Distinct().Count() >= 60, $"position {position} varies too little");
        }
    }

    [Fact]
    public void Payload_FitsTelegramsDeepLinkLimit()
    {
        var invite = new Invite { Code = Invite.NewCode() };

        Assert.StartsWith("join_", invite.Payload, StringComparison.Ordinal);
        Assert.InRange(invite.Payload.Length, 1, 64);
        Assert.Matches("^[A-Za-z0-9_-]+$", invite.Payload);
    }
}
