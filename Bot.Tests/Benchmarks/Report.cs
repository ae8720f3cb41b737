using System.Globalization;

namespace Bot.Benchmarks;

/// <summary>Prints each fan-out run and the median and spread over all runs, and the sweep mode's table.</summary>
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
            $"queued→received p50 {d.LatencyP50.TotalSeconds:F1} s, p99 {d.LatencyP99.TotalSeconds:F1} s; longest gap {Ms(d.LongestGap)}, {d.Stalls} stalls costing {d.StalledFor.TotalSeconds:F1} s; not sent: {d.NotSent}; warnings: {d.Warnings}; CPU {result.CpuShare:P0} of a core, {result.CpuPerMessage.TotalMilliseconds:F2} ms per reminder, of which compiling code {result.JitPerMessage.TotalMilliseconds:F2} ms"));
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
        Row(results, "of which compiling code (JIT) meanwhile", r => r.JitPerMessage.TotalMilliseconds, "F2", " ms");
        Row(results, "process CPU per reminder without compiling", r => (r.CpuPerMessage - r.JitPerMessage).TotalMilliseconds, "F2", " ms");
        Row(results, "reminders not sent", r => r.Dispatch.NotSent, "F0", "");
    }

    private static void Row(IReadOnlyList<RunResult> results, string name, Func<RunResult, double> value, string format, string unit)
    {
        var values = results.Select(value).Order().ToList();
        var median = Median(values);
        Line(string.Create(Invariant, $"| {name} | {median.ToString(format, Invariant)}{unit} | {values[0].ToString(format, Invariant)}{unit} | {values[^1].ToString(format, Invariant)}{unit} |"));
    }

    /// <summary>The sweep mode's table: the first sweep, the quiet minutes (median and max of each column), the sweep
    /// after one changed answer.</summary>
    public static void Sweep(SweepResult r)
    {
        Line(string.Create(Invariant,
            $"seeded {r.Members:N0} members and memberships in {Ms(r.SeedMembers)}, {r.Events * (long)r.Members:N0} answers in {r.SeedAnswers.TotalSeconds:F1} s, WAL checkpoint {r.Checkpoint.TotalSeconds:F1} s; database {r.DatabaseBytes / 1e6:F0} MB"));
        Line("");
        Line(string.Create(Invariant,
            $"| sweep, {r.Events:N0} events × {r.Members:N0} members ({r.Events * (long)r.Members:N0} yes answers) | wall | store reads | events looked at | answers read | plans written | allocated | peak heap above baseline | GCs gen 0/1/2 | sent |"));
        Line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        SweepRow("first sweep (no plans yet: reads every answer)", [r.First], Median);
        SweepRow(string.Create(Invariant, $"quiet minute, median of {r.Quiet.Count}"), r.Quiet, Median);
        SweepRow(string.Create(Invariant, $"quiet minute, max of {r.Quiet.Count}"), r.Quiet, v => v[^1]);
        SweepRow("after one member changed one answer", [r.AfterChange], Median);
        Line("");
        Line(string.Create(Invariant, $"process peak working set: {r.PeakWorkingSet / 1e6:F0} MB"));
        foreach (var problem in r.Unexpected)
        {
            Line("NOT AS EXPECTED: " + problem);
        }
    }

    private static void SweepRow(string name, IReadOnlyList<SweepMeasure> measures, Func<List<double>, double> pick)
    {
        double Of(Func<SweepMeasure, double> value) => pick([.. measures.Select(value).Order()]);
        Line(string.Create(Invariant,
            $"| {name} | {Of(m => m.Wall.TotalMilliseconds):F1} ms | {Of(m => m.Reading.TotalMilliseconds):F1} ms | {Of(m => m.EventsLookedAt):N0} | {Of(m => m.AnswersRead):N0} | {Of(m => m.PlansWritten):N0} " +
            $"| {Bytes(Of(m => m.Allocated))} | {Bytes(Of(m => m.PeakHeap))} | {Of(m => m.Collections[0]):F0}/{Of(m => m.Collections[1]):F0}/{Of(m => m.Collections[2]):F0} | {Of(m => m.Sent):F0} |"));
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    private static string Bytes(double bytes) => bytes switch
    {
        >= 1e6 => (bytes / 1e6).ToString("F1", Invariant) + " MB",
        >= 1e3 => (bytes / 1e3).ToString("F0", Invariant) + " kB",
        _ => bytes.ToString("F0", Invariant) + " B",
    };

    public static void Line(string text) => global::System.Console.WriteLine(text);

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("F0", Invariant) + " ms";
}
