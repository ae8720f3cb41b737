using System.Diagnostics;
using System.Globalization;
using Bot.Domain.Messaging;
using Bot.Persistence;
using Bot.Telegram.Outbox;
using Bot.Telegram.Rendering;
using Bot.Tests.Fakes;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Bot.Tests.Telegram;

/// <summary>The bot as a real process, killed with SIGKILL in the middle of a broadcast and started again on the
/// same database: what the README promises about a crash (every message still arrives; at most the requests in
/// flight are sent twice) is checked against the program operators run, not a host inside the test.</summary>
public sealed class KilledBotTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Members = 300;
    private const long FirstMember = 500_000;
    private const int MaxConcurrency = 16;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private readonly string folder = Directory.CreateTempSubdirectory("bot-kill-").FullName;
    private FakeBotApi api = null!;

    private string Database => Path.Combine(folder, "bot.db");

    public async Task InitializeAsync() => api = await FakeBotApi.Start();

    public async Task DisposeAsync()
    {
        await api.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_broadcast_interrupted_by_a_kill_reaches_every_member_with_at_most_the_sends_in_flight_repeated()
    {
        await QueueBroadcast();

        using (var first = StartBot())
        {
            await api.WaitFor(() => Sent().Count >= Members / 3, Patience, "a third of the broadcast sent before the kill");
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        var beforeKill = Sent().Count;
        using (var second = StartBot())
        {
            await api.WaitFor(() => Sent().Select(r => r.ChatId).Distinct().Count() == Members, Patience, "every member reached after the restart");
            await api.WaitFor(() => NotSentRows() == 0, Patience, "every outbox row recorded as sent");
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
        }

        var sends = Sent();
        var duplicates = sends.GroupBy(r => r.ChatId).Sum(g => g.Count() - 1);
        output.WriteLine($"{beforeKill} sends before the kill, {sends.Count} in all, {duplicates} duplicates");
        Assert.All(Enumerable.Range(0, Members), i => Assert.Contains(sends, r => r.ChatId == FirstMember + i));
        Assert.InRange(duplicates, 0, MaxConcurrency);
        Assert.DoesNotContain(api.Requests, r => r.StatusCode == 429);
    }

    private IReadOnlyList<RecordedRequest> Sent() =>
        api.RequestsOf("sendMessage").Where(r => r.StatusCode == 200 && r.ChatId >= FirstMember).ToList();

    private int NotSentRows()
    {
        using var db = Context();
        return db.Outbox.Count(o => o.Kind == OutboxKind.SendMessage && o.ChatId >= FirstMember && o.Status != OutboxStatus.Sent);
    }

    private BotDbContext Context()
    {
        // Unpooled: the test deletes the folder afterwards, and a pooled connection would keep the file open. The
        // migration context, as the test creates the database before the bot first starts.
        return PersistenceServiceCollectionExtensions.MigrationContext($"Data Source={Database};Pooling=False");
    }

    /// <summary>A reminder's worth of messages, queued as a fan-out queues them, before the bot first starts.</summary>
    private async Task QueueBroadcast()
    {
        await using var db = Context();
        await db.Database.MigrateAsync();
        var outbox = new OutboxWriter(db, TimeProvider.System);
        for (var i = 0; i < Members; i++)
        {
            api.OpenPrivateChat(FirstMember + i);
            outbox.Send(FirstMember + i, Html.Raw($"Erinnerung {i}: morgen 19:00 Stammtisch"), urgency: Urgency.Bulk);
        }

        await db.SaveChangesAsync();
    }

    private Process StartBot()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Bot.dll")])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Telegram__BotToken"] = api.Token;
        start.Environment["Telegram__ApiBaseUrl"] = api.BaseUrl;
        start.Environment["Telegram__PollingTimeoutSeconds"] = "1";
        start.Environment["Telegram__Limits__MaxConcurrency"] = MaxConcurrency.ToString(CultureInfo.InvariantCulture);
        start.Environment["ConnectionStrings__Bot"] = $"Data Source={Database}";
        start.Environment["Bot__Admins__0"] = "1000";
        start.Environment["Bot__QuietHours"] = "";
        start.Environment["Jobs__AutoStart"] = "false";
        start.Environment["Urls"] = "http://127.0.0.1:0";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, e) => Log(e.Data);
        process.ErrorDataReceived += (_, e) => Log(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Log(string? line)
    {
        if (line is not null)
        {
            try
            {
                output.WriteLine(line);
            }
            catch (InvalidOperationException)
            {
                // The test has ended; a dying process's last words have nowhere to go.
            }
        }
    }
}
