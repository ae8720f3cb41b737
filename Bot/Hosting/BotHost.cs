using Bot.Commands;
using Bot.Commands.Dialogs;
using Bot.Commands.Shifts;
using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Bot.Domain.Time;
using Bot.Domain.Privacy;
using Bot.Http;
using Bot.Jobs;
using Bot.Persistence;
using Bot.Telegram;
using Bot.Telegram.Api;
using Bot.Telegram.Outbox;
using Bot.Telegram.Updates;
using Bot.Texts;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bot.Hosting;

/// <summary>How the bot talks to the world: Telegram by long polling, or the terminal.</summary>
public enum RunMode
{
    Telegram,
    Chat,
}

/// <summary>The wiring, in one place for Program, the local chat mode and the end-to-end tests.</summary>
public static class BotHost
{
    public static TBuilder AddChapterBot<TBuilder>(this TBuilder builder, RunMode mode)
        where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddBotOptions();
        services.AddPersistence(builder.Configuration);
        services.AddChapters();
        services.AddTelegram(mode, UpdateModeOf(builder.Configuration));
        services.AddCommands();
        services.AddShifts();
        services.AddJobs(builder.Configuration);
        services.AddCalendar();
        services.AddHttpEndpoints();
        return builder;
    }

    public static IServiceCollection AddBotOptions(this IServiceCollection services)
    {
        services.AddOptions<BotOptions>().BindConfiguration(BotOptions.Section)
            .PostConfigure(o => o.ReminderLeadTimes = o.ReminderLeadTimes.Length == 0 ? BotOptions.DefaultLeadTimes : o.ReminderLeadTimes)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<BotOptions>, BotOptionsValidator>();
        services.AddOptions<TelegramOptions>().BindConfiguration(TelegramOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<TelegramOptions>, TelegramOptionsValidator>();
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    /// <summary>The chapter world: chapters and events, their stores, and the bootstrap of the root chapter.</summary>
    public static IServiceCollection AddChapters(this IServiceCollection services)
    {
        services.AddScoped<IChapterStore, ChapterStore>();
        services.AddScoped<ChapterService>();
        services.AddSingleton(sp => new ConfiguredAdmins(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<BotOptions>>().Value.Admins));
        services.AddScoped<Domain.Groups.GroupService>();
        services.AddScoped<Commands.Groups.GroupMenus>();
        services.AddHostedService<ChapterBootstrap>();
        services.AddScoped<IEventStore, EventStore>();
        services.AddScoped<EventService>();
        services.AddScoped<Commands.Events.EventCard>();
        services.AddScoped<Commands.Events.EventCards>();
        services.AddScoped<ICardRefreshes, CardRefreshes>();
        services.AddHostedService<Commands.Events.CardRefresher>();
        services.AddScoped<EventNotices>();
        services.AddScoped<IEventCards>(sp => sp.GetRequiredService<Commands.Events.EventCards>());
        services.AddScoped<FreedPlaces>();
        services.AddScoped<Domain.Messaging.INotices, Telegram.Outbox.OutboxNotices>();
        services.AddScoped<Telegram.Outbox.INoticeWording, Commands.Events.EventNoticeTexts>();
        services.AddSingleton<Texts.LocalTime>();
        services.AddScoped<Domain.Notices.INoticeStore, NoticeStore>();
        services.AddScoped<Domain.Notices.NoticeService>();
        services.AddSingleton(sp => new Domain.Notices.NoticeDefaults(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<BotOptions>>().Value.NoticePeriodDays));
        services.AddScoped<Commands.Notices.NoticeTexts>();
        services.AddScoped<Domain.Notices.INoticeWriter>(sp => sp.GetRequiredService<Commands.Notices.NoticeTexts>());
        services.AddScoped<Telegram.Outbox.INoticeWording>(sp => sp.GetRequiredService<Commands.Notices.NoticeTexts>());
        services.AddScoped<Telegram.Outbox.IOutboxOutcomeListener, NoticeOutcomes>();
        services.AddScoped<Telegram.Outbox.IOutboxOutcomeListener, Telegram.Outbox.WithdrawnKeyboards>();
        services.AddSingleton(sp => new ChapterClock(
            sp.GetRequiredService<TimeProvider>(),
            TimeZoneInfo.FindSystemTimeZoneById(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<BotOptions>>().Value.TimeZone)));
        return services;
    }

    /// <summary>The annual calendar, topic subscriptions and personal feeds.</summary>
    public static IServiceCollection AddCalendar(this IServiceCollection services)
    {
        services.AddScoped<Domain.Calendar.ICalendarStore, CalendarStore>();
        services.AddScoped<Domain.Calendar.CalendarService>();
        services.AddScoped<Domain.Calendar.IFeedStore, FeedStore>();
        services.AddScoped<Domain.Calendar.FeedService>();
        services.AddScoped<Domain.Subscriptions.ISubscriptionStore, SubscriptionStore>();
        services.AddScoped<Domain.Subscriptions.SubscriptionService>();
        services.AddScoped<Commands.Subscriptions.EventAnnouncer>();
        services.AddScoped<Domain.Calendar.IDigestStore, DigestStore>();
        services.AddScoped<Domain.Calendar.DigestService>();
        services.AddScoped<Telegram.Outbox.INoticeWording, Commands.Calendar.DigestTexts>();
        services.AddScoped<Domain.Subscriptions.IAnnouncements>(sp => sp.GetRequiredService<Commands.Subscriptions.EventAnnouncer>());
        services.AddScoped<Domain.Calendar.ICalendarChangeStore, CalendarChangeStore>();
        services.AddScoped<Domain.Calendar.CalendarChangeService>();
        services.AddScoped<Telegram.Outbox.INoticeWording, Commands.Calendar.CalendarChangeTexts>();
        services.AddScoped<Commands.Calendar.SeriesButtons>();
        return services;
    }

    /// <summary>The Bot API (or the terminal standing in for it), the outbox and its dispatcher, and the update
    /// intake. Hosted services start in this order: database, identity and menus, dispatcher, receiver.</summary>
    public static IServiceCollection AddTelegram(this IServiceCollection services, RunMode mode, UpdateMode updates = UpdateMode.Polling)
    {
        if (mode == RunMode.Chat)
        {
            services.AddSingleton<Console.ChatTerminal>();
            services.AddSingleton<global::Telegram.Bot.ITelegramBotClient, Console.TerminalBotClient>();
            services.AddBotApi();
        }
        else
        {
            services.AddBotApiClient();
        }

        services.AddSingleton<BotIdentity>();
        services.AddSingleton<OutboxSignal>();
        services.AddScoped<OutboxWriter>();
        services.AddScoped<ChatDirectory>();
        services.AddScoped<Leases>();
        services.AddSingleton<IUpdateHandler, UpdateProcessor>();
        services.AddSingleton<PressAnswers>();
        services.AddSingleton(sp =>
            PersistenceServiceCollectionExtensions.ProviderOf(PersistenceServiceCollectionExtensions.ConnectionString(sp.GetRequiredService<IConfiguration>())) == DatabaseProvider.PostgreSql
                ? Persistence.WriterTurn.Free()
                : Persistence.WriterTurn.Ordered());
        services.AddHostedService<BotStartup>();
        services.AddSingleton<ISendRateLimiter, SendRateLimiter>();
        services.AddSingleton<ISendingTurn>(sp =>
            PersistenceServiceCollectionExtensions.ProviderOf(PersistenceServiceCollectionExtensions.ConnectionString(sp.GetRequiredService<IConfiguration>())) == DatabaseProvider.PostgreSql
                ? ActivatorUtilities.CreateInstance<LeasedSender>(sp)
                : new SoleSender());
        services.AddSingleton<OutboxQueue>();
        services.AddSingleton<OutboxSender>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        if (mode == RunMode.Chat)
        {
            services.AddHostedService<Console.ChatReceiver>();
        }
        else if (updates == UpdateMode.Webhook)
        {
            services.AddSingleton<WebhookIntake>();
            services.AddHostedService(sp => sp.GetRequiredService<WebhookIntake>());
            services.AddSingleton<WebhookRegistration>();
            services.AddHostedService(sp => sp.GetRequiredService<WebhookRegistration>());
        }
        else
        {
            services.AddSingleton<IUpdateIntake, InboxIntake>();
            services.AddSingleton<PollingReceiver>();
            services.AddHostedService(sp => sp.GetRequiredService<PollingReceiver>());
        }

        if (mode == RunMode.Telegram)
        {
            // Polling and the webhook both keep what they receive in the inbox, and one worker applies it.
            services.AddSingleton<InboxSignal>();
            services.AddScoped<WebhookInbox>();
            services.AddSingleton<InboxWorker>();
            services.AddHostedService(sp => sp.GetRequiredService<InboxWorker>());
            services.AddSingleton<CallbackAcknowledger>();
            services.AddHostedService(sp => sp.GetRequiredService<CallbackAcknowledger>());
        }

        return services;
    }

    /// <summary>Telegram:Mode as the services are chosen; a value that is no mode is reported by the options check.</summary>
    private static UpdateMode UpdateModeOf(IConfiguration configuration) =>
        Enum.TryParse<UpdateMode>(configuration["Telegram:Mode"], ignoreCase: true, out var updates) ? updates : UpdateMode.Polling;

    /// <summary>Every command, button handler, dialog and chat listener in this assembly, found by type so a new
    /// command is one new class.</summary>
    public static IServiceCollection AddCommands(this IServiceCollection services)
    {
        services.AddSingleton<TextCatalog>();
        services.AddScoped<ReaderCultures>();
        services.AddScoped<UpdateRouter>();
        services.AddScoped<DialogRunner>();
        services.AddScoped<IDialogStore, DialogStore>();
        services.AddScoped<CommandMenuPublisher>();
        foreach (var type in typeof(BotHost).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            foreach (var contract in new[] { typeof(IBotCommand), typeof(ICallbackHandler), typeof(IDialog), typeof(IChatEventHandler), typeof(IChatMigrationListener), typeof(IPersonalDataHolder) })
            {
                if (contract.IsAssignableFrom(type))
                {
                    services.AddScoped(contract, type);
                }
            }
        }

        return services;
    }
}
