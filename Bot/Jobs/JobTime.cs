using Quartz;

namespace Bot.Jobs;

/// <summary>The moment a job acts for. Normally the time it was scheduled for, so a firing a little late on a busy
/// machine still covers exactly its minute. But a firing that another cluster node took over after its holder died
/// (<see cref="IJobExecutionContext.Recovering"/>) carries the dead node's old scheduled time, possibly hours ago:
/// acting for then would send a reminder for an event that has begun since. It acts for now.</summary>
public static class JobTime
{
    public static DateTimeOffset Of(IJobExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Recovering ? context.FireTimeUtc : context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
    }
}
