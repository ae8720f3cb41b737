using Bot.Telegram.Api;

namespace Bot.Tests.Telegram;

public sealed class TokenRedactorTests
{
    private const string Token = "123456789:AAE-secret_part";

    [Theory]
    [InlineData("POST https://api.telegram.org/bot123456789:AAE-secret_part/sendMessage")]
    [InlineData("POST https://api.telegram.org/bot123456789%3AAAE-secret_part/sendMessage")]
    [InlineData("the secret alone: AAE-secret_part")]
    public void Redact_TextWithTheToken_MasksIt(string text)
    {
        var redacted = new TokenRedactor(Token).Redact(text);

        Assert.DoesNotContain("AAE-secret_part", redacted, StringComparison.Ordinal);
        Assert.Contains(TokenRedactor.Mask, redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_WithoutToken_LeavesTextAlone()
    {
        Assert.Equal("Connection refused", new TokenRedactor("").Redact("Connection refused"));
    }
}
