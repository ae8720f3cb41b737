using System.Globalization;

namespace Bot.Benchmarks;

/// <summary>Prints each run and the median and spread over all runs.</summary>
internal static class Report
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Run(int number, RunResult result)
    {
        var (f, d) = (result.FanOut, result.Dispatch);
        Line(string.Create(Invariant,
            $"run {number}: SendDue sent {f.Reminders:N0}: scheduling {Ms(f.Scheduling)}, queueing {Ms(f.Queueing)} in {f.Batches} batches ({Ms(f.Queueing / Math.Max(1, f.Reminders / 1000.0))} per 1,000); dry run (Due) {Ms(f.DryRun)}; " +
            $"dispatch {d.Sent:N0} in {d.Span.TotalSeconds:F1} s = {d.AchievedPerSecond:F2}/s = {d.ShareOfRate:P1} of {d.Rate}/s; " +
            $"429: {d.TooManyRequests}; max in any 1 s: {d.MaxInAnySecond} (windows over rate: {d.WindowsOverRate}, whole seconds over: {d.SecondsOverRate}); " +
            $"queued→received p50 {d.LatencyP50.TotalSeconds:F1} s, p99 {d.LatencyP99.TotalSeconds:F1} s; longest gap {Ms(d.LongestGap)}, {d.Stalls} stalls costing {d.StalledFor.TotalSeconds:F1} s; not sent: {d.NotSent}; warnings: {d.Warnings}; CPU {result.CpuShare:P0} of a core, {result.CpuPerMessage.TotalMilliseconds:F2} ms per reminder"));
    }

    public static void Summary(IReadOnlyList<RunResult> results, int members)
    {
        var batch = results[0].FanOut.BatchSize;
        Line("");
        Line(string.Create(Invariant, $"| {members:N0} members, {results.Count} run(s) | median | min | max |"));
        Line("|---|---:|---:|---:|");
        Row(results, "scheduling (SendDue's look: read answers, find who is due)", r => r.FanOut.Scheduling.TotalMilliseconds, "F0", " ms");
        Row(results, string.Create(Invariant, $"queueing (SendDue's ledger + outbox writes, {batch:N0} per transaction, and plans)"), r => r.FanOut.Queueing.TotalMilliseconds, "F0", " ms");
        Row(results, "scheduling + queueing per 1,000 reminders",
            r => (r.FanOut.Scheduling + r.FanOut.Queueing).TotalMilliseconds / Math.Max(1, r.FanOut.Reminders / 1000.0), "F0", " ms");
        Row(results, "dry run: ReminderService.Due (the same look, no writes)", r => r.FanOut.DryRun.TotalMilliseconds, "F0", " ms");
        Row(results, "dispatch span (first to last send)", r => r.Dispatch.Span.TotalSeconds, "F1", " s");
        Row(results, "achieved rate", r => r.Dispatch.AchievedPerSecond, "F2", "/s");
        Row(results, "share of configured rate", r => r.Dispatch.ShareOfRate * 100, "F1", " %");
        Row(results, "429 answers", r => r.Dispatch.TooManyRequests, "F0", "");
        Row(results, "most sends in any 1 s window", r => r.Dispatch.MaxInAnySecond, "F0", "");
        Row(results, "sliding 1 s windows over the rate", r => r.Dispatch.WindowsOverRate, "F0", "");
        Row(results, "whole seconds over the rate", r => r.Dispatch.SecondsOverRate, "F0", "");
        Row(results, "queued → received, p50", r => r.Dispatch.LatencyP50.TotalSeconds, "F1", " s");
        Row(results, "queued → received, p99", r => r.Dispatch.LatencyP99.TotalSeconds, "F1", " s");
        Row(results, "longest gap between two sends", r => r.Dispatch.LongestGap.TotalMilliseconds, "F0", " ms");
        Row(results, "stalls (gaps over 3 intervals)", r => r.Dispatch.Stalls, "F0", "");
        Row(results, "time lost in stalls", r => r.Dispatch.StalledFor.TotalSeconds, "F1", " s");
        Row(results, "process CPU (bot + fake server), share of one core", r => r.CpuShare * 100, "F0", " %");
        Row(results, "process CPU per reminder (queueing to sent)", r => r.CpuPerMessage.TotalMilliseconds, "F2", " ms");
        Row(results, "reminders not sent", r => r.Dispatch.NotSent, "F0", "");
    }

    private static void Row(IReadOnlyList<RunResult> results, string name, Func<RunResult, double> value, string format, string unit)
    {
        var values = results.Select(value).Order().ToList();
        var median = values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
        Line(string.Create(Invariant, $"| {name} | {median.ToString(format, Invariant)}{unit} | {values[0].ToString(format, Invariant)}{unit} | {values[^1].ToString(format, Invariant)}{unit} |"));
    }

    public static void Line(string text) => global::System.Console.WriteLine(text);

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("F0", Invariant) + " ms";
}
