using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Bot.Tests.Fakes;

// Telegram's side of a webhook: once setWebhook names a URL, pending updates are POSTed there as JSON with the secret
// in X-Telegram-Bot-Api-Secret-Token, one at a time per chat and in order, different chats concurrently up to
// max_connections; an update leaves the queue only on a 2xx answer and is retried, with a growing pause, otherwise.
public sealed partial class FakeBotApi
{
    private const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";
    private static readonly string[] ChatFields = ["message", "edited_message", "channel_post", "my_chat_member", "chat_member", "chat_join_request"];

    private readonly HttpClient webhookClient = new(new SocketsHttpHandler { MaxConnectionsPerServer = 100 }) { Timeout = TimeSpan.FromSeconds(10) };
    private readonly List<WebhookDelivery> webhookDeliveries = [];
    private readonly HashSet<string> chatsInFlight = [];
    private readonly HashSet<JsonNode> updatesInFlight = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<JsonNode, int> failedAttempts = new(ReferenceEqualityComparer.Instance);
    private readonly List<Task> deliveriesRunning = [];
    private bool localMode;
    private int webhookMaxConnections = 40;
    private (DateTimeOffset At, string Message)? lastWebhookError;
    private Task? deliveryLoop;

    /// <summary>As a self-hosted Bot API server started with <c>--local</c>: a webhook may be plain HTTP on any port,
    /// which a bot on loopback in a test needs. Off by default, as on Telegram.</summary>
    public bool LocalMode
    {
        get { lock (gate) { return localMode; } }
        set { lock (gate) { localMode = value; } }
    }

    /// <summary>Every POST to the webhook, in the order the answers came.</summary>
    public IReadOnlyList<WebhookDelivery> WebhookDeliveries
    {
        get { lock (gate) { return webhookDeliveries.ToArray(); } }
    }

    // Under the gate, from setWebhook.
    private void StartDeliveries() => deliveryLoop ??= Task.Run(DeliverLoop);

    private async Task DeliverLoop()
    {
        while (!stopping.IsCancellationRequested)
        {
            Task arrived;
            lock (gate)
            {
                if (webhookUrl.Length > 0)
                {
                    foreach (var (id, json) in pending)
                    {
                        if (updatesInFlight.Count >= webhookMaxConnections)
                        {
                            break;
                        }

                        // A chat whose earlier update is on its way (or waiting for a retry) holds its later ones back.
                        var chat = ChatKey(id, json);
                        if (chatsInFlight.Add(chat))
                        {
                            updatesInFlight.Add(json);
                            deliveriesRunning.Add(Deliver(id, json, chat, webhookUrl, webhookSecret));
                        }
                    }
                }

                deliveriesRunning.RemoveAll(t => t.IsCompleted);
                arrived = updateArrived.Task;
            }

            try
            {
                await arrived.WaitAsync(stopping.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task Deliver(long id, JsonNode json, string chat, string url, string? secret)
    {
        await Task.Yield();
        int status;
        string reason;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json.ToJsonString(), Encoding.UTF8, "application/json") };
            if (secret is not null)
            {
                request.Headers.Add(SecretHeader, secret);
            }

            using var response = await webhookClient.SendAsync(request, stopping.Token);
            (status, reason) = ((int)response.StatusCode, response.ReasonPhrase ?? response.StatusCode.ToString());
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            (status, reason) = (0, ex is TaskCanceledException ? "Read timeout expired" : "Connection refused");
        }

        var delivered = status is >= 200 and < 300;
        TimeSpan pause;
        lock (gate)
        {
            var now = TimeProvider.System.GetUtcNow();
            webhookDeliveries.Add(new WebhookDelivery(id, status, now));
            deliveredAt.TryAdd(id, now);
            if (delivered)
            {
                pending.RemoveAll(p => ReferenceEquals(p.Json, json));
                failedAttempts.Remove(json);
                pause = TimeSpan.Zero;
            }
            else
            {
                lastWebhookError = (now, status == 0 ? reason : $"Wrong response from the webhook: {status} {reason}");
                var attempts = failedAttempts[json] = failedAttempts.GetValueOrDefault(json) + 1;
                pause = TimeSpan.FromMilliseconds(Math.Min(1000, 50 * Math.Pow(2, attempts - 1)));
            }
        }

        try
        {
            // The chat stays held while the failed update waits, so nothing of that chat overtakes it.
            await Task.Delay(pause, stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        lock (gate)
        {
            chatsInFlight.Remove(chat);
            updatesInFlight.Remove(json);
            WakePolls();
        }
    }

    private async Task StopDeliveries()
    {
        Task[] running;
        lock (gate)
        {
            running = [.. deliveriesRunning, .. deliveryLoop is null ? [] : new[] { deliveryLoop }];
        }

        await Task.WhenAll(running);
        webhookClient.Dispose();
    }

    private static string ChatKey(long id, JsonNode json)
    {
        foreach (var field in ChatFields)
        {
            if (At(At(At(json, field), "chat"), "id") is { } chat)
            {
                return "chat " + chat.ToJsonString();
            }
        }

        var query = At(json, "callback_query");
        return (At(At(At(query, "message"), "chat"), "id") ?? At(At(query, "from"), "id")) is { } from ? "chat " + from.ToJsonString() : "update " + id;

        static JsonNode? At(JsonNode? node, string key) => node is JsonObject o ? o[key] : null;
    }
}

/// <summary>One POST of an update to the webhook and the status it got (0 when the bot could not be reached).</summary>
public sealed record WebhookDelivery(long UpdateId, int StatusCode, DateTimeOffset At)
{
    public bool Accepted => StatusCode is >= 200 and < 300;

    public HttpStatusCode Status => (HttpStatusCode)StatusCode;
}
