using Bot.Telegram;
using Bot.Telegram.Outbox;
using Bot.Telegram.Updates;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Persistence.Configurations;

internal sealed class ProcessedUpdateConfiguration : IEntityTypeConfiguration<ProcessedUpdate>
{
    public void Configure(EntityTypeBuilder<ProcessedUpdate> b)
    {
        b.ToTable("processed_updates");
        b.HasKey(x => x.UpdateId);
        b.Property(x => x.UpdateId).HasColumnName("update_id").ValueGeneratedNever();
        b.Property(x => x.ProcessedAt).HasColumnName("processed_at");
        b.HasIndex(x => x.ProcessedAt).HasDatabaseName("ix_processed_updates_processed_at");
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("outbox");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
        b.Property(x => x.Kind).HasColumnName("kind");
        b.Property(x => x.Urgency).HasColumnName("urgency");
        b.Property(x => x.Status).HasColumnName("status");
        b.Property(x => x.ChatId).HasColumnName("chat_id");
        b.Property(x => x.MessageId).HasColumnName("message_id");
        b.Property(x => x.ReplyToMessageId).HasColumnName("reply_to_message_id");
        b.Property(x => x.Text).HasColumnName("text");
        b.Property(x => x.ReplyMarkup).HasColumnName("reply_markup");
        b.Property(x => x.CallbackQueryId).HasColumnName("callback_query_id").HasMaxLength(64);
        b.Property(x => x.ShowAlert).HasColumnName("show_alert");
        b.Property(x => x.Tag).HasColumnName("tag").HasMaxLength(64);
        b.Property(x => x.Attempts).HasColumnName("attempts");
        b.Property(x => x.CreatedAt).HasColumnName("created_at");
        b.Property(x => x.NotBefore).HasColumnName("not_before");
        b.Property(x => x.SentAt).HasColumnName("sent_at");
        b.Property(x => x.SentMessageId).HasColumnName("sent_message_id");
        b.Property(x => x.LastError).HasColumnName("last_error").HasMaxLength(512);
        b.Property(x => x.DocumentName).HasColumnName("document_name").HasMaxLength(64);
        b.Property(x => x.Caption).HasColumnName("caption");
        b.HasIndex(x => new { x.Status, x.Urgency, x.Id }).HasDatabaseName("ix_outbox_status_urgency_id");
        b.HasIndex(x => new { x.ChatId, x.Status, x.Urgency, x.Id }).HasDatabaseName("ix_outbox_chat_status_urgency_id");
        // With the chat: a press looks up the copies of its card in one chat, among one per member.
        b.HasIndex(x => new { x.Tag, x.ChatId }).HasDatabaseName("ix_outbox_tag_chat");
    }
}

internal sealed class KnownChatConfiguration : IEntityTypeConfiguration<KnownChat>
{
    public void Configure(EntityTypeBuilder<KnownChat> b)
    {
        b.ToTable("chats");
        b.HasKey(x => x.ChatId);
        b.Property(x => x.ChatId).HasColumnName("chat_id").ValueGeneratedNever();
        b.Property(x => x.Unreachable).HasColumnName("unreachable");
        b.Property(x => x.UnreachableSince).HasColumnName("unreachable_since");
        b.Property(x => x.UnreachableReason).HasColumnName("unreachable_reason").HasMaxLength(256);
        b.Property(x => x.MigratedToChatId).HasColumnName("migrated_to_chat_id");
        b.Property(x => x.HeardFromAt).HasColumnName("heard_from_at");
        b.Property(x => x.UpdatedAt).HasColumnName("updated_at");
    }
}

internal sealed class DialogStateConfiguration : IEntityTypeConfiguration<DialogState>
{
    public void Configure(EntityTypeBuilder<DialogState> b)
    {
        b.ToTable("dialogs");
        b.HasKey(x => new { x.ChatId, x.UserId });
        b.Property(x => x.ChatId).HasColumnName("chat_id");
        b.Property(x => x.UserId).HasColumnName("user_id");
        b.Property(x => x.Name).HasColumnName("name").HasMaxLength(64);
        b.Property(x => x.Step).HasColumnName("step").HasMaxLength(64);
        b.Property(x => x.Data).HasColumnName("data");
        b.Property(x => x.UpdatedAt).HasColumnName("updated_at");
    }
}
