using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Faults;

/// <summary>What compose.yaml's nginx does in front of the bot instances, on loopback: each request goes to the next
/// upstream in turn, and to the one after it when the chosen one fails the request or answers 502 or 503 (nginx's
/// <c>proxy_next_upstream error timeout http_502 http_503 non_idempotent</c>; its read timeout is not imitated). Written here rather than taken from YARP:
/// YARP forwards to one destination per request and has no retry on the next one, which is the behaviour the
/// compose setup relies on when an instance dies.</summary>
internal sealed class RoundRobinBalancer : IAsyncDisposable
{
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Host", "Proxy-Connection", "TE", "Trailer",
    };

    private readonly WebApplication app;
    private readonly HttpClient client = new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2), UseProxy = false });
    private readonly ConcurrentDictionary<string, int> served = new();
    private IReadOnlyList<string> upstreams = [];
    private int next;

    private RoundRobinBalancer(WebApplication app) => this.app = app;

    /// <summary>Where members and Telegram reach it, <c>http://127.0.0.1:port</c>.</summary>
    public string Url { get; private set; } = "";

    /// <summary>The upstreams, base addresses such as <c>http://127.0.0.1:5001</c>; settable once the instances' ports
    /// are known, since the instances need the balancer's address first (their public URL).</summary>
    public IReadOnlyList<string> Upstreams
    {
        get => Volatile.Read(ref upstreams);
        set => Volatile.Write(ref upstreams, value);
    }

    /// <summary>How many requests each upstream answered (whatever the status).</summary>
    public int Served(string upstream) => served.GetValueOrDefault(upstream);

    public static async Task<RoundRobinBalancer> Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var balancer = new RoundRobinBalancer(app);
        app.Run(balancer.Forward);
        await app.StartAsync();
        balancer.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return balancer;
    }

    private async Task Forward(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var targets = Upstreams;
        var first = Interlocked.Increment(ref next);
        for (var i = 0; i < targets.Count; i++)
        {
            var upstream = targets[(int)((uint)(first + i) % (uint)targets.Count)];
            using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), upstream + context.Request.Path + context.Request.QueryString);
            if (body.Length > 0)
            {
                request.Content = new ByteArrayContent(body.ToArray());
            }

            foreach (var (name, values) in context.Request.Headers)
            {
                if (!HopHeaders.Contains(name) && !request.Headers.TryAddWithoutValidation(name, values.ToArray()))
                {
                    request.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
                }
            }

            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, context.RequestAborted);
            }
            catch (HttpRequestException)
            {
                continue;
            }

            using (response)
            {
                if (response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable && i < targets.Count - 1)
                {
                    continue;
                }

                served.AddOrUpdate(upstream, 1, (_, n) => n + 1);
                context.Response.StatusCode = (int)response.StatusCode;
                foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
                {
                    if (!HopHeaders.Contains(name))
                    {
                        context.Response.Headers[name] = values.ToArray();
                    }
                }

                await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
                return;
            }
        }

        context.Response.StatusCode = StatusCodes.Status502BadGateway;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        client.Dispose();
    }
}
