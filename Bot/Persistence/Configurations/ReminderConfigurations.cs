using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Bot.Domain.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Persistence.Configurations;

internal sealed class MemberSettingsConfiguration : IEntityTypeConfiguration<MemberSettings>
{
    public void Configure(EntityTypeBuilder<MemberSettings> b)
    {
        b.ToTable("member_settings");
        b.HasKey(x => x.UserId);
        b.Property(x => x.UserId).HasColumnName("user_id").ValueGeneratedNever();
        b.Property(x => x.LeadTimes).HasColumnName("lead_times").HasMaxLength(200);
        b.Property(x => x.QuietHours).HasColumnName("quiet_hours").HasMaxLength(11);
        b.Property(x => x.ChangedAt).HasColumnName("changed_at");
        b.HasOne<Member>().WithOne().HasForeignKey<MemberSettings>(x => x.UserId).OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_member_settings_member");
    }
}

internal sealed class ReminderRecordConfiguration : IEntityTypeConfiguration<ReminderRecord>
{
    public void Configure(EntityTypeBuilder<ReminderRecord> b)
    {
        b.ToTable("reminders_sent");
        // The key is what makes a reminder go out at most once, even from two sweeps at the same time.
        b.HasKey(x => new { x.EventId, x.UserId, x.LeadMinutes });
        b.Property(x => x.EventId).HasColumnName("event_id");
        b.Property(x => x.UserId).HasColumnName("user_id");
        b.Property(x => x.LeadMinutes).HasColumnName("lead_minutes");
        b.Property(x => x.SentAt).HasColumnName("sent_at");
        b.Property(x => x.StartsAt).HasColumnName("starts_at");
        b.HasOne<Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_reminders_sent_event");
        b.HasIndex(x => x.UserId).HasDatabaseName("ix_reminders_sent_user_id");
    }
}

internal sealed class ReminderMuteConfiguration : IEntityTypeConfiguration<ReminderMute>
{
    public void Configure(EntityTypeBuilder<ReminderMute> b)
    {
        b.ToTable("reminder_mutes");
        b.HasKey(x => new { x.EventId, x.UserId });
        b.Property(x => x.EventId).HasColumnName("event_id");
        b.Property(x => x.UserId).HasColumnName("user_id");
        b.Property(x => x.MutedAt).HasColumnName("muted_at");
        b.HasOne<Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_reminder_mutes_event");
        b.HasIndex(x => x.UserId).HasDatabaseName("ix_reminder_mutes_user_id");
    }
}

internal sealed class ReminderPlanConfiguration : IEntityTypeConfiguration<ReminderPlan>
{
    public void Configure(EntityTypeBuilder<ReminderPlan> b)
    {
        b.ToTable("reminder_plans");
        b.HasKey(x => x.EventId);
        b.Property(x => x.EventId).HasColumnName("event_id").ValueGeneratedNever();
        b.Property(x => x.SeenVersion).HasColumnName("seen_version");
        b.Property(x => x.Basis).HasColumnName("basis").HasMaxLength(200);
        b.Property(x => x.NextAt).HasColumnName("next_at");
        b.HasOne<Event>().WithOne().HasForeignKey<ReminderPlan>(x => x.EventId).OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_reminder_plans_event");
    }
}
