namespace Bot.Telegram.Outbox;

/// <summary>Spaces sends at a steady rate with a small burst allowance (the generic cell rate algorithm): cheap,
/// exact, and driven by the injected clock, so tests move time instead of sleeping.</summary>
internal sealed class Pacer(TimeSpan interval, int burst)
{
    private readonly TimeSpan tolerance = interval * Math.Max(0, burst - 1);
    private DateTimeOffset theoreticalArrival = DateTimeOffset.MinValue;

    public TimeSpan Interval => interval;

    /// <summary>How long until the next send is allowed; zero when it is allowed now.</summary>
    public TimeSpan Wait(DateTimeOffset now)
    {
        if (theoreticalArrival == DateTimeOffset.MinValue)
        {
            return TimeSpan.Zero;
        }

        var allowedAt = theoreticalArrival - tolerance;
        return allowedAt > now ? allowedAt - now : TimeSpan.Zero;
    }

    public void Take(DateTimeOffset now) =>
        theoreticalArrival = (theoreticalArrival > now ? theoreticalArrival : now) + interval;

    /// <summary>True once the pacer has forgotten every send, so it can be dropped from a table of chats.</summary>
    public bool IsIdle(DateTimeOffset now) => theoreticalArrival <= now;
}
