namespace Bot.Telegram.Api;

/// <summary>Masks the bot token in text bound for a log or an error: the token is part of every request URL,
/// and exception messages of the HTTP stack may quote that URL.</summary>
public sealed class TokenRedactor(string token)
{
    public const string Mask = "***";

    // The part after the colon is the secret; the bot id before it is public. Masking the secret on its own as
    // well catches text that split the token or escaped the colon.
    private readonly string[] secrets = Secrets(token);

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        foreach (var secret in secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.OrdinalIgnoreCase);
        }

        return text;
    }

    private static string[] Secrets(string token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return [];
        }

        var colon = token.IndexOf(':', StringComparison.Ordinal);
        var secret = colon >= 0 ? token[(colon + 1)..] : token;
        return new[] { token, Uri.EscapeDataString(token), secret, Uri.EscapeDataString(secret) }
            .Where(s => s.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)
            .ToArray();
    }
}
