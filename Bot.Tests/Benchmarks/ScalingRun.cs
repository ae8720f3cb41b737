using System.Diagnostics;
using System.Globalization;
using Bot.Telegram.Outbox;
using Bot.Tests.Support;

namespace Bot.Benchmarks;

/// <summary>Issue 16's figures side by side in one run (<c>--scaling</c>): intake on SQLite and PostgreSQL, polling
/// and webhook; interactive presses during a broadcast; the share of 30/s and of 1000/s reached; CPU per send with
/// the fake's own cost taken out; memory during a 10,000-member fan-out. Each part runs the existing mode's code
/// (<see cref="LoadRun"/>, <see cref="FanOutRun"/>) and is bounded; a part that fails or would start after the time
/// budget is reported as such in its cells, and the others still run.</summary>
internal static class ScalingRun
{
    private const string Sqlite = "SQLite";
    private const string Postgres = "PostgreSQL";
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static async Task<int> Run(ScalingOptions o)
    {
        var clock = Stopwatch.StartNew();
        var failed = 0;
        Report.Line(string.Create(Invariant, $"Scaling side by side: intake {o.Intake:N0} updates; {o.Presses} presses during a {o.Broadcast:N0}-message broadcast at 30/s; 30/s with {o.PacedMembers:N0} members; 1000/s, CPU and memory with {o.Members:N0} members; PostgreSQL {(o.Postgres ? "on" : "off")}; budget {o.Budget.TotalMinutes:F0} min"));
        Report.Line(string.Create(Invariant, $"Machine: {Environment.ProcessorCount} logical CPUs, {Environment.OSVersion}, .NET {Environment.Version}; load average at start: {LoadAverage()}"));

        // Each part runs once its turn comes, unless the budget is spent; its cell says what became of it.
        async Task<T?> Part<T>(string name, Func<Task<T>> run)
            where T : class
        {
            if (clock.Elapsed > o.Budget)
            {
                Report.Line($"[{Elapsed(clock)}] {name}: skipped, the {o.Budget.TotalMinutes:F0}-minute budget is spent");
                return null;
            }

            Report.Line($"[{Elapsed(clock)}] {name} …");
            try
            {
                return await run();
            }
            catch (Exception ex)
            {
                failed++;
                Report.Line($"[{Elapsed(clock)}] {name} FAILED: {ex.GetType().Name}: {ex.Message}");
                return null;
            }
        }

        PostgreSqlServer? server = null;
        var serverProblem = o.Postgres ? null : "not asked for (--postgres 0)";
        if (o.Postgres)
        {
            server = await Part("starting a PostgreSQL server", async () =>
            {
                var started = new PostgreSqlServer();
                await started.InitializeAsync();
                return started;
            });
            serverProblem = server is null ? "the server did not start (see above)" : null;
        }

        try
        {
            var providers = new List<(string Name, PostgreSqlServer? Server)> { (Sqlite, null) };
            if (server is not null)
            {
                providers.Add((Postgres, server));
            }

            var intake = new Dictionary<(string, bool), PressesResult?>();
            foreach (var (name, postgres) in providers)
            {
                foreach (var webhook in new[] { false, true })
                {
                    var label = $"intake, {name}, {(webhook ? "webhook" : "polling")}";
                    intake[(name, webhook)] = await Part(label, async () =>
                    {
                        // A small run first, not reported: each kind of host pays for JIT compilation and EF's model once.
                        await LoadRun.Presses(50, webhook, postgres);
                        var result = await LoadRun.Presses(o.Intake, webhook, postgres);
                        LoadRun.ReportPresses(result);
                        return result;
                    });
                }
            }

            var interactive = new Dictionary<string, BroadcastPresses?>();
            foreach (var (name, postgres) in providers)
            {
                interactive[name] = await Part($"presses during a broadcast, {name}", async () =>
                {
                    var result = await LoadRun.PressesDuringBroadcast(o.Broadcast, o.Presses, TimeSpan.FromSeconds(o.PressSeconds), postgres);
                    LoadRun.ReportBroadcastPresses(result);
                    return result;
                });
            }

            var paced = await Part(string.Create(Invariant, $"fan-out of {o.PacedMembers:N0} at 30/s"), () => FanOut(o.PacedMembers, 30));
            MemorySampler? memory = null;
            var paid = await Part(string.Create(Invariant, $"fan-out of {o.Members:N0} at 1000/s (paid broadcast), memory sampled"), async () =>
            {
                await FanOutRun.Once(Math.Min(o.Members, 200), 1000, 0, TimeSpan.FromMinutes(2), CancellationToken.None);
                RunResult result;
                await using (memory = MemorySampler.Start())
                {
                    result = await FanOutRun.Once(o.Members, 1000, 0, FanOutTimeout(o.Members, 1000), CancellationToken.None);
                }

                Report.Run(1, result);
                return result;
            });
            var sample = (paid ?? paced)?.SampleRequest;
            var fakeCost = sample is null
                ? null
                : await Part(string.Create(Invariant, $"the fake alone answering {o.Members:N0} replayed sendMessage requests"), async () =>
                {
                    var result = await FakeCost.PerRequest(sample, o.Members, new OutboxOptions().MaxConcurrency, CancellationToken.None);
                    Report.Line(string.Create(Invariant, $"fake + plain HttpClient: {result.PerRequest.TotalMilliseconds:F3} ms of process CPU per sendMessage"));
                    return result;
                });

            Report.Line($"[{Elapsed(clock)}] done; load average at the end: {LoadAverage()}");
            Report.Line("");
            Table(o, intake, interactive, paced, paid, memory, fakeCost?.PerRequest, serverProblem);
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }

        return failed == 0 ? 0 : 1;
    }

    private static async Task<RunResult> FanOut(int members, int rate)
    {
        // A small run first, not reported, as the fan-out mode does.
        await FanOutRun.Once(Math.Min(members, 200), rate, 0, FanOutTimeout(200, rate), CancellationToken.None);
        var result = await FanOutRun.Once(members, rate, 0, FanOutTimeout(members, rate), CancellationToken.None);
        Report.Run(1, result);
        return result;
    }

    /// <summary>Twice the time the fan-out needs at its rate, and a minute more for the writes before it.</summary>
    private static TimeSpan FanOutTimeout(int members, int rate) => TimeSpan.FromSeconds((2.0 * members / rate) + 60);

    private static void Table(
        ScalingOptions o,
        Dictionary<(string, bool), PressesResult?> intake,
        Dictionary<string, BroadcastPresses?> interactive,
        RunResult? paced,
        RunResult? paid,
        MemorySampler? memory,
        TimeSpan? fakeCost,
        string? serverProblem)
    {
        var notRun = "not measured (see above)";
        string Pg(Func<string> cell) => serverProblem is null ? cell() : "— " + serverProblem;
        string IntakeCell(string provider, bool webhook, Func<PressesResult, string> cell) =>
            intake.GetValueOrDefault((provider, webhook)) is { } r ? cell(r) : notRun;
        string Rate(double perSecond) => perSecond.ToString("N0", Invariant) + "/s";

        Line("figure", "goal", Sqlite, Postgres);
        Report.Line("|---|---|---:|---:|");
        foreach (var webhook in new[] { false, true })
        {
            var mode = webhook ? "webhook" : "polling";
            Func<PressesResult, string> idle = webhook
                ? r => $"{Rate(r.IdleAppliedPerSecond)} ({Rate(r.IdleAcceptedPerSecond)} answered 200)"
                : r => Rate(r.IdleAppliedPerSecond);
            Func<PressesResult, string> presses = webhook
                ? r => $"{Rate(r.PressesAppliedPerSecond)} ({Rate(r.PressesAcceptedPerSecond)} answered 200)"
                : r => Rate(r.PressesAppliedPerSecond);
            Line(string.Create(Invariant, $"intake, {mode}: {o.Intake:N0} updates that ask for nothing, queued → all applied"), "≥ 2,000/s",
                IntakeCell(Sqlite, webhook, idle), Pg(() => IntakeCell(Postgres, webhook, idle)));
            Line(string.Create(Invariant, $"intake, {mode}: {o.Intake:N0} presses ✅ on one group card, queued → all applied"), "≥ 2,000/s",
                IntakeCell(Sqlite, webhook, presses), Pg(() => IntakeCell(Postgres, webhook, presses)));
        }

        string Press(string provider, Func<BroadcastPresses, string> cell) => interactive.GetValueOrDefault(provider) is { } r ? cell(r) : notRun;
        string Waits(IReadOnlyList<double> waits, int of) => waits.Count == 0
            ? "none"
            : string.Create(Invariant, $"{LoadRun.Percentile(waits, 0.50):F0} / {LoadRun.Percentile(waits, 0.99):F0} ms{(waits.Count < of ? $" ({waits.Count} of {of})" : "")}");
        string Answered(BroadcastPresses r) => Waits(r.AnswerWaits, r.Presses) + (r.BroadcastOutlastedPresses ? "" : " (broadcast ended first)");
        string Edited(BroadcastPresses r) => Waits(r.EditWaits, r.Presses);
        Line(string.Create(Invariant, $"press answered (answerCallbackQuery) during a {o.Broadcast:N0}-message broadcast at 30/s, p50 / p99"), "p99 ≤ 2 s",
            Press(Sqlite, Answered), Pg(() => Press(Postgres, Answered)));
        Line("the pressed card edited (what the presser sees change), same presses, p50 / p99", "p99 ≤ 2 s",
            Press(Sqlite, Edited), Pg(() => Press(Postgres, Edited)));
        string Meanwhile(BroadcastPresses r) => string.Create(Invariant, $"{r.SentMeanwhile:N0} in {r.Meanwhile.TotalSeconds:F0} s = {r.SentMeanwhile / r.Meanwhile.TotalSeconds:F1}/s");
        Line("broadcast messages the fake received while those presses were made and answered", "30/s",
            Press(Sqlite, Meanwhile), Pg(() => Press(Postgres, Meanwhile)));

        const string sqliteOnly = "— (SQLite only)";
        string Share(RunResult? r) => r is null ? notRun : string.Create(Invariant, $"{r.Dispatch.ShareOfRate:P1} ({r.Dispatch.AchievedPerSecond:F1}/s; {r.Dispatch.SecondsOverRate} whole seconds over, {r.Dispatch.TooManyRequests} × 429)");
        Line(string.Create(Invariant, $"share of 30/s reached, {o.PacedMembers:N0} members (≈ {o.PacedMembers / 30.0:F0} s of sending)"), "≥ 99 %", Share(paced), sqliteOnly);
        Line(string.Create(Invariant, $"share of 1000/s reached (paid broadcast), {o.Members:N0} members"), "≥ 97 %", Share(paid), sqliteOnly);

        string Cpu(RunResult? r) => r is null ? notRun : string.Create(Invariant, $"{r.CpuPerMessage.TotalMilliseconds:F2} ms ({r.CpuShare:P0} of a core)");
        string WithoutJit(RunResult? r) => r is null || fakeCost is null ? notRun
            : string.Create(Invariant, $"≈ {(r.CpuPerMessage - r.JitPerMessage - fakeCost.Value).TotalMilliseconds:F2} ms (compiling {r.JitPerMessage.TotalMilliseconds:F2} ms)");
        string Bot(RunResult? r) => r is null || fakeCost is null ? notRun : string.Create(Invariant, $"≈ {(r.CpuPerMessage - fakeCost.Value).TotalMilliseconds:F2} ms");
        Line("process CPU per send, bot + fake, at 30/s", "", Cpu(paced), sqliteOnly);
        Line("process CPU per send, bot + fake, at 1000/s", "", Cpu(paid), sqliteOnly);
        Line("process CPU per request, the fake + a plain HttpClient alone (replayed reminders, no bot)", "",
            fakeCost is { } fake ? string.Create(Invariant, $"{fake.TotalMilliseconds:F2} ms") : notRun, sqliteOnly);
        Line("CPU per send, the bot alone ≈ bot + fake − fake alone, at 30/s", "≤ 0.5 ms", Bot(paced), sqliteOnly);
        Line("CPU per send, the bot alone ≈ bot + fake − fake alone, at 1000/s", "≤ 0.5 ms", Bot(paid), sqliteOnly);
        Line("the same without the code compiled meanwhile (JIT: a new host's first minutes)", "≤ 0.5 ms", WithoutJit(paid), sqliteOnly);

        string Mb(long bytes) => (bytes / 1e6).ToString("N0", Invariant) + " MB";
        string Memory(Func<MemorySampler, string> cell) => paid is not null && memory is not null ? cell(memory) : notRun;
        Line(string.Create(Invariant, $"peak working set during the {o.Members:N0}-member fan-out (whole process)"), "",
            Memory(m => $"{Mb(m.PeakWorkingSet)} ({Mb(m.WorkingSetBefore)} before)"), sqliteOnly);
        Line("peak managed heap, garbage included / largest heap left after a collection", "",
            Memory(m => $"{Mb(m.PeakHeap)} / {Mb(m.PeakHeapAfterCollection)} ({Mb(m.HeapBefore)} before)"), sqliteOnly);

        Report.Line("");
        Report.Line("- intake: as `--load intake` / `--load webhook`: the bot on a fresh database, the updates queued at the fake in one go; \"applied\" = the fake's queue empty and the bot's inbox empty (every update processed); webhook in brackets: until every update was answered 200 (stored). Presses are in one group, so the webhook posts them one after another, as Telegram does.");
        Report.Line(string.Create(Invariant, $"- presses: {o.Presses} other members each press ✅ once on a card in their own chat, spread over {o.PressSeconds} s from the broadcast's first message (the 24 h reminder of an event, fanned out by the real sweep); each wait runs from the fake handing the update out to the fake receiving the answer or the edit."));
        Report.Line("- share: the reminder fan-out of the default mode (`--members N --rate R`), one run after an unreported small one; (sent − 1) / (last − first arrival) / rate.");
        Report.Line("- CPU: the process's CPU time from the fan-out's sweep to its last send, per reminder; the fake runs in the same process, so its cost, measured alone by replaying the same reminder body to a fresh fake from a plain HttpClient with as many requests in flight as the bot's dispatcher, is subtracted. The plain client's side of a request is in that baseline too, so \"the bot alone\" is the bot's cost beyond a bare HTTP POST.");
        Report.Line("- memory: sampled every 50 ms from before the host started to its disposal (host start, seeding the members, the sweep, every send), after a full collection; the fake server's records of every request are in the same process and counted.");
    }

    private static void Line(string figure, string goal, string sqlite, string postgres) =>
        Report.Line($"| {figure} | {goal} | {sqlite} | {postgres} |");

    private static string Elapsed(Stopwatch clock) => clock.Elapsed.ToString(@"mm\:ss", CultureInfo.InvariantCulture);

    /// <summary>The 1, 5 and 15 minute load averages (Linux), to judge how busy the machine was.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}

internal sealed record ScalingOptions(int Intake, int Broadcast, int Presses, int PressSeconds, int PacedMembers, int Members, bool Postgres, TimeSpan Budget)
{
    public static ScalingOptions? Parse(string[] args)
    {
        var v = IntOptions.Parse(args, new()
        {
            ["--intake"] = 1000,
            ["--broadcast"] = 5000,
            ["--presses"] = 100,
            ["--press-seconds"] = 60,
            ["--paced-members"] = 3000,
            ["--members"] = 10_000,
            ["--postgres"] = 1,
            ["--budget-minutes"] = 15,
        });
        if (v is null)
        {
            return null;
        }

        var o = new ScalingOptions(v["--intake"], v["--broadcast"], v["--presses"], v["--press-seconds"], v["--paced-members"], v["--members"], v["--postgres"] == 1, TimeSpan.FromMinutes(v["--budget-minutes"]));
        return o is { Intake: >= 1 and <= 5000, Broadcast: >= 1 and <= 100_000, Presses: >= 1 and <= 1000, PressSeconds: >= 1 and <= 600, PacedMembers: >= 1 and <= 100_000, Members: >= 1 and <= 100_000 }
            && v["--postgres"] is 0 or 1 && v["--budget-minutes"] is >= 1 and <= 180
            ? o
            : null;
    }
}
