using Bot.Domain.Notices;
using Quartz;

namespace Bot.Jobs;

/// <summary>Every quarter of an hour: reminds the members who have not confirmed a notice once its period is half
/// over. Each notice is reminded once, marked in the same commit as the messages, so neither a restart nor a
/// missed firing repeats or loses it.</summary>
[DisallowConcurrentExecution]
public sealed class NoticeReminderJob(NoticeService notices) : IJob
{
    public static readonly JobKey Key = new("notice-reminders", "notices");

    public static readonly TriggerKey Trigger = new("notice-reminders-every-quarter-hour", "notices");

    public const string EveryQuarterHour = "0 0/15 * * * ?";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await notices.RemindUnconfirmed(JobTime.Of(context), cancellationToken);
}
