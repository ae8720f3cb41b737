using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Bot.Tests.Fakes;

namespace Bot.Benchmarks;

/// <summary>Process CPU time per sendMessage request with no bot running: the fake server's and a plain client's.</summary>
internal sealed record FakeCostResult(TimeSpan PerRequest);

/// <summary>The fake Bot API's own cost per send, to tell the bot's CPU from the fake's: they run in one process, on
/// one thread pool, so the process's CPU time during a fan-out is both. Here no bot runs: a plain
/// <see cref="HttpClient"/> posts a reminder's sendMessage body, as the bot sent it, to a fresh fake,
/// <paramref name="concurrency"/> requests in flight as the bot's dispatcher has; each to a chat of its own, as in a
/// fan-out.</summary>
internal static class FakeCost
{
    private const long FirstChat = 7_000_000;

    /// <summary>Process CPU time per request over <paramref name="requests"/> requests, after a short unmeasured warm-up.
    /// It includes the plain client's side of each request (a bare HttpClient POST), which the bot pays as well.</summary>
    public static async Task<FakeCostResult> PerRequest(string sampleBody, int requests, int concurrency, CancellationToken ct)
    {
        await using var fake = await FakeBotApi.Start();
        var template = JsonNode.Parse(sampleBody)!.AsObject();
        var bodies = Enumerable.Range(0, requests + 200).Select(i =>
        {
            fake.OpenPrivateChat(FirstChat + i);
            var body = (JsonObject)template.DeepClone();
            body["chat_id"] = FirstChat + i;
            return body.ToJsonString();
        }).ToArray();
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { Timeout = TimeSpan.FromSeconds(30) };
        var url = string.Create(CultureInfo.InvariantCulture, $"{fake.BaseUrl}/bot{fake.Token}/sendMessage");

        await Send(client, url, bodies[..200], concurrency, ct);
        GC.Collect();
        var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        await Send(client, url, bodies[200..], concurrency, ct);
        process.Refresh();
        var cpu = process.TotalProcessorTime - before;

        var accepted = fake.RequestsOf("sendMessage").Count(r => r.Succeeded);
        return accepted == bodies.Length
            ? new FakeCostResult(cpu / requests)
            : throw new InvalidOperationException($"The fake accepted {accepted} of {bodies.Length} replayed sendMessage requests; the replay is not what the bot sent.");
    }

    private static Task Send(HttpClient client, string url, string[] bodies, int concurrency, CancellationToken ct)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(
            async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < bodies.Length)
                {
                    using var content = new StringContent(bodies[i], Encoding.UTF8, "application/json");
                    using var response = await client.PostAsync(url, content, ct);
                    await response.Content.ReadAsByteArrayAsync(ct);
                }
            },
            ct)));
    }
}
