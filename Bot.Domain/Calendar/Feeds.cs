using System.Security.Cryptography;

namespace Bot.Domain.Calendar;

/// <summary>A member's personal calendar feed. Only the SHA-256 hash of its token is kept: a copy of the database
/// does not open anyone's feed, and a lost link can only be replaced, not shown again.</summary>
public sealed class CalendarFeed
{
    public long UserId { get; set; }

    /// <summary>Lower-case hex of the SHA-256 of the token.</summary>
    public required string TokenHash { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>Where feeds are kept; additions join the caller's unit of work.</summary>
public interface IFeedStore
{
    Task<CalendarFeed?> OfUser(long userId, CancellationToken ct);

    Task<CalendarFeed?> ByHash(string tokenHash, CancellationToken ct);

    void Add(CalendarFeed feed);
}

/// <summary>Gives out and looks up feed tokens: 256 random bits each, as URL-safe Base64 (43 characters).</summary>
public sealed class FeedService(IFeedStore store, TimeProvider clock)
{
    public const int TokenBytes = 32;

    /// <summary>A new token for the member; the one before it stops working in the same unit of work.</summary>
    public async Task<string> Renew(long userId, CancellationToken ct)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(TokenBytes));
        var feed = await store.OfUser(userId, ct);
        if (feed is null)
        {
            feed = new CalendarFeed { UserId = userId, TokenHash = "" };
            store.Add(feed);
        }

        feed.TokenHash = Hash(token);
        feed.CreatedAt = clock.GetUtcNow().UtcDateTime;
        return token;
    }

    /// <summary>Whose feed a token opens; null for a token that is malformed, unknown or renewed since.</summary>
    public async Task<long?> Owner(string? token, CancellationToken ct)
    {
        if (token is null || token.Length != 43 || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return null;
        }

        return (await store.ByHash(Hash(token), ct))?.UserId;
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
