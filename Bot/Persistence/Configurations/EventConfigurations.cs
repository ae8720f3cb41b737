using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Persistence.Configurations;

internal sealed class EventConfiguration : IEntityTypeConfiguration<Event>
{
    public void Configure(EntityTypeBuilder<Event> b)
    {
        b.ToTable("events");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
        b.Property(x => x.ChapterId).HasColumnName("chapter_id");
        b.Property(x => x.Title).HasColumnName("title").HasMaxLength(Event.MaxTitleLength);
        b.Property(x => x.Place).HasColumnName("place").HasMaxLength(Event.MaxPlaceLength);
        b.Property(x => x.StartsAt).HasColumnName("starts_at");
        b.Property(x => x.DeadlineAt).HasColumnName("deadline_at");
        b.Property(x => x.Capacity).HasColumnName("capacity");
        b.Property(x => x.MaxGuests).HasColumnName("max_guests");
        b.Property(x => x.Note).HasColumnName("note").HasMaxLength(Event.MaxNoteLength);
        b.Property(x => x.CreatedBy).HasColumnName("created_by");
        b.Property(x => x.CreatedAt).HasColumnName("created_at");
        b.Property(x => x.CancelledAt).HasColumnName("cancelled_at");
        b.Property(x => x.NextTicket).HasColumnName("next_ticket");
        // Two answers for the last place committed at once: the second finds the version moved and is retried.
        b.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
        b.HasOne<Chapter>().WithMany().HasForeignKey(x => x.ChapterId).OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_events_chapter");
        b.HasIndex(x => new { x.ChapterId, x.StartsAt }).HasDatabaseName("ix_events_chapter_starts_at");
        b.HasIndex(x => x.StartsAt).HasDatabaseName("ix_events_starts_at");
    }
}

internal sealed class RsvpConfiguration : IEntityTypeConfiguration<Rsvp>
{
    public void Configure(EntityTypeBuilder<Rsvp> b)
    {
        b.ToTable("rsvps");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
        b.Property(x => x.EventId).HasColumnName("event_id");
        b.Property(x => x.UserId).HasColumnName("user_id");
        b.Property(x => x.Answer).HasColumnName("answer");
        b.Property(x => x.Guests).HasColumnName("guests");
        b.Property(x => x.Ticket).HasColumnName("ticket");
        b.Property(x => x.AnsweredAt).HasColumnName("answered_at");
        b.Ignore(x => x.Seats);
        b.HasOne<Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_rsvps_event");
        b.HasIndex(x => new { x.EventId, x.UserId }).IsUnique().HasDatabaseName("ux_rsvps_event_user");
        b.HasIndex(x => x.UserId).HasDatabaseName("ix_rsvps_user_id");
    }
}
