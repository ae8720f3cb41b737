using Microsoft.Extensions.Options;

namespace Bot.Http;

/// <summary>Where members reach the bot's HTTP server: <c>Bot:PublicUrl</c>, else the first of <c>Urls</c>, else
/// <see cref="DefaultUrls"/>.</summary>
public sealed class FeedLinks(IOptions<BotOptions> options, IConfiguration configuration)
{
    public const string DefaultUrls = "http://localhost:8080";

    public string PublicUrl
    {
        get
        {
            var configured = options.Value.PublicUrl;
            if (string.IsNullOrWhiteSpace(configured))
            {
                var urls = configuration["Urls"];
                configured = (string.IsNullOrWhiteSpace(urls) ? DefaultUrls : urls).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
            }

            return configured.TrimEnd('/');
        }
    }

    /// <summary>The member's personal feed; the token is theirs alone and is never logged.</summary>
    public string FeedUrl(string token) => $"{PublicUrl}/ical/{token}.ics";
}
