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
        if (options.Mode == UpdateMode.Webhook)
        {
            errors.Add("Telegram:Mode 'Webhook' is not available in this version; use 'Polling' (no public URL needed).");
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

    private static bool LooksLikeToken(string token)
    {
        var colon = token.IndexOf(':', StringComparison.Ordinal);
        return colon is >= 1 and <= 16 && colon < token.Length - 1 && token[..colon].All(char.IsAsciiDigit);
    }
}
