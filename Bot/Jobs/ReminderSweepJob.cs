using Bot.Domain.Reminders;
using Quartz;

namespace Bot.Jobs;

/// <summary>Every minute: send the reminders due by the scheduled fire time. After downtime Quartz fires it once
/// at start (a misfire), and the sweep catches up on what is still worth sending.</summary>
[DisallowConcurrentExecution]
public sealed class ReminderSweepJob(ReminderService reminders) : IJob
{
    public static readonly JobKey Key = new("reminder-sweep", "reminders");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await reminders.SendDue(JobTime.Of(context), cancellationToken);
}
