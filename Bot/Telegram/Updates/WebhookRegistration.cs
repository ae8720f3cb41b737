using Bot.Http;
using Bot.Telegram.Api;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Bot.Telegram.Updates;

/// <summary>In webhook mode, tells Telegram where to post updates once the HTTP server listens: <c>setWebhook</c>
/// with <c>{Bot:PublicUrl}/telegram/webhook</c>, the same update types polling asks for, and the secret Telegram
/// sends back. An unreachable Telegram is waited out with a back-off; a refusal (a URL Telegram will not post to)
/// is logged as the operator's to fix. The secret is never logged.</summary>
public sealed partial class WebhookRegistration(
    IBotApi api,
    IHostApplicationLifetime lifetime,
    IServiceProvider services,
    FeedLinks links,
    IOptions<BotOptions> bot,
    IOptions<TelegramOptions> options,
    TimeProvider clock,
    ILogger<WebhookRegistration> log) : BackgroundService
{
    public const string Path = "/telegram/webhook";

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);

    /// <summary>The URL Telegram was given, once it accepted it.</summary>
    public string? RegisteredUrl { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        var url = WebhookUrl();
        var secret = options.Value.WebhookSecret ?? "";
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            var result = await api.SetWebhook(url, secret, PollingReceiver.AllowedUpdates, options.Value.WebhookMaxConnections, stoppingToken);
            if (result.IsOk)
            {
                RegisteredUrl = url;
                LogRegistered(url);
                return;
            }

            var error = result.Error!;
            if (error.Kind == BotApiErrorKind.BadRequest)
            {
                LogRefused(url, error.ToString());
                return;
            }

            var wait = error.Kind == BotApiErrorKind.TooManyRequests && error.RetryAfter is { } retryAfter
                ? retryAfter
                : TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(attempt - 1, 10))));
            LogRetrying(error.ToString(), (int)Math.Ceiling(wait.TotalSeconds));
            await Task.Delay(wait, clock, stoppingToken);
        }
    }

    /// <summary><c>Bot:PublicUrl</c> when configured; otherwise where the server really listens (a port chosen by
    /// the system, with <c>Urls</c> ending in :0, is known only now), else the first of <c>Urls</c>.</summary>
    private string WebhookUrl()
    {
        var listening = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        var baseUrl = string.IsNullOrWhiteSpace(bot.Value.PublicUrl) && listening is not null ? listening.TrimEnd('/') : links.PublicUrl;
        return baseUrl + Path;
    }

    [LoggerMessage(LogLevel.Information, "Webhook set: Telegram posts updates to {Url}")]
    private partial void LogRegistered(string url);

    [LoggerMessage(LogLevel.Error, "Telegram refused the webhook {Url} ({Error}); it needs HTTPS on port 443, 80, 88 or 8443 (Bot:PublicUrl). No updates arrive until it is fixed and the bot restarted")]
    private partial void LogRefused(string url, string error);

    [LoggerMessage(LogLevel.Warning, "Could not set the webhook yet ({Error}); trying again in {Seconds} s")]
    private partial void LogRetrying(string error, int seconds);
}
