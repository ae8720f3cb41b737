using System.ComponentModel.DataAnnotations;

namespace Bot.Telegram;

/// <summary>How the bot receives updates: by long polling (no public URL needed) or by webhook.</summary>
public enum UpdateMode
{
    Polling,
    Webhook,
}

/// <summary>The "Telegram" configuration section.</summary>
public sealed class TelegramOptions
{
    public const string Section = "Telegram";

    public const string DefaultApiBaseUrl = "https://api.telegram.org";

    /// <summary>Empty is allowed so the local chat mode runs without one; it is a secret and never logged.</summary>
    public string BotToken { get; set; } = "";

    /// <summary>Telegram, a self-hosted Bot API server or an emulator: scheme, host and port only; requests go to
    /// {ApiBaseUrl}/bot{token}/{method}.</summary>
    [Required]
    [Url]
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    public UpdateMode Mode { get; set; } = UpdateMode.Polling;

    /// <summary>Sent back by Telegram in X-Telegram-Bot-Api-Secret-Token so the webhook can tell it from strangers;
    /// required in webhook mode (which posts to {Bot:PublicUrl}/telegram/webhook). A secret, never logged.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>How many connections Telegram may open at once to post updates (its <c>max_connections</c>; Telegram's
    /// own default is 40). Updates of different chats come in parallel up to this, and those arriving together are
    /// stored in one transaction, so more connections take a burst from many chats in faster.</summary>
    [Range(1, 100)]
    public int WebhookMaxConnections { get; set; } = 100;

    /// <summary>How long one getUpdates call may wait on the server for new updates.</summary>
    [Range(0, 100)]
    public int PollingTimeoutSeconds { get; set; } = 50;

    /// <summary>How long a button press may wait to be applied before it is answered with a short "received" (see
    /// <see cref="Updates.CallbackAcknowledger"/>); Telegram stops the button's spinner after about 15 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:01:00")]
    public TimeSpan CallbackPatience { get; set; } = TimeSpan.FromSeconds(1);
}
