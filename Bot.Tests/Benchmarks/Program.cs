using System.Globalization;
using Bot.Benchmarks;

// dotnet run -c Release --project Bot.Tests/Benchmarks -- [--members 10000] [--rate 30] [--repeat 3] [--timeout-minutes 30] [--concurrency N]
// A rate above 30 is a paid broadcast (Telegram:Limits:PaidBroadcast, up to 1000 per second). See BENCHMARKS.md.
var options = Options.Parse(args);
if (options is null)
{
    global::System.Console.Error.WriteLine("usage: Bot.Benchmarks [--members N (1-100000)] [--rate R (1-1000)] [--repeat N (1-20)] [--timeout-minutes M] [--concurrency N (1-256, default: the bot's)]");
    return 2;
}

var culture = CultureInfo.InvariantCulture;
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

internal sealed record Options(int Members, int Rate, int Repeat, TimeSpan Timeout, int Concurrency)
{
    public static Options? Parse(string[] args)
    {
        var values = new Dictionary<string, int> { ["--members"] = 10_000, ["--rate"] = 30, ["--repeat"] = 3, ["--timeout-minutes"] = 30, ["--concurrency"] = 0 };
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!values.ContainsKey(args[i]) || i + 1 >= args.Length
                || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            values[args[i]] = value;
        }

        var options = new Options(values["--members"], values["--rate"], values["--repeat"], TimeSpan.FromMinutes(values["--timeout-minutes"]), values["--concurrency"]);
        return options is { Members: >= 1 and <= 100_000, Rate: >= 1 and <= 1000, Repeat: >= 1 and <= 20, Concurrency: >= 0 and <= 256 } && options.Timeout > TimeSpan.Zero
            ? options
            : null;
    }
}
