using Bot.Domain.Canvassing;
using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Bot.Domain.Notices;
using Bot.Domain.Reminders;
using Bot.Telegram;
using Bot.Telegram.Outbox;
using Bot.Telegram.Updates;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Bot.Persistence;

/// <summary>The bot's database. Entity configurations live beside it in Configurations/, the migrations and the
/// model snapshot in Migrations/ (generated with <c>dotnet ef migrations add</c>; a test fails when the model has
/// changes without a migration). Each provider keeps its own migration set, attached to a context of its own
/// (<see cref="SqliteBotDbContext"/>, <see cref="PostgreSqlBotDbContext"/>) that only the migrator uses.</summary>
public class BotDbContext : DbContext
{
    public BotDbContext(DbContextOptions<BotDbContext> options)
        : base(options)
    {
    }

    protected BotDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<ProcessedUpdate> ProcessedUpdates => Set<ProcessedUpdate>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<KnownChat> Chats => Set<KnownChat>();
    public DbSet<DialogState> Dialogs => Set<DialogState>();
    public DbSet<Chapter> Chapters => Set<Chapter>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<Invite> Invites => Set<Invite>();
    public DbSet<RoleChange> RoleChanges => Set<RoleChange>();
    public DbSet<Event> Events => Set<Event>();
    public DbSet<Rsvp> Rsvps => Set<Rsvp>();
    public DbSet<MemberSettings> MemberSettings => Set<MemberSettings>();
    public DbSet<ReminderRecord> RemindersSent => Set<ReminderRecord>();
    public DbSet<ReminderMute> ReminderMutes => Set<ReminderMute>();
    public DbSet<ReminderPlan> ReminderPlans => Set<ReminderPlan>();
    public DbSet<CardRefreshRequest> CardRefreshes => Set<CardRefreshRequest>();
    public DbSet<MeetingNotice> Notices => Set<MeetingNotice>();
    public DbSet<NoticeIssue> NoticeIssues => Set<NoticeIssue>();
    public DbSet<NoticeDelivery> NoticeDeliveries => Set<NoticeDelivery>();
    public DbSet<Domain.Calendar.Series> Series => Set<Domain.Calendar.Series>();
    public DbSet<Domain.Calendar.Occurrence> Occurrences => Set<Domain.Calendar.Occurrence>();
    public DbSet<Domain.Calendar.CalendarFeed> CalendarFeeds => Set<Domain.Calendar.CalendarFeed>();
    public DbSet<Domain.Calendar.DigestRecord> DigestsSent => Set<Domain.Calendar.DigestRecord>();
    public DbSet<Domain.Subscriptions.TopicChoice> TopicChoices => Set<Domain.Subscriptions.TopicChoice>();
    public DbSet<Domain.Calendar.CalendarChange> CalendarChanges => Set<Domain.Calendar.CalendarChange>();
    public DbSet<Domain.Calendar.CalendarChangeSent> CalendarChangesSent => Set<Domain.Calendar.CalendarChangeSent>();
    public DbSet<Shift> Shifts => Set<Shift>();
    public DbSet<ShiftSignUp> ShiftSignUps => Set<ShiftSignUp>();
    public DbSet<ShiftReport> ShiftReports => Set<ShiftReport>();
    public DbSet<ShiftReminderRecord> ShiftReminders => Set<ShiftReminderRecord>();
    public DbSet<InboxUpdate> WebhookInbox => Set<InboxUpdate>();
    public DbSet<InboxLease> WebhookInboxLeases => Set<InboxLease>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(BotDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC; SQLite returns them without a kind and PostgreSQL's timestamptz insists on one.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcConverter>();
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v.HasValue ? (v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime()) : v,
        v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
}
