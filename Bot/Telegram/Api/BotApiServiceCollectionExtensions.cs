using Microsoft.Extensions.DependencyInjection;

namespace Bot.Telegram.Api;

public static class BotApiServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IBotApi"/> as a typed HTTP client. It reads <see cref="TelegramOptions"/>, which
    /// the host binds and validates.</summary>
    public static IServiceCollection AddBotApiClient(this IServiceCollection services)
    {
        services.AddHttpClient<IBotApi, BotApiClient>(http =>
            {
                // Each call sets its own deadline: a long poll must outlive the 100 s default, an ordinary call not.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            // The factory's request logging prints each URL, and the token is part of every URL.
            .RemoveAllLoggers();
        return services;
    }
}
