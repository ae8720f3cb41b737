using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Bot.Persistence;
using Bot.Telegram.Outbox;
using Bot.Tests.Fakes;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;

namespace Bot.Tests.Faults;

/// <summary>compose.yaml as far as it runs without a Docker engine: its bot services started as real processes with
/// the environment the file gives them (read from the file, variables filled in as an operator would), both at
/// once on an empty PostgreSQL database as <c>docker compose up</c> starts them, behind a balancer doing what its
/// nginx does. Not covered: building the image (the Dockerfile) and nginx itself.</summary>
[Collection(PostgreSqlServer.Collection)]
public sealed class ComposeOnPostgreSql(PostgreSqlServer postgres, ITestOutputHelper output)
{
    private const long Admin = 1000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task TheComposeSetup_StartedAtOnceOnAnEmptyDatabase_AnswersEveryMemberOnce_AndKeepsAnsweringWhenTheSenderIsKilled()
    {
        await using var api = await FakeBotApi.Start();
        api.LocalMode = true;
        await using var balancer = await RoundRobinBalancer.Start();
        var database = await postgres.CreateEmptyDatabase();
        var folder = Directory.CreateTempSubdirectory("bot-compose-").FullName;
        var instances = new List<(string Service, string Url, BotProcess Process)>();
        try
        {
            var secret = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
            var compose = ComposeFile.OfRepository(new Dictionary<string, string>
            {
                ["BOT_TOKEN"] = api.Token,
                ["WEBHOOK_SECRET"] = secret,
                ["BOT_PUBLIC_URL"] = balancer.Url,
                ["BOT_ADMIN"] = Admin.ToString(CultureInfo.InvariantCulture),
            });
            var services = BalancedServices(compose);
            Assert.Equal(2, services.Count);
            foreach (var service in services)
            {
                var url = $"http://127.0.0.1:{FreePort().ToString(CultureInfo.InvariantCulture)}";
                instances.Add((service, url, BotProcess.Run(folder, Environment(compose, service, database, api, url), Log(service))));
            }

            balancer.Upstreams = instances.Select(i => i.Url).ToList();

            // Both up: each migrated (or found the other's migration), registered the webhook and kept running.
            await api.WaitFor(() => api.RequestsOf("setWebhook").Count(r => r.Succeeded) >= 2 || instances.Any(i => i.Process.HasExited), Patience, "both instances registered the webhook");
            Assert.DoesNotContain(instances, i => i.Process.HasExited);
            Assert.Equal($"{balancer.Url}/telegram/webhook", api.WebhookUrl);
            Assert.Equal(secret, api.WebhookSecret);
            // Quartz clustered: both nodes checked in.
            await api.WaitFor(() => SchedulerNodes(database) == 2, Patience, "both Quartz nodes checked in");

            await EachAsksForHelp(api, database, Enumerable.Range(0, 30).Select(i => 2001L + i).Append(Admin).ToList());
            Assert.All(instances, i => Assert.True(balancer.Served(i.Url) > 0, $"{i.Service} answered no webhook"));

            var holder = await FaultScenario.LeaseHolder(database);
            await instances.Single(i => i.Process.Id == holder).Process.Kill();
            var after = await EachAsksForHelp(api, database, Enumerable.Range(0, 30).Select(i => 3001L + i).ToList());

            // The balancer took the dead instance's share to the other one: Telegram saw no failed post.
            Assert.All(after, id => Assert.Equal(200, api.WebhookDeliveries.Single(d => d.UpdateId == id).StatusCode));
            using var http = new HttpClient();
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{balancer.Url}/healthz")).StatusCode);
        }
        finally
        {
            foreach (var instance in instances)
            {
                instance.Process.Dispose();
            }

            await postgres.Drop(database);
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Each person writes /help in their private chat; returns the updates' ids once every one of them was
    /// answered and nothing is left to send, and fails if anyone got no answer or more than one.</summary>
    private static async Task<IReadOnlyList<long>> EachAsksForHelp(FakeBotApi api, string database, IReadOnlyList<long> people)
    {
        var updates = people.Select(p => (long)api.UserSends(p, p, "/help", "de").Id).ToList();
        await api.WaitFor(() => people.All(p => api.SentMessages(p).Count > 0) && Pending(database) == 0, Patience, "every /help answered");
        Assert.All(people, p => Assert.Single(api.SentMessages(p)));
        return updates;
    }

    /// <summary>The services compose.yaml's balancer spreads requests over (<c>server NAME:8080</c> in its nginx
    /// config), each one built from this repository.</summary>
    private static List<string> BalancedServices(ComposeFile compose)
    {
        var upstreams = Regex.Matches(compose.Config("nginx"), @"^\s*server\s+([\w-]+):8080\b", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        Assert.All(upstreams, s => Assert.Contains(s, compose.Services));
        Assert.All(upstreams, s => Assert.Null(compose.Image(s)));
        return upstreams;
    }

    /// <summary>The service's environment as compose.yaml gives it. What differs on one machine without containers:
    /// the database host is the test's server rather than the <c>postgres</c> service, each instance listens on a
    /// port of its own rather than each container's 8080, and Telegram is the fake.</summary>
    private static List<KeyValuePair<string, string>> Environment(ComposeFile compose, string service, string database, FakeBotApi api, string url)
    {
        var environment = compose.Environment(service).ToDictionary();
        var configured = new NpgsqlConnectionStringBuilder(environment["ConnectionStrings__Bot"]);
        var test = new NpgsqlConnectionStringBuilder(database);
        Assert.Equal("postgres", compose.Image(configured.Host!)?.Split(':')[0]);
        (configured.Host, configured.Port, configured.Database) = (test.Host, test.Port, test.Database);
        environment["ConnectionStrings__Bot"] = configured.ConnectionString;
        return
        [
            .. environment,
            new("DOTNET_ENVIRONMENT", "Production"),
            new("Urls", url),
            new("Telegram__ApiBaseUrl", api.BaseUrl),
        ];
    }

    private static int SchedulerNodes(string database)
    {
        using var db = PersistenceServiceCollectionExtensions.MigrationContext(database);
        return db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM qrtz_scheduler_state").Single();
    }

    private static int Pending(string database)
    {
        using var db = PersistenceServiceCollectionExtensions.MigrationContext(database);
        return db.Outbox.Count(o => o.Status == OutboxStatus.Pending);
    }

    private Action<string> Log(string service) => line => FaultSuiteTests.Log(output)($"[{service}] {line}");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
