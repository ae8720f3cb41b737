using Bot.Domain.Canvassing;
using Quartz;

namespace Bot.Jobs;

/// <summary>Every minute: the staffing checks and the questions for results that are due by the scheduled fire
/// time. After downtime Quartz fires it once at start, and what was missed is done then, once.</summary>
[DisallowConcurrentExecution]
public sealed class ShiftSweepJob(ShiftSweep sweep) : IJob
{
    public static readonly JobKey Key = new("shift-sweep", "shifts");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await sweep.Run(JobTime.Of(context), cancellationToken);
}
