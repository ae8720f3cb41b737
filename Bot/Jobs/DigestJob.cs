using System.Globalization;
using System.Text.RegularExpressions;
using Bot.Domain.Calendar;
using Quartz;

namespace Bot.Jobs;

/// <summary>Sends one kind of digest for the period its trigger fired in. The triggers fire hourly for twelve hours
/// from the configured time, so members in quiet hours at the first run get theirs later that day; the service
/// sends each member's once.</summary>
[DisallowConcurrentExecution]
public sealed class DigestJob(DigestService digests) : IJob
{
    public static readonly JobKey Key = new("digests", "calendar");

    public const string KindKey = "kind";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await digests.Send((DigestKind)context.MergedJobDataMap.GetInt(KindKey), JobTime.Of(context).UtcDateTime, cancellationToken);
}

/// <summary><c>Bot:Digests</c>: when the coming year's calendar and the monthly and weekly digests go out, local time.</summary>
public sealed partial class DigestOptions
{
    public const string Section = "Bot:Digests";

    /// <summary><c>MM-dd HH:mm</c>.</summary>
    public string Year { get; set; } = "12-01 10:00";

    /// <summary><c>day HH:mm</c>, the day of the month 1–28.</summary>
    public string Month { get; set; } = "1 09:00";

    /// <summary><c>Weekday HH:mm</c>, the weekday in English.</summary>
    public string Week { get; set; } = "Monday 08:00";

    /// <summary>Hourly runs after the first, for members whose quiet hours held them back.</summary>
    public const int CatchUpHours = 12;

    /// <summary>The Quartz cron expression for each kind; null when a value cannot be read.</summary>
    public IReadOnlyDictionary<DigestKind, string>? Crons()
    {
        var year = YearPattern().Match(Year.Trim());
        var month = MonthPattern().Match(Month.Trim());
        var week = WeekPattern().Match(Week.Trim());
        if (!year.Success || !month.Success || !week.Success
            || !DateOnly.TryParseExact($"2028-{year.Groups[1].Value}-{year.Groups[2].Value}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            || !Enum.TryParse<DayOfWeek>(week.Groups[1].Value, ignoreCase: true, out var weekday))
        {
            return null;
        }

        return new Dictionary<DigestKind, string>
        {
            [DigestKind.Year] = Cron(year.Groups[3], year.Groups[4], $"{int.Parse(year.Groups[2].Value, CultureInfo.InvariantCulture)} {int.Parse(year.Groups[1].Value, CultureInfo.InvariantCulture)} ?"),
            [DigestKind.Month] = Cron(month.Groups[2], month.Groups[3], $"{month.Groups[1].Value} * ?"),
            [DigestKind.Week] = Cron(week.Groups[2], week.Groups[3], $"? * {weekday.ToString()[..3].ToUpperInvariant()}"),
        };
    }

    private static string Cron(Group hour, Group minute, string days)
    {
        var h = int.Parse(hour.Value, CultureInfo.InvariantCulture);
        return $"0 {int.Parse(minute.Value, CultureInfo.InvariantCulture)} {h}-{Math.Min(h + CatchUpHours, 23)} {days}";
    }

    [GeneratedRegex(@"^(\d{2})-(\d{2}) ([01]\d|2[0-3]):([0-5]\d)$")]
    private static partial Regex YearPattern();

    [GeneratedRegex(@"^([1-9]|1\d|2[0-8]) ([01]\d|2[0-3]):([0-5]\d)$")]
    private static partial Regex MonthPattern();

    [GeneratedRegex(@"^([A-Za-z]+) ([01]\d|2[0-3]):([0-5]\d)$")]
    private static partial Regex WeekPattern();
}

public static class DigestScheduling
{
    /// <summary>One job and one trigger per kind of digest: the schedule grows with nothing, the fan-out is the
    /// service's, in batches.</summary>
    public static void AddDigests(this IQuartzBuilder q, IConfiguration configuration)
    {
        var options = configuration.GetSection(DigestOptions.Section).Get<DigestOptions>() ?? new DigestOptions();
        var crons = options.Crons() ?? new DigestOptions().Crons()!;
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(configuration["Bot:TimeZone"] ?? "Europe/Berlin", out var found) ? found : TimeZoneInfo.Utc;
        q.AddJob<DigestJob>(j => j.WithIdentity(DigestJob.Key).StoreDurably());
        foreach (var (kind, cron) in crons)
        {
            q.AddTrigger(t => t
                .WithIdentity(new TriggerKey($"digest-{kind}".ToLowerInvariant(), "calendar"))
                .ForJob(DigestJob.Key)
                .UsingJobData(DigestJob.KindKey, (int)kind)
                .WithSchedule(CronScheduleBuilder.Create(cron).InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
        }
    }
}
