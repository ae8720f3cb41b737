using Xunit.Abstractions;

namespace Bot.Tests.Faults;

/// <summary>The fault suite (issue 16): the bot as real processes against the fake Bot API answering 10% of sends
/// 5xx, with 5% of members blocked and a 429 storm, the sender killed with SIGKILL in the middle of a broadcast.
/// What members notice: each reachable one gets their message, once but for the few sends in flight at the kill;
/// nobody who blocked the bot is written to again after the bot learnt it; Telegram never has to slow the bot down
/// for its own pace. Small here (a paid broadcast at 100/s, which the fake holds the bot to); the same scenario at
/// 10,000 members is the benchmark program's <c>--faults</c> (BENCHMARKS.md).</summary>
public sealed class FaultSuiteTests(ITestOutputHelper output)
{
    internal static readonly FaultOptions Small = new()
    {
        Members = 400,
        Rate = 100,
        Patience = TimeSpan.FromMinutes(2),
    };

    [Fact]
    public async Task A_broadcast_under_faults_killed_and_restarted_reaches_every_reachable_member_with_at_most_the_sends_in_flight_repeated()
    {
        var report = await FaultScenario.KilledAndRestarted(Small, Log(output));

        Verify(report, output);
    }

    internal static void Verify(FaultReport report, ITestOutputHelper output)
    {
        foreach (var (label, value) in report.Lines())
        {
            output.WriteLine($"{label}: {value}");
        }

        Assert.Equal(20, report.Blocked);
        Assert.Equal(report.MaxConcurrency, report.HeldAtKill);
        Assert.InRange(report.ServerErrors, 1, report.Requests);
        Assert.True(report.StormSeen, "the storm never broke: nothing was sent after the kill");
        Assert.Equal(0, report.Missing);
        Assert.Equal(0, report.WrongText);
        Assert.InRange(report.Duplicates + report.BlockedRepeatedAfterKill, 0, report.RepeatBound);
        Assert.Equal(0, report.SentAfter403);
        Assert.Equal(0, report.PaceAnswers);
        Assert.Equal(0, report.Unexplained429);
        Assert.InRange(report.StormAnswers, 1, report.StormBound);
        Assert.Equal(report.Members - report.Blocked, report.RowsSent);
        Assert.Equal(report.Blocked, report.RowsUndeliverable);
        Assert.Equal(0, report.RowsUnsettled);
        Assert.True(report.Holds);
    }

    internal static Action<string> Log(ITestOutputHelper output) => line =>
    {
        try
        {
            output.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The test has ended; a dying process's last words have nowhere to go.
        }
    };
}
