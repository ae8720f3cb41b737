using System.Diagnostics;
using System.Globalization;
using Bot.Domain.Messaging;
using Bot.Telegram.Outbox;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Benchmarks;

/// <summary>The dispatcher's recording of answers alone: <see cref="OutboxQueue.Record"/> called with batches of
/// successful sendMessage answers for reminder rows, as the dispatcher calls it during a fan-out, without the HTTP
/// requests, the fake server, the pace or the fan-out's own writes that the fan-out's CPU per send also holds. The
/// rows wait a month, so the running dispatcher leaves them alone.</summary>
internal static class RecordRun
{
    private const long FirstChat = 5_000_000;

    public static async Task<int> Run(int rows, int batch)
    {
        Report.Line(string.Create(CultureInfo.InvariantCulture, $"Recording answers: {rows:N0} reminder rows sent, recorded {batch} per batch"));
        Report.Line(string.Create(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} logical CPUs, load average {File.ReadAllText("/proc/loadavg").Trim()}"));
        // A small run first, not reported: the first host in a process pays for JIT compilation and EF's model building.
        await Once(200, batch);
        var (cpu, wall) = await Once(rows, batch);
        Report.Line(string.Create(CultureInfo.InvariantCulture,
            $"process CPU {cpu.TotalMilliseconds / rows:F3} ms per row, {cpu.TotalMilliseconds * batch / rows:F2} ms per batch; wall {wall.TotalMilliseconds / rows:F3} ms per row"));
        return 0;
    }

    private static async Task<(TimeSpan Cpu, TimeSpan Wall)> Once(int rows, int batch)
    {
        await using var bot = await TestBot.Start(new Dictionary<string, string?>(), services =>
            services.Configure<LoggerFilterOptions>(o => o.MinLevel = LogLevel.Warning));
        var now = bot.Clock.GetUtcNow().UtcDateTime;
        var waiting = await bot.Db(async db =>
        {
            var made = Enumerable.Range(0, rows).Select(i => new OutboxMessage
            {
                Kind = OutboxKind.SendMessage,
                ChatId = FirstChat + i,
                Text = "Erinnerung: <b>Infostand &amp; Haustürwahlkampf</b> morgen um 18:00, Marktplatz &lt;am Brunnen&gt;",
                Urgency = Urgency.Bulk,
                Tag = OutboxNotices.ReminderTag(1),
                CreatedAt = now,
                NotBefore = now + TimeSpan.FromDays(30),
            }).ToList();
            db.Outbox.AddRange(made);
            await db.SaveChangesAsync();
            return made;
        });

        var queue = bot.Services.GetRequiredService<OutboxQueue>();
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        foreach (var chunk in waiting.Chunk(batch))
        {
            var answered = bot.Clock.GetUtcNow();
            await queue.Record([.. chunk.Select(row => (row, new SendOutcome(null, row.Id, answered, answered)))], CancellationToken.None);
        }

        wall.Stop();
        process.Refresh();
        return (process.TotalProcessorTime - cpuBefore, wall.Elapsed);
    }
}
