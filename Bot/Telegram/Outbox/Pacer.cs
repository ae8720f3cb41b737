namespace Bot.Telegram.Outbox;

/// <summary>Spaces sends at a steady rate with a small burst allowance (the generic cell rate algorithm): cheap,
/// exact, and driven by the injected clock, so tests move time instead of sleeping. With
/// <paramref name="perSecond"/> it also never lets more than that many sends into any second as Telegram counts
/// them, whenever within its request Telegram does: a send counts from the moment it is granted until a second after
/// its request came back (<see cref="Answered"/>), so no delay between the grant and Telegram's count (a wait for a
/// free slot, a busy machine, a slow network) can put more than the rate into one of Telegram's seconds.</summary>
internal sealed class Pacer(TimeSpan interval, int burst, int? perSecond = null)
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private readonly TimeSpan tolerance = interval * Math.Max(0, burst - 1);
    private readonly Queue<DateTimeOffset> answeredLastSecond = new();
    private DateTimeOffset theoreticalArrival = DateTimeOffset.MinValue;
    private int open;

    public TimeSpan Interval => interval;

    /// <summary>How long until the next send is allowed; zero when it is allowed now. While the rate is filled by
    /// requests that have not come back, it is a guess (the interval): an answer may free a place sooner.</summary>
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
            if (open + answeredLastSecond.Count >= cap)
            {
                // The oldest answer in the window must be more than a second ago: no second then holds more than cap.
                var allowedAt = answeredLastSecond.Count > 0 ? answeredLastSecond.Peek() + Second + TimeSpan.FromTicks(1) : now + interval;
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
            open++;
        }
    }

    /// <summary>A granted send's request came back (answered, failed, or given up): it counts for a second more.</summary>
    public void Answered(DateTimeOffset now)
    {
        if (perSecond is null || open == 0)
        {
            return;
        }

        open--;
        Forget(now);
        answeredLastSecond.Enqueue(now);
    }

    /// <summary>True once the pacer has forgotten every send, so it can be dropped from a table of chats.</summary>
    public bool IsIdle(DateTimeOffset now) => theoreticalArrival <= now && open == 0;

    private void Forget(DateTimeOffset now)
    {
        while (answeredLastSecond.Count > 0 && answeredLastSecond.Peek() < now - Second)
        {
            answeredLastSecond.Dequeue();
        }
    }
}
