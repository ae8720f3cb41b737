using Bot.Domain.Calendar;
using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Bot.Domain.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Persistence.Configurations;

internal sealed class SeriesConfiguration : IEntityTypeConfiguration<Series>
{
    public void Configure(EntityTypeBuilder<Series> b)
    {
        b.ToTable("series");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
        b.Property(x => x.ChapterId).HasColumnName("chapter_id");
        b.Property(x => x.Title).HasColumnName("title").HasMaxLength(Event.MaxTitleLength);
        b.Property(x => x.Place).HasColumnName("place").HasMaxLength(Event.MaxPlaceLength);
        b.Property(x => x.FirstDate).HasColumnName("first_date");
        b.Property(x => x.Time).HasColumnName("time");
        b.Property(x => x.Frequency).HasColumnName("frequency");
        b.Property(x => x.Interval).HasColumnName("interval");
        b.Property(x => x.Nth).HasColumnName("nth");
        b.Property(x => x.Weekday).HasColumnName("weekday");
        b.Property(x => x.Month).HasColumnName("month");
        b.Property(x => x.Until).HasColumnName("until");
        b.Property(x => x.Capacity).HasColumnName("capacity");
        b.Property(x => x.MaxGuests).HasColumnName("max_guests");
        b.Property(x => x.CreatedBy).HasColumnName("created_by");
        b.Property(x => x.CreatedAt).HasColumnName("created_at");
        b.Property(x => x.CancelledAt).HasColumnName("cancelled_at");
        b.Ignore(x => x.Rule);
        b.HasOne<Chapter>().WithMany().HasForeignKey(x => x.ChapterId).OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_series_chapter");
        b.HasIndex(x => x.ChapterId).HasDatabaseName("ix_series_chapter_id");
    }
}

internal sealed class OccurrenceConfiguration : IEntityTypeConfiguration<Occurrence>
{
    public void Configure(EntityTypeBuilder<Occurrence> b)
    {
        b.ToTable("series_occurrences");
        // The key is what makes a date of a series become an event once, even from two runs at the same time.
        b.HasKey(x => new { x.SeriesId, x.Date });
        b.Property(x => x.SeriesId).HasColumnName("series_id");
        b.Property(x => x.Date).HasColumnName("date");
        b.Property(x => x.EventId).HasColumnName("event_id");
        b.Property(x => x.AnnounceDue).HasColumnName("announce_due");
        b.Property(x => x.KnownStartsAt).HasColumnName("known_starts_at");
        b.Property(x => x.KnownCancelled).HasColumnName("known_cancelled");
        b.HasOne<Series>().WithMany().HasForeignKey(x => x.SeriesId).OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_series_occurrences_series");
        b.HasOne<Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_series_occurrences_event");
        b.HasIndex(x => x.EventId).IsUnique().HasDatabaseName("ux_series_occurrences_event_id");
    }
}

internal sealed class TopicChoiceConfiguration : IEntityTypeConfiguration<TopicChoice>
{
    public void Configure(EntityTypeBuilder<TopicChoice> b)
    {
        b.ToTable("topic_choices");
        b.HasKey(x => new { x.UserId, x.Topic });
        b.Property(x => x.UserId).HasColumnName("user_id");
        b.Property(x => x.Topic).HasColumnName("topic");
        b.Property(x => x.Subscribed).HasColumnName("subscribed");
        b.Property(x => x.ChangedAt).HasColumnName("changed_at");
        b.HasOne<Member>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_topic_choices_member");
    }
}

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> b)
    {
        b.ToTable("calendar_feeds");
        b.HasKey(x => x.UserId);
        b.Property(x => x.UserId).HasColumnName("user_id").ValueGeneratedNever();
        b.Property(x => x.TokenHash).HasColumnName("token_hash").HasMaxLength(64);
        b.Property(x => x.CreatedAt).HasColumnName("created_at");
        b.HasOne<Member>().WithOne().HasForeignKey<CalendarFeed>(x => x.UserId).OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_calendar_feeds_member");
        b.HasIndex(x => x.TokenHash).IsUnique().HasDatabaseName("ux_calendar_feeds_token_hash");
    }
}

internal sealed class DigestRecordConfiguration : IEntityTypeConfiguration<DigestRecord>
{
    public void Configure(EntityTypeBuilder<DigestRecord> b)
    {
        b.ToTable("digests_sent");
        // The key is what makes a digest go out once per member and period, across restarts.
        b.HasKey(x => new { x.UserId, x.Kind, x.Period });
        b.Property(x => x.UserId).HasColumnName("user_id");
        b.Property(x => x.Kind).HasColumnName("kind");
        b.Property(x => x.Period).HasColumnName("period");
        b.Property(x => x.SentAt).HasColumnName("sent_at");
    }
}

internal sealed class CalendarChangeConfiguration : IEntityTypeConfiguration<CalendarChange>
{
    public void Configure(EntityTypeBuilder<CalendarChange> b)
    {
        b.ToTable("calendar_changes");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
        b.Property(x => x.ChapterId).HasColumnName("chapter_id");
        b.Property(x => x.Kind).HasColumnName("kind");
        b.Property(x => x.SeriesId).HasColumnName("series_id");
        b.Property(x => x.EventId).HasColumnName("event_id");
        b.Property(x => x.Title).HasColumnName("title").HasMaxLength(Event.MaxTitleLength);
        b.Property(x => x.Place).HasColumnName("place").HasMaxLength(Event.MaxPlaceLength);
        b.Property(x => x.StartsAt).HasColumnName("starts_at");
        b.Property(x => x.WasStartsAt).HasColumnName("was_starts_at");
        b.Property(x => x.ActorId).HasColumnName("actor_id");
        b.Property(x => x.CreatedAt).HasColumnName("created_at");
        b.Property(x => x.DoneAt).HasColumnName("done_at");
        b.HasOne<Chapter>().WithMany().HasForeignKey(x => x.ChapterId).OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_calendar_changes_chapter");
        b.HasIndex(x => x.DoneAt).HasDatabaseName("ix_calendar_changes_done_at");
    }
}

internal sealed class CalendarChangeSentConfiguration : IEntityTypeConfiguration<CalendarChangeSent>
{
    public void Configure(EntityTypeBuilder<CalendarChangeSent> b)
    {
        b.ToTable("calendar_changes_sent");
        // The key is what makes a change reach a member once, across restarts.
        b.HasKey(x => new { x.ChangeId, x.UserId });
        b.Property(x => x.ChangeId).HasColumnName("change_id");
        b.Property(x => x.UserId).HasColumnName("user_id");
        b.Property(x => x.SentAt).HasColumnName("sent_at");
        b.HasOne<CalendarChange>().WithMany().HasForeignKey(x => x.ChangeId).OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_calendar_changes_sent_change");
        b.HasIndex(x => x.UserId).HasDatabaseName("ix_calendar_changes_sent_user_id");
    }
}
