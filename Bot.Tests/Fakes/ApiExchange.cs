using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Telegram.Api;
using Telegram.Bot.Types;
using Telegram.Bot;

namespace Bot.Tests.Fakes;

/// <summary>One answer of the fake server, as it goes over the wire.</summary>
internal sealed record ApiAnswer(int StatusCode, string Body, string ContentType = "application/json")
{
    public string? Description { get; init; }

    /// <summary>Set when a <see cref="FaultPlan"/> gave this answer.</summary>
    public FaultOrigin? Fault { get; init; }

    public static ApiAnswer Ok(JsonNode? result) =>
        new(200, new JsonObject { ["ok"] = true, ["result"] = result }.ToJsonString());

    public static ApiAnswer Ok<T>(T result) => Ok(JsonSerializer.SerializeToNode(result, JsonBotAPI.Options));

    public static ApiAnswer Error(int code, string description, ResponseParameters? parameters = null)
    {
        var body = new JsonObject { ["ok"] = false, ["error_code"] = code, ["description"] = description };
        if (parameters is not null)
        {
            body["parameters"] = JsonSerializer.SerializeToNode(parameters, JsonBotAPI.Options);
        }

        return new ApiAnswer(code, body.ToJsonString()) { Description = description };
    }
}

/// <summary>Ends a method handler with an error answer; the fake's dispatcher turns it into the HTTP answer.</summary>
internal sealed class ApiFailure(ApiAnswer answer) : Exception(answer.Description)
{
    public ApiAnswer Answer { get; } = answer;

    public static ApiFailure BadRequest(string description, ResponseParameters? parameters = null) =>
        new(ApiAnswer.Error(400, "Bad Request: " + description, parameters));

    public static ApiFailure Forbidden(string description) => new(ApiAnswer.Error(403, "Forbidden: " + description));
}

/// <summary>The parameters of one call, read as leniently as Telegram reads them (numbers may come as strings).</summary>
internal sealed class ApiArgs(JsonObject json)
{
    public static ApiArgs Empty => new(new JsonObject());

    public static ApiArgs? TryParse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return Empty;
        }

        try
        {
            return JsonNode.Parse(body) is JsonObject json ? new ApiArgs(json) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public bool Has(string name) => json[name] is not null;

    public long? Long(string name) => json[name] switch
    {
        JsonValue v when v.TryGetValue<long>(out var number) => number,
        JsonValue v when v.TryGetValue<string>(out var text)
            && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    public double? Double(string name) => json[name] switch
    {
        JsonValue v when v.TryGetValue<double>(out var number) => number,
        JsonValue v when v.TryGetValue<string>(out var text)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    public int? Int(string name) => Long(name) is long value ? (int)Math.Clamp(value, int.MinValue, int.MaxValue) : null;

    public string? String(string name) => json[name] switch
    {
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        JsonValue v => v.ToJsonString(),
        _ => null,
    };

    public bool Bool(string name) => json[name] switch
    {
        JsonValue v when v.TryGetValue<bool>(out var flag) => flag,
        JsonValue v when v.TryGetValue<string>(out var text) => text.Equals("true", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    /// <summary>An object parameter; Telegram also takes it JSON-serialized in a string.</summary>
    public JsonNode? Node(string name) => json[name] switch
    {
        JsonValue v when v.TryGetValue<string>(out var text) => ParseOrNull(text),
        var node => node,
    };

    public T? Object<T>(string name) where T : class
    {
        try
        {
            return Node(name)?.Deserialize<T>(JsonBotAPI.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public long ChatId()
    {
        if (!Has("chat_id"))
        {
            throw ApiFailure.BadRequest("chat_id is empty");
        }

        return Long("chat_id") is long id and not 0 ? id : throw ApiFailure.BadRequest("chat not found");
    }

    public long MessageId() =>
        Long("message_id") ?? throw ApiFailure.BadRequest("message identifier is not specified");

    private static JsonNode? ParseOrNull(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
