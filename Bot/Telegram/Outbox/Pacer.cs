namespace Bot.Telegram.Outbox;

/// <summary>Spaces sends at a steady rate with a small burst allowance (the generic cell rate algorithm): cheap,
/// exact, and driven by the injected clock, so tests move time instead of sleeping. With
/// <paramref name="perSecond"/> it also never lets more than that many sends into any <paramref name="window"/>
/// (a second, or a little more to leave room for requests that reach Telegram late): the burst smooths the pace,
/// but cannot add to what Telegram counts per second.</summary>
internal sealed class Pacer(TimeSpan interval, int burst, int? perSecond = null, TimeSpan? window = null)
{
    private readonly TimeSpan second = window ?? TimeSpan.FromSeconds(1);

    private readonly TimeSpan tolerance = interval * Math.Max(0, burst - 1);
    private readonly Queue<DateTimeOffset> lastSecond = new();
    private DateTimeOffset theoreticalArrival = DateTimeOffset.MinValue;

    public TimeSpan Interval => interval;

    /// <summary>How long until the next send is allowed; zero when it is allowed now.</summary>
    public TimeSpan Wait(DateTimeOffset now)
    {
        var wait = TimeSpan.Zero;
        if (theoreticalArrival != DateTimeOffset.MinValue && theoreticalArrival - tolerance > now)
        {
            wait = theoreticalArrival - tolerance - now;
        }

        if (perSecond is { } cap)
        {
            Forget(now);
            if (lastSecond.Count >= cap)
            {
                // The oldest send in the window must be more than a window ago: a closed window holds at most cap.
                var allowedAt = lastSecond.Peek() + second + TimeSpan.FromTicks(1);
                wait = allowedAt - now > wait ? allowedAt - now : wait;
            }
        }

        return wait;
    }

    public void Take(DateTimeOffset now)
    {
        theoreticalArrival = (theoreticalArrival > now ? theoreticalArrival : now) + interval;
        if (perSecond is not null)
        {
            Forget(now);
            lastSecond.Enqueue(now);
        }
    }

    /// <summary>True once the pacer has forgotten every send, so it can be dropped from a table of chats.</summary>
    public bool IsIdle(DateTimeOffset now) => theoreticalArrival <= now;

    private void Forget(DateTimeOffset now)
    {
        while (lastSecond.Count > 0 && lastSecond.Peek() < now - second)
        {
            lastSecond.Dequeue();
        }
    }
}
