using Bot.Telegram;
using Microsoft.Extensions.Options;

namespace Bot.Hosting;

/// <summary>The checks data annotations cannot express; a bad value stops the start with a message naming the key.</summary>
internal sealed class BotOptionsValidator : IValidateOptions<BotOptions>
{
    public ValidateOptionsResult Validate(string? name, BotOptions options)
    {
        var errors = new List<string>();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
        {
            errors.Add($"Bot:TimeZone '{options.TimeZone}' is not a known time zone (e.g. Europe/Berlin).");
        }

        if (options.ReminderLeadTimes.Any(t => t <= TimeSpan.Zero || t > TimeSpan.FromDays(60)))
        {
            errors.Add("Bot:ReminderLeadTimes must be positive and at most 60 days, e.g. [\"1.00:00:00\", \"02:00:00\"].");
        }

        if (options.Admins.Any(id => id <= 0))
        {
            errors.Add("Bot:Admins must hold Telegram user ids (positive numbers).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

internal sealed class TelegramOptionsValidator : IValidateOptions<TelegramOptions>
{
    public ValidateOptionsResult Validate(string? name, TelegramOptions options)
    {
        var errors = new List<string>();
        // The message never quotes the secret either. Telegram refuses any other secret at setWebhook.
        if (options.Mode == UpdateMode.Webhook && !IsWebhookSecret(options.WebhookSecret))
        {
            errors.Add("Telegram:Mode 'Webhook' needs Telegram:WebhookSecret: 1-256 characters of A-Z, a-z, 0-9, _ and - "
                + "(e.g. from `openssl rand -hex 32`). Telegram sends it back with every update, so strangers cannot post updates.");
        }

        // The message never quotes the token: it is a secret, and start-up errors are printed.
        if (options.BotToken.Length > 0 && !LooksLikeToken(options.BotToken))
        {
            errors.Add("Telegram:BotToken does not look like a token from @BotFather (<digits>:<text>, e.g. 123456789:AA...).");
        }

        // Telegram.Bot keeps only scheme, host and port: a path would be dropped without a word.
        if (Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var baseUrl) && baseUrl.AbsolutePath != "/")
        {
            errors.Add($"Telegram:ApiBaseUrl '{options.ApiBaseUrl}' must be scheme, host and port only, without a path (e.g. http://localhost:8081).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsWebhookSecret(string? secret) =>
        secret is { Length: >= 1 and <= 256 } && secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    private static bool LooksLikeToken(string token)
    {
        var colon = token.IndexOf(':', StringComparison.Ordinal);
        return colon is >= 1 and <= 16 && colon < token.Length - 1 && token[..colon].All(char.IsAsciiDigit);
    }
}
