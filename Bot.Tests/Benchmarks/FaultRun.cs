using System.Globalization;
using Bot.Tests.Faults;
using Bot.Tests.Support;

namespace Bot.Benchmarks;

/// <summary>The fault suite at full size (<c>--faults</c>): the same scenarios the tests run small
/// (<see cref="FaultScenario"/>), at 10,000 members by default, printed as one table with a column per setup.</summary>
internal static class FaultRun
{
    public static async Task<int> Run(FaultOptions options, bool sqlite, bool postgreSql)
    {
        var culture = CultureInfo.InvariantCulture;
        Report.Line(string.Create(culture,
            $"Fault suite: {options.Members:N0} members, rate {options.Rate}/s{(options.Rate > 30 ? " (paid broadcast)" : "")}, seed {options.Seed}, {options.ServerErrorShare:P0} of sends 5xx, {options.BlockedShare:P0} blocked, a {options.StormLength.TotalSeconds:0} s 429 storm after the kill"));
        Report.Line(string.Create(culture, $"Machine: {Environment.ProcessorCount} logical CPUs, {Environment.OSVersion}, .NET {Environment.Version}, load average before: {LoadAverage()}"));

        // The bots' own logs are not the measurement (the report counts what the fake received); they go to a file.
        var logFile = Path.Combine(Path.GetTempPath(), "bot-faults.log");
        await using var logWriter = new StreamWriter(logFile);
        var logLock = new Lock();
        void Log(string line)
        {
            lock (logLock)
            {
                logWriter.WriteLine(line);
            }
        }

        Report.Line($"The bots' logs: {logFile}");
        var reports = new List<FaultReport>();
        if (sqlite)
        {
            reports.Add(await FaultScenario.KilledAndRestarted(options, Log));
        }

        if (postgreSql)
        {
            var server = new PostgreSqlServer();
            await server.InitializeAsync();
            try
            {
                var database = await server.CreateDatabase();
                reports.Add(await FaultScenario.TwoInstancesOneKilled(options, database, Log));
            }
            finally
            {
                await server.DisposeAsync();
            }
        }

        Report.Line(string.Create(culture, $"Load average after: {LoadAverage()}"));
        Report.Line("");
        var tables = reports.Select(r => r.Lines()).ToList();
        Report.Line("| | " + string.Join(" | ", tables.Select(t => t[0].Value)) + " |");
        Report.Line("|---|" + string.Concat(tables.Select(_ => "---:|")));
        for (var row = 1; row < tables[0].Count; row++)
        {
            Report.Line($"| {tables[0][row].Label} | " + string.Join(" | ", tables.Select(t => t[row].Value)) + " |");
        }

        return reports.All(r => r.Holds) ? 0 : 1;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
