using Bot.Domain.Calendar;
using Quartz;

namespace Bot.Jobs;

/// <summary>Every hour: the dates of recurring entries that came within reach become events members can answer.
/// Idempotent (a date becomes an event once), so a rerun after a crash or a misfire changes nothing.</summary>
[DisallowConcurrentExecution]
public sealed class SeriesJob(CalendarService calendar) : IJob
{
    public static readonly JobKey Key = new("series", "calendar");

    public static readonly TriggerKey Hourly = new("series-hourly", "calendar");

    public static readonly TriggerKey AtStart = new("series-at-start", "calendar");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await calendar.Materialize(JobTime.Of(context).UtcDateTime, cancellationToken);
}

/// <summary>Every five minutes: calendar subscribers are told about changes to the calendar, each member once per
/// change (the service records who was told with the messages), so a rerun changes nothing.</summary>
[DisallowConcurrentExecution]
public sealed class CalendarChangeJob(CalendarChangeService changes) : IJob
{
    public static readonly JobKey Key = new("calendar-changes", "calendar");

    public static readonly TriggerKey Trigger = new("calendar-changes-every-5-minutes", "calendar");

    public const string EveryFiveMinutes = "0 */5 * * * ?";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await changes.Send(JobTime.Of(context).UtcDateTime, cancellationToken);
}
