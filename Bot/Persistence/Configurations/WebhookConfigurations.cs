using Bot.Telegram.Updates;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Persistence.Configurations;

internal sealed class InboxUpdateConfiguration : IEntityTypeConfiguration<InboxUpdate>
{
    public void Configure(EntityTypeBuilder<InboxUpdate> b)
    {
        b.ToTable("webhook_inbox");
        b.HasKey(x => x.UpdateId);
        b.Property(x => x.UpdateId).HasColumnName("update_id").ValueGeneratedNever();
        b.Property(x => x.Payload).HasColumnName("payload");
        b.Property(x => x.ReceivedAt).HasColumnName("received_at");
        // No length limit: a row the database refused would be refused again at every redelivery.
        b.Property(x => x.CallbackQueryId).HasColumnName("callback_query_id");
        b.Property(x => x.AcknowledgedAt).HasColumnName("acknowledged_at");
    }
}

internal sealed class InboxLeaseConfiguration : IEntityTypeConfiguration<InboxLease>
{
    public void Configure(EntityTypeBuilder<InboxLease> b)
    {
        b.ToTable("webhook_inbox_lease");
        b.HasKey(x => x.Name);
        b.Property(x => x.Name).HasColumnName("name").HasMaxLength(32);
        b.Property(x => x.Holder).HasColumnName("holder").HasMaxLength(200);
        b.Property(x => x.Until).HasColumnName("until");
        // The row exists from the start, so taking the lease is one conditional update on every database.
        b.HasData(
            new InboxLease { Name = InboxLease.Inbox, Holder = "", Until = DateTime.SpecifyKind(DateTime.UnixEpoch, DateTimeKind.Utc) },
            new InboxLease { Name = InboxLease.Outbox, Holder = "", Until = DateTime.SpecifyKind(DateTime.UnixEpoch, DateTimeKind.Utc) });
    }
}
