using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace Bot.Telegram.Api;

public static class BotApiServiceCollectionExtensions
{
    public const string HttpClientName = "telegram";

    /// <summary>Registers <see cref="IBotApi"/> over a Telegram.Bot client that speaks HTTP to Telegram:ApiBaseUrl.
    /// It reads <see cref="TelegramOptions"/>, which the host binds and validates.</summary>
    public static IServiceCollection AddBotApiClient(this IServiceCollection services)
    {
        services.AddHttpClient(HttpClientName, http =>
            {
                // Each call sets its own deadline (BotApi): a long poll must outlive the 100 s default, an ordinary call not.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            // The factory's request logging prints each URL, and the token is part of every URL.
            .RemoveAllLoggers()
            .AddTypedClient<ITelegramBotClient>((http, sp) =>
            {
                var telegram = sp.GetRequiredService<IOptions<TelegramOptions>>().Value;
                // Telegram.Bot keeps only scheme, host and port of a base URL; null means Telegram itself.
                var baseUrl = telegram.ApiBaseUrl == TelegramOptions.DefaultApiBaseUrl ? null : telegram.ApiBaseUrl;
                // The outbox dispatcher owns 429 for the whole bot: a client waiting out retry_after on its own would
                // hold a send slot and hide the pause from every other send.
                return new TelegramBotClient(new TelegramBotClientOptions(telegram.BotToken, baseUrl) { RetryCount = 0 }, http);
            });
        return services.AddBotApi();
    }

    /// <summary>Registers <see cref="IBotApi"/> over whatever <see cref="ITelegramBotClient"/> is registered (the
    /// HTTP client, or the local chat mode's terminal).</summary>
    public static IServiceCollection AddBotApi(this IServiceCollection services) =>
        services.AddTransient<IBotApi, BotApi>();
}
