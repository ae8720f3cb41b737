using System.Security.Cryptography;
using System.Text;
using Bot.Domain.Calendar;
using Microsoft.Net.Http.Headers;

namespace Bot.Http;

/// <summary><c>GET /ical/&lt;token&gt;.ics</c>: the member's feed. A wrong, renewed or erased token is 404, the same
/// as a path that never existed; an unchanged feed answers 304 to its ETag.</summary>
public static class FeedEndpoint
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static async Task<IResult> Get(string file, HttpContext http, FeedService feeds, CalendarFeedBuilder builder, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(http);
        if (!file.EndsWith(".ics", StringComparison.Ordinal) || await feeds.Owner(file[..^4], ct) is not { } userId)
        {
            return Results.NotFound();
        }

        var bytes = Encoding.UTF8.GetBytes(await builder.Build(userId, ct));
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}\"");
        http.Response.Headers.ETag = etag.ToString();
        http.Response.Headers.CacheControl = "private, no-cache";
        var asked = http.Request.GetTypedHeaders().IfNoneMatch;
        if (asked.Any(tag => tag.Compare(etag, useStrongComparison: false) || tag == EntityTagHeaderValue.Any))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(bytes, ContentType);
    }
}
