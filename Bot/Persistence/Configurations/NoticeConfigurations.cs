using Bot.Domain.Events;
using Bot.Domain.Notices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Persistence.Configurations;

internal sealed class MeetingNoticeConfiguration : IEntityTypeConfiguration<MeetingNotice>
{
    public void Configure(EntityTypeBuilder<MeetingNotice> b)
    {
        b.ToTable("notices");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
        b.Property(x => x.ChapterId).HasColumnName("chapter_id");
        b.Property(x => x.EventId).HasColumnName("event_id");
        b.Property(x => x.Title).HasColumnName("title").HasMaxLength(Event.MaxTitleLength);
        b.Property(x => x.Place).HasColumnName("place").HasMaxLength(Event.MaxPlaceLength);
        b.Property(x => x.StartsAt).HasColumnName("starts_at");
        b.Property(x => x.Agenda).HasColumnName("agenda");
        b.Property(x => x.ShortenedReason).HasColumnName("shortened_reason").HasMaxLength(MeetingNotice.MaxReasonLength);
        b.Property(x => x.PeriodDays).HasColumnName("period_days");
        b.Property(x => x.CreatedBy).HasColumnName("created_by");
        b.Property(x => x.CreatedAt).HasColumnName("created_at");
        b.Ignore(x => x.AgendaItems);
        b.HasOne<Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Restrict).HasConstraintName("fk_notices_event");
        b.HasIndex(x => new { x.ChapterId, x.CreatedAt }).HasDatabaseName("ix_notices_chapter_created");
    }
}

internal sealed class NoticeIssueConfiguration : IEntityTypeConfiguration<NoticeIssue>
{
    public void Configure(EntityTypeBuilder<NoticeIssue> b)
    {
        b.ToTable("notice_issues");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
        b.Property(x => x.NoticeId).HasColumnName("notice_id");
        b.Property(x => x.Number).HasColumnName("number");
        b.Property(x => x.Text).HasColumnName("text");
        b.Property(x => x.Sha256).HasColumnName("sha256").HasMaxLength(64);
        b.Property(x => x.SentBy).HasColumnName("sent_by");
        b.Property(x => x.SentAt).HasColumnName("sent_at");
        b.Property(x => x.ShortenedReason).HasColumnName("shortened_reason").HasMaxLength(MeetingNotice.MaxReasonLength);
        b.Property(x => x.RemindAt).HasColumnName("remind_at");
        b.Property(x => x.RemindedAt).HasColumnName("reminded_at");
        b.Ignore(x => x.IsAmendment);
        b.HasOne<MeetingNotice>().WithMany().HasForeignKey(x => x.NoticeId).OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_notice_issues_notice");
        b.HasIndex(x => new { x.NoticeId, x.Number }).IsUnique().HasDatabaseName("ux_notice_issues_notice_number");
        b.HasIndex(x => new { x.RemindedAt, x.RemindAt }).HasDatabaseName("ix_notice_issues_reminder");
    }
}

internal sealed class NoticeDeliveryConfiguration : IEntityTypeConfiguration<NoticeDelivery>
{
    public void Configure(EntityTypeBuilder<NoticeDelivery> b)
    {
        b.ToTable("notice_deliveries");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
        b.Property(x => x.IssueId).HasColumnName("issue_id");
        b.Property(x => x.UserId).HasColumnName("user_id");
        b.Property(x => x.HandedAt).HasColumnName("handed_at");
        b.Property(x => x.MessageId).HasColumnName("message_id");
        b.Property(x => x.ConfirmedAt).HasColumnName("confirmed_at");
        b.Property(x => x.NotReached).HasColumnName("not_reached");
        b.Property(x => x.NotReachedAt).HasColumnName("not_reached_at");
        b.Ignore(x => x.IsPending);
        b.HasOne<NoticeIssue>().WithMany().HasForeignKey(x => x.IssueId).OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_notice_deliveries_issue");
        b.HasIndex(x => new { x.IssueId, x.UserId }).HasDatabaseName("ix_notice_deliveries_issue_user");
        b.HasIndex(x => x.UserId).HasDatabaseName("ix_notice_deliveries_user_id");
    }
}
