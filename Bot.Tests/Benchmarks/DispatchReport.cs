using Bot.Tests.Fakes;

namespace Bot.Benchmarks;

/// <summary>What the fake Bot API saw of one fan-out's sends, with the arrival times it recorded.</summary>
/// <param name="Sent">Reminders Telegram accepted.</param>
/// <param name="Span">From the first reminder's arrival to the last one's.</param>
/// <param name="AchievedPerSecond">Intervals per second between first and last: (sent − 1) / span.</param>
/// <param name="TooManyRequests">429 answers (the fake only gives them when told to, so this should be 0).</param>
/// <param name="MaxInAnySecond">The most reminders that arrived within any one second (a sliding window).</param>
/// <param name="WindowsOverRate">Sliding one-second windows (one starting at each arrival) holding more than the rate.</param>
/// <param name="SecondsOverRate">Whole seconds, counted from the first arrival, holding more than the rate.</param>
/// <param name="LatencyP50">Half the reminders arrived within this long of being queued.</param>
/// <param name="LatencyP99">99 % of the reminders arrived within this long of being queued.</param>
/// <param name="LongestGap">The longest time between two arrivals in a row.</param>
/// <param name="Stalls">Gaps between arrivals longer than the pacer's burst allowance (interval × 3), where the
/// dispatcher fell behind and the lost time cannot be made up.</param>
/// <param name="StalledFor">Those gaps' time beyond one interval each: what they cost the span.</param>
/// <param name="NotSent">Outbox rows of the fan-out that did not end as sent.</param>
/// <param name="Warnings">Warnings and errors the bot logged meanwhile.</param>
internal sealed record DispatchReport(
    int Sent,
    int Rate,
    TimeSpan Span,
    double AchievedPerSecond,
    int TooManyRequests,
    int MaxInAnySecond,
    int WindowsOverRate,
    int SecondsOverRate,
    TimeSpan LatencyP50,
    TimeSpan LatencyP99,
    TimeSpan LongestGap,
    int Stalls,
    TimeSpan StalledFor,
    int NotSent,
    int Warnings)
{
    public double ShareOfRate => AchievedPerSecond / Rate;

    public static DispatchReport Of(IReadOnlyList<RecordedRequest> sends, int rate, IReadOnlyDictionary<long, DateTime> queuedAt, int notSent, int warnings)
    {
        var accepted = sends.Where(s => s.Succeeded).OrderBy(s => s.ReceivedAt).ToList();
        var arrivals = accepted.Select(s => s.ReceivedAt).ToList();
        var span = arrivals.Count > 1 ? arrivals[^1] - arrivals[0] : TimeSpan.Zero;
        var achieved = span > TimeSpan.Zero ? (arrivals.Count - 1) / span.TotalSeconds : 0;

        var second = TimeSpan.FromSeconds(1);
        int maxInWindow = 0, windowsOver = 0;
        for (int start = 0, end = 0; start < arrivals.Count; start++)
        {
            while (end < arrivals.Count && arrivals[end] - arrivals[start] < second)
            {
                end++;
            }

            var inWindow = end - start;
            maxInWindow = Math.Max(maxInWindow, inWindow);
            windowsOver += inWindow > rate ? 1 : 0;
        }

        var secondsOver = arrivals.Count == 0
            ? 0
            : arrivals.GroupBy(a => (long)((a - arrivals[0]) / second)).Count(g => g.Count() > rate);

        var interval = TimeSpan.FromSeconds(1.0 / rate);
        var gaps = arrivals.Zip(arrivals.Skip(1), (a, b) => b - a).ToList();
        var stalls = gaps.Where(g => g > interval * 3).ToList();

        var latencies = accepted
            .Where(s => s.ChatId is { } chat && queuedAt.ContainsKey(chat))
            .Select(s => s.ReceivedAt.UtcDateTime - queuedAt[s.ChatId!.Value])
            .Order()
            .ToList();

        return new DispatchReport(
            accepted.Count,
            rate,
            span,
            achieved,
            sends.Count(s => s.StatusCode == 429),
            maxInWindow,
            windowsOver,
            secondsOver,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.99),
            gaps.Count == 0 ? TimeSpan.Zero : gaps.Max(),
            stalls.Count,
            stalls.Aggregate(TimeSpan.Zero, (sum, g) => sum + g - interval),
            notSent,
            warnings);
    }

    private static TimeSpan Percentile(List<TimeSpan> sorted, double p) =>
        sorted.Count == 0 ? TimeSpan.Zero : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
