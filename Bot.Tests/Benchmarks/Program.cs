using System.Globalization;
using Bot.Benchmarks;

// dotnet run -c Release --project Bot.Tests/Benchmarks -- [--members 10000] [--rate 30] [--repeat 3] [--timeout-minutes 30] [--concurrency N]
// dotnet run -c Release --project Bot.Tests/Benchmarks -- --sweep [--events 100] [--members 10000] [--quiet-minutes 20]
// dotnet run -c Release --project Bot.Tests/Benchmarks -- --load intake|webhook|callbacks|help|help-presses|edits|minute [--members N]
// dotnet run -c Release --project Bot.Tests/Benchmarks -- --scaling [--intake 1000] [--broadcast 5000] [--members 10000] …
// dotnet run -c Release --project Bot.Tests/Benchmarks -- --record [--rows 3000] [--batch 5]
// dotnet run -c Release --project Bot.Tests/Benchmarks -- --faults [--members 10000] [--rate 1000] [--seed 16] [--sqlite 1] [--postgresql 1]
// A rate above 30 is a paid broadcast (Telegram:Limits:PaidBroadcast, up to 1000 per second). See BENCHMARKS.md.
const string Usage = """
    usage: Bot.Benchmarks [--members N (1-100000)] [--rate R (1-1000)] [--repeat N (1-20)] [--timeout-minutes M] [--concurrency N (1-256, default: the bot's)]
           Bot.Benchmarks --sweep [--events E (1-1000)] [--members M (1-100000)] [--quiet-minutes Q (1-60)]   (E × M at most 5,000,000)
           Bot.Benchmarks --load intake|webhook|callbacks|help|help-presses|edits|minute [--members N (1-5000; defaults 2000, 2000, 1000, 2000, 1000, 1000, 1000)]
           Bot.Benchmarks --scaling [--intake N (1-5000, 1000)] [--broadcast N (5000)] [--presses N (1-1000, 100)] [--press-seconds S (1-600, 60)]
                                    [--paced-members N (3000)] [--members N (10000)] [--postgres 0|1 (1)] [--budget-minutes M (1-180, 15)]
           Bot.Benchmarks --record [--rows N (1-100000, 3000)] [--batch N (1-256, 5)]
           Bot.Benchmarks --faults [--members N (100-100000)] [--rate R (1-1000)] [--seed S] [--sqlite 0|1] [--postgresql 0|1 (each setup on or off; default both)]
    """;
var culture = CultureInfo.InvariantCulture;

if (args is ["--sweep", .. var sweepArgs])
{
    if (SweepOptions.Parse(sweepArgs) is not { } sweep)
    {
        global::System.Console.Error.WriteLine(Usage);
        return 2;
    }

    Report.Line(string.Create(culture, $"Reminder sweep: {sweep.Events:N0} events × {sweep.Members:N0} members, all yes; first sweep, {sweep.QuietMinutes} quiet minutes, one changed answer"));
    Report.Line(string.Create(culture, $"Machine: {Environment.ProcessorCount} logical CPUs, {Environment.OSVersion}, .NET {Environment.Version}"));

    // A small run first, not reported: the first host in a process pays for JIT compilation and EF's model building.
    await SweepRun.Once(2, 50, 2, CancellationToken.None);
    var result = await SweepRun.Once(sweep.Events, sweep.Members, sweep.QuietMinutes, CancellationToken.None);
    Report.Sweep(result);
    return result.Unexpected.Count == 0 ? 0 : 1;
}

if (args is ["--load", var mode, .. var loadArgs])
{
    var defaultMembers = mode is "callbacks" or "edits" or "minute" or "help-presses" ? 1000 : 2000;
    if (IntOptions.Parse(loadArgs, new() { ["--members"] = defaultMembers }) is not { } load || load["--members"] is < 1 or > 5000
        || mode is not ("intake" or "webhook" or "callbacks" or "help" or "help-presses" or "edits" or "minute"))
    {
        global::System.Console.Error.WriteLine(Usage);
        return 2;
    }

    return await LoadRun.Run(mode, load["--members"]);
}

if (args is ["--scaling", .. var scalingArgs])
{
    if (ScalingOptions.Parse(scalingArgs) is not { } scaling)
    {
        global::System.Console.Error.WriteLine(Usage);
        return 2;
    }

    return await ScalingRun.Run(scaling);
}

if (args is ["--record", .. var recordArgs])
{
    if (IntOptions.Parse(recordArgs, new() { ["--rows"] = 3000, ["--batch"] = 5 }) is not { } record || record["--rows"] is < 1 or > 100_000 || record["--batch"] is < 1 or > 256)
    {
        global::System.Console.Error.WriteLine(Usage);
        return 2;
    }

    return await RecordRun.Run(record["--rows"], record["--batch"]);
}

if (args is ["--faults", .. var faultArgs])
{
    if (IntOptions.Parse(faultArgs, new() { ["--members"] = 10_000, ["--rate"] = 1000, ["--seed"] = 16, ["--sqlite"] = 1, ["--postgresql"] = 1 }) is not { } faults
        || faults["--members"] is < 100 or > 100_000 || faults["--rate"] is < 1 or > 1000 || faults["--sqlite"] is not (0 or 1) || faults["--postgresql"] is not (0 or 1) || faults["--sqlite"] + faults["--postgresql"] == 0)
    {
        global::System.Console.Error.WriteLine(Usage);
        return 2;
    }

    var faultOptions = new Bot.Tests.Faults.FaultOptions { Members = faults["--members"], Rate = faults["--rate"], Seed = faults["--seed"] };
    return await FaultRun.Run(faultOptions, sqlite: faults["--sqlite"] == 1, postgreSql: faults["--postgresql"] == 1);
}

if (FanOutOptions.Parse(args) is not { } options)
{
    global::System.Console.Error.WriteLine(Usage);
    return 2;
}

Report.Line(string.Create(culture, $"Reminder fan-out: {options.Members:N0} members, rate {options.Rate}/s{(options.Rate > 30 ? " (paid broadcast)" : "")}, {options.Repeat} run(s){(options.Concurrency > 0 ? $", {options.Concurrency} requests in flight" : "")}"));
Report.Line(string.Create(culture, $"Machine: {Environment.ProcessorCount} logical CPUs, {Environment.OSVersion}, .NET {Environment.Version}"));
Report.Line("");

// A small run first, not reported: the first host in a process pays for JIT compilation and EF's model building.
await FanOutRun.Once(Math.Min(options.Members, 200), options.Rate, options.Concurrency, options.Timeout, CancellationToken.None);

var results = new List<RunResult>();
for (var i = 1; i <= options.Repeat; i++)
{
    var result = await FanOutRun.Once(options.Members, options.Rate, options.Concurrency, options.Timeout, CancellationToken.None);
    results.Add(result);
    Report.Run(i, result);
}

Report.Summary(results, options.Members);
return results.All(r => r.Dispatch.Sent == options.Members && r.Dispatch.NotSent == 0) ? 0 : 1;

internal sealed record FanOutOptions(int Members, int Rate, int Repeat, TimeSpan Timeout, int Concurrency)
{
    public static FanOutOptions? Parse(string[] args)
    {
        var values = IntOptions.Parse(args, new() { ["--members"] = 10_000, ["--rate"] = 30, ["--repeat"] = 3, ["--timeout-minutes"] = 30, ["--concurrency"] = 0 });
        if (values is null)
        {
            return null;
        }

        var options = new FanOutOptions(values["--members"], values["--rate"], values["--repeat"], TimeSpan.FromMinutes(values["--timeout-minutes"]), values["--concurrency"]);
        return options is { Members: >= 1 and <= 100_000, Rate: >= 1 and <= 1000, Repeat: >= 1 and <= 20, Concurrency: >= 0 and <= 256 } && options.Timeout > TimeSpan.Zero
            ? options
            : null;
    }
}

internal sealed record SweepOptions(int Events, int Members, int QuietMinutes)
{
    public static SweepOptions? Parse(string[] args)
    {
        var values = IntOptions.Parse(args, new() { ["--events"] = 100, ["--members"] = 10_000, ["--quiet-minutes"] = 20 });
        if (values is null)
        {
            return null;
        }

        var options = new SweepOptions(values["--events"], values["--members"], values["--quiet-minutes"]);
        return options is { Events: >= 1 and <= 1000, Members: >= 1 and <= 100_000, QuietMinutes: >= 1 and <= 60 } && (long)options.Events * options.Members <= 5_000_000
            ? options
            : null;
    }
}

internal static class IntOptions
{
    /// <summary>Pairs of a known option and a whole number, each option at most once; null for anything else.</summary>
    public static Dictionary<string, int>? Parse(string[] args, Dictionary<string, int> defaults)
    {
        var seen = new HashSet<string>();
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!defaults.ContainsKey(args[i]) || !seen.Add(args[i]) || i + 1 >= args.Length
                || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            defaults[args[i]] = value;
        }

        return defaults;
    }
}
