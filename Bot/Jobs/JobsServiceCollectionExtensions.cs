using Bot.Domain.Reminders;
using Bot.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Quartz;

namespace Bot.Jobs;

public static class JobsServiceCollectionExtensions
{
    public static readonly TriggerKey ReminderTrigger = new("reminder-sweep-every-minute", "reminders");

    public static readonly TriggerKey StartTrigger = new("reminder-sweep-at-start", "reminders");

    public static readonly TriggerKey ShiftTrigger = new("shift-sweep-every-minute", "shifts");

    public static readonly TriggerKey ShiftStartTrigger = new("shift-sweep-at-start", "shifts");

    public const string EveryMinute = "0 * * * * ?";

    /// <summary>Quartz in the worker, its schedule kept in the bot's own database (its QRTZ_* tables created at
    /// start beside EF's, on SQLite or PostgreSQL, clustered on PostgreSQL), on the <see cref="TimeProvider"/> in the container, and the jobs it runs.</summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ReminderSweepGate>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<BotOptions>>().Value;
            QuietHours.TryParse(options.QuietHours, out var quiet);
            return new ReminderDefaults(options.ReminderLeadTimes, quiet, sp.GetRequiredService<Domain.Time.ChapterClock>().Zone, options.ReminderBatchSize);
        });
        services.AddScoped<IReminderStore, ReminderStore>();
        services.AddScoped<ReminderService>();
        services.AddScoped<ISettingsStore, SettingsStore>();
        services.AddScoped<SettingsService>();
        services.AddScoped<Telegram.Outbox.INoticeWording, Commands.Reminders.ReminderMessage>();
        services.AddScoped<Commands.Reminders.SettingsView>();

        // Quartz runs on the TimeProvider registered in the container (tests register a fake one), which it finds
        // there without being handed an instance here, where none exists yet.
        services.AddQuartz(q =>
        {
            q.UsePersistentStore(s =>
            {
                var connectionString = PersistenceServiceCollectionExtensions.ConnectionString(configuration);
                if (PersistenceServiceCollectionExtensions.ProviderOf(connectionString) == DatabaseProvider.PostgreSql)
                {
                    // Several instances may share a PostgreSQL database: clustered, each firing is taken by one node
                    // through Quartz's row locks, and a node that stops checking in has its work taken over.
                    s.UsePostgres(connectionString);
                    s.UseClustering();
                }
                else
                {
                    s.UseSqlite(connectionString);
                }

                s.UseSystemTextJsonSerializer();
                s.ProvisionSchema();
            });
            q.AddJob<ReminderSweepJob>(j => j.WithIdentity(ReminderSweepJob.Key).StoreDurably());
            q.AddTrigger(t => t
                .WithIdentity(ReminderTrigger)
                .ForJob(ReminderSweepJob.Key)
                // At second 0 of every minute, so a reminder due at 18:00 goes out at 18:00:00, whenever the bot
                // started.
                .WithSchedule(CronScheduleBuilder.Create(EveryMinute).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            // And once at every start: what was missed while the bot was down goes out now, not at the next minute.
            // Declared triggers replace the stored ones at start, so this one is new, and due, each time.
            q.AddTrigger(t => t
                .WithIdentity(StartTrigger)
                .ForJob(ReminderSweepJob.Key)
                .StartNow());
            q.AddJob<NoticeReminderJob>(j => j.WithIdentity(NoticeReminderJob.Key).StoreDurably());
            q.AddTrigger(t => t
                .WithIdentity(NoticeReminderJob.Trigger)
                .ForJob(NoticeReminderJob.Key)
                .WithSchedule(CronScheduleBuilder.Create(NoticeReminderJob.EveryQuarterHour).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            q.AddJob<SeriesJob>(j => j.WithIdentity(SeriesJob.Key).StoreDurably());
            q.AddTrigger(t => t.WithIdentity(SeriesJob.Hourly).ForJob(SeriesJob.Key)
                .WithSchedule(CronScheduleBuilder.Create("0 5 * * * ?").WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            q.AddTrigger(t => t.WithIdentity(SeriesJob.AtStart).ForJob(SeriesJob.Key).StartNow());
            q.AddDigests(configuration);
            q.AddJob<CalendarChangeJob>(j => j.WithIdentity(CalendarChangeJob.Key).StoreDurably());
            q.AddTrigger(t => t.WithIdentity(CalendarChangeJob.Trigger).ForJob(CalendarChangeJob.Key)
                .WithSchedule(CronScheduleBuilder.Create(CalendarChangeJob.EveryFiveMinutes).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            q.AddJob<ShiftSweepJob>(j => j.WithIdentity(ShiftSweepJob.Key).StoreDurably());
            q.AddTrigger(t => t
                .WithIdentity(ShiftTrigger)
                .ForJob(ShiftSweepJob.Key)
                .WithSchedule(CronScheduleBuilder.Create(EveryMinute).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            q.AddTrigger(t => t.WithIdentity(ShiftStartTrigger).ForJob(ShiftSweepJob.Key).StartNow());
        });
        // Jobs:AutoStart=false builds the scheduler without starting it: the end-to-end tests drive the sweep
        // themselves, as a fake clock jumping days ahead would otherwise walk Quartz through every minute between.
        services.AddQuartzHostedService(o =>
        {
            o.WaitForJobsToComplete = true;
            o.AutoStart = configuration.GetValue("Jobs:AutoStart", true);
        });
        services.AddScoped<ReminderSweepJob>();
        services.AddScoped<NoticeReminderJob>();
        services.AddScoped<SeriesJob>();
        services.AddScoped<DigestJob>();
        services.AddScoped<CalendarChangeJob>();
        services.AddOptions<DigestOptions>().BindConfiguration(DigestOptions.Section)
            .Validate(o => o.Crons() is not null, "Bot:Digests must look like {\"Year\": \"12-01 10:00\", \"Month\": \"1 09:00\", \"Week\": \"Monday 08:00\"} (local times; the month's day 1-28).")
            .ValidateOnStart();
        services.AddScoped<ShiftSweepJob>();
        return services;
    }
}
