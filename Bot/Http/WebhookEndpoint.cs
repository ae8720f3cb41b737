using System.Security.Cryptography;
using System.Text;
using Bot.Telegram;
using Bot.Telegram.Updates;
using Microsoft.Extensions.Options;

namespace Bot.Http;

/// <summary><c>POST /telegram/webhook</c> in webhook mode: checks Telegram's secret, stores the update (together with
/// whatever else arrived meanwhile, see <see cref="WebhookIntake"/>) and answers at once; <see cref="InboxWorker"/>
/// applies it after the answer. A wrong or missing secret is 401 before the body is read; a body that is not an
/// update is 400 (Telegram drops it); a body over <see cref="MaxBodyBytes"/> is 413; one that could not be stored
/// is 503 (Telegram sends it again).</summary>
public static partial class WebhookEndpoint
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    /// <summary>Far above any update Telegram sends (a message is at most 4096 characters plus its entities and the
    /// message it replies to), and small enough that nobody can make the bot buffer much.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public static async Task<IResult> Post(
        HttpContext http,
        WebhookIntake intake,
        IOptions<TelegramOptions> options,
        ILoggerFactory logs)
    {
        ArgumentNullException.ThrowIfNull(http);
        var log = logs.CreateLogger(typeof(WebhookEndpoint).FullName!);
        if (!SecretMatches(http.Request.Headers[SecretHeader].ToString(), options.Value.WebhookSecret ?? ""))
        {
            LogWrongSecret(log, http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            return Results.Unauthorized();
        }

        if (http.Request.ContentLength > MaxBodyBytes)
        {
            LogTooLarge(log, http.Request.ContentLength.Value);
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var body = await ReadAtMost(http.Request.Body, MaxBodyBytes + 1, http.RequestAborted);
        if (body.Length > MaxBodyBytes)
        {
            LogTooLarge(log, body.Length);
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        if (WebhookInbox.Read(body) is not { } update)
        {
            LogMalformed(log, body.Length);
            return Results.BadRequest();
        }

        try
        {
            await intake.Keep(new Received(update.Id, Encoding.UTF8.GetString(body), update.CallbackQuery?.Id), http.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
        {
            // Not stored: Telegram sends it again on anything but 2xx.
            LogNotKept(log, update.Id);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        return Results.Ok();
    }

    /// <summary>Compares digests, so neither the content nor the length of the secret shows in the time taken.</summary>
    internal static bool SecretMatches(string given, string expected) =>
        expected.Length > 0
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    private static async Task<byte[]> ReadAtMost(Stream body, int limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while (buffer.Length < limit && (read = await body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    [LoggerMessage(LogLevel.Warning, "Webhook update {UpdateId} could not be stored; answered 503 so that Telegram sends it again")]
    private static partial void LogNotKept(ILogger log, long updateId);

    [LoggerMessage(LogLevel.Warning, "Webhook call from {Remote} without the right secret; refused with 401")]
    private static partial void LogWrongSecret(ILogger log, string remote);

    [LoggerMessage(LogLevel.Warning, "Webhook body of {Bytes} bytes is too large; refused with 413")]
    private static partial void LogTooLarge(ILogger log, long bytes);

    [LoggerMessage(LogLevel.Warning, "Webhook body of {Bytes} bytes is not an update; refused with 400, Telegram drops it")]
    private static partial void LogMalformed(ILogger log, int bytes);
}
