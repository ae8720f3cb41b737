namespace Bot.Telegram.Api;

/// <summary>What kind of failure a Bot API call ended in; decided from the status code and parameters, never
/// from the description alone (Telegram does not promise its wording).</summary>
public enum BotApiErrorKind
{
    /// <summary>No answer: connection refused, reset, timed out, or a body that is not the Bot API's.</summary>
    Network,
    /// <summary>429: wait <see cref="BotApiError.RetryAfter"/> before any further call.</summary>
    TooManyRequests,
    /// <summary>403: blocked by the user, deactivated, kicked, or the user never started the bot.</summary>
    Forbidden,
    /// <summary>400 "chat not found": treated like 403, the chat cannot be written to.</summary>
    ChatNotFound,
    /// <summary>400 with migrate_to_chat_id: the group became a supergroup with a new id.</summary>
    ChatMigrated,
    /// <summary>Any other 400: the request itself is wrong (bad HTML, text too long, message not modified...).</summary>
    BadRequest,
    /// <summary>401/404: the token is wrong or revoked.</summary>
    Unauthorized,
    /// <summary>409: another poller or a webhook holds the updates.</summary>
    Conflict,
    /// <summary>5xx: Telegram's side; worth retrying with backoff.</summary>
    ServerError,
}

public sealed record BotApiError(BotApiErrorKind Kind, int StatusCode, string Description)
{
    public TimeSpan? RetryAfter { get; init; }
    public long? MigrateToChatId { get; init; }

    /// <summary>True for 400s whose description says the edit changed nothing; an edit that is already in place.</summary>
    public bool IsMessageNotModified => Kind == BotApiErrorKind.BadRequest
        && Description.Contains("not modified", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for 400s that say the message to edit or delete is gone.</summary>
    public bool IsMessageGone => Kind == BotApiErrorKind.BadRequest
        && (Description.Contains("message to edit not found", StringComparison.OrdinalIgnoreCase)
            || Description.Contains("message to delete not found", StringComparison.OrdinalIgnoreCase)
            || Description.Contains("message can't be", StringComparison.OrdinalIgnoreCase));

    public override string ToString() => $"{(int)StatusCode} {Kind}: {Description}";
}

/// <summary>The outcome of one Bot API call: a value or a typed error. Failures the bot expects are values, not
/// exceptions; only cancellation throws.</summary>
public readonly record struct BotApiResult<T>
{
    private BotApiResult(T? value, BotApiError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }
    public BotApiError? Error { get; }
    public bool IsOk => Error is null;

    public static BotApiResult<T> Ok(T? value) => new(value, null);
    public static BotApiResult<T> Fail(BotApiError error) => new(default, error);

    public override string ToString() => IsOk ? $"ok {Value}" : $"error {Error}";
}
