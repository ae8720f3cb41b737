using Bot.Domain.Canvassing;
using Bot.Domain.Chapters;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Persistence.Configurations;

internal sealed class ShiftConfiguration : IEntityTypeConfiguration<Shift>
{
    public void Configure(EntityTypeBuilder<Shift> b)
    {
        b.ToTable("shifts");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
        b.Property(x => x.ChapterId).HasColumnName("chapter_id");
        b.Property(x => x.Area).HasColumnName("area").HasMaxLength(Shift.MaxAreaLength);
        b.Property(x => x.MeetingPoint).HasColumnName("meeting_point").HasMaxLength(Shift.MaxMeetingPointLength);
        b.Property(x => x.Campaign).HasColumnName("campaign").HasMaxLength(Shift.MaxCampaignLength);
        b.Property(x => x.Latitude).HasColumnName("latitude");
        b.Property(x => x.Longitude).HasColumnName("longitude");
        b.Property(x => x.StartsAt).HasColumnName("starts_at");
        b.Property(x => x.EndsAt).HasColumnName("ends_at");
        b.Property(x => x.Slots).HasColumnName("slots");
        b.Property(x => x.Minimum).HasColumnName("minimum");
        b.Property(x => x.CreatedBy).HasColumnName("created_by");
        b.Property(x => x.CreatedAt).HasColumnName("created_at");
        b.Property(x => x.CancelledAt).HasColumnName("cancelled_at");
        b.Property(x => x.NextTicket).HasColumnName("next_ticket");
        // Two presses for the last slot committed at once: the second finds the version moved and is retried.
        b.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
        b.Property(x => x.StaffingCheckedAt).HasColumnName("staffing_checked_at");
        b.Property(x => x.ResultsAskedAt).HasColumnName("results_asked_at");
        b.HasOne<Chapter>().WithMany().HasForeignKey(x => x.ChapterId).OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_shifts_chapter");
        b.HasIndex(x => new { x.ChapterId, x.StartsAt }).HasDatabaseName("ix_shifts_chapter_starts_at");
        b.HasIndex(x => new { x.StaffingCheckedAt, x.StartsAt }).HasDatabaseName("ix_shifts_staffing");
        b.HasIndex(x => new { x.ResultsAskedAt, x.EndsAt }).HasDatabaseName("ix_shifts_results");
    }
}

internal sealed class ShiftSignUpConfiguration : IEntityTypeConfiguration<ShiftSignUp>
{
    public void Configure(EntityTypeBuilder<ShiftSignUp> b)
    {
        b.ToTable("shift_sign_ups");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
        b.Property(x => x.ShiftId).HasColumnName("shift_id");
        b.Property(x => x.UserId).HasColumnName("user_id");
        b.Property(x => x.Ticket).HasColumnName("ticket");
        b.Property(x => x.SignedUpAt).HasColumnName("signed_up_at");
        b.HasOne<Shift>().WithMany().HasForeignKey(x => x.ShiftId).OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_shift_sign_ups_shift");
        b.HasIndex(x => new { x.ShiftId, x.UserId }).IsUnique().HasDatabaseName("ux_shift_sign_ups_shift_user");
        b.HasIndex(x => x.UserId).HasDatabaseName("ix_shift_sign_ups_user_id");
    }
}

internal sealed class ShiftReminderConfiguration : IEntityTypeConfiguration<ShiftReminderRecord>
{
    public void Configure(EntityTypeBuilder<ShiftReminderRecord> b)
    {
        b.ToTable("shift_reminders");
        // The key is the promise: one reminder per member, lead time and shift, even from two sweeps at once.
        b.HasKey(x => new { x.ShiftId, x.UserId, x.LeadMinutes });
        b.Property(x => x.ShiftId).HasColumnName("shift_id");
        b.Property(x => x.UserId).HasColumnName("user_id");
        b.Property(x => x.LeadMinutes).HasColumnName("lead_minutes");
        b.Property(x => x.SentAt).HasColumnName("sent_at");
        b.HasOne<Shift>().WithMany().HasForeignKey(x => x.ShiftId).OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_shift_reminders_shift");
        b.HasIndex(x => x.UserId).HasDatabaseName("ix_shift_reminders_user_id");
    }
}

internal sealed class ShiftReportConfiguration : IEntityTypeConfiguration<ShiftReport>
{
    public void Configure(EntityTypeBuilder<ShiftReport> b)
    {
        b.ToTable("shift_reports");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
        b.Property(x => x.ShiftId).HasColumnName("shift_id");
        b.Property(x => x.UserId).HasColumnName("user_id");
        b.Property(x => x.Doors).HasColumnName("doors");
        b.Property(x => x.Conversations).HasColumnName("conversations");
        b.Property(x => x.Note).HasColumnName("note").HasMaxLength(ShiftReport.MaxNoteLength);
        b.Property(x => x.ReportedAt).HasColumnName("reported_at");
        b.HasOne<Shift>().WithMany().HasForeignKey(x => x.ShiftId).OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_shift_reports_shift");
        b.HasIndex(x => new { x.ShiftId, x.UserId }).IsUnique().HasDatabaseName("ux_shift_reports_shift_user");
        b.HasIndex(x => x.UserId).HasDatabaseName("ix_shift_reports_user_id");
    }
}
