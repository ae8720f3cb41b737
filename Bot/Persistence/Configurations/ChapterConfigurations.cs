using Bot.Domain.Chapters;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Persistence.Configurations;

internal sealed class ChapterConfiguration : IEntityTypeConfiguration<Chapter>
{
    public void Configure(EntityTypeBuilder<Chapter> b)
    {
        b.ToTable("chapters");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
        b.Property(x => x.Name).HasColumnName("name").HasMaxLength(Chapter.MaxNameLength);
        b.Property(x => x.ParentId).HasColumnName("parent_id");
        b.Property(x => x.GroupChatId).HasColumnName("group_chat_id");
        b.Property(x => x.CreatedAt).HasColumnName("created_at");
        b.Property(x => x.NoticePeriodDays).HasColumnName("notice_period_days");
        b.HasOne<Chapter>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict).HasConstraintName("fk_chapters_parent");
        b.HasIndex(x => x.Name).IsUnique().HasDatabaseName("ux_chapters_name");
        b.HasIndex(x => x.GroupChatId).IsUnique().HasDatabaseName("ux_chapters_group_chat_id");
        b.HasIndex(x => x.ParentId).HasDatabaseName("ix_chapters_parent_id");
    }
}

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> b)
    {
        b.ToTable("members");
        b.HasKey(x => x.UserId);
        b.Property(x => x.UserId).HasColumnName("user_id").ValueGeneratedNever();
        b.Property(x => x.DisplayName).HasColumnName("display_name").HasMaxLength(Member.MaxNameLength);
        b.Property(x => x.Username).HasColumnName("username").HasMaxLength(64);
        b.Property(x => x.Language).HasColumnName("language").HasMaxLength(8);
        b.Property(x => x.LanguageChosen).HasColumnName("language_chosen");
        b.Property(x => x.JoinedAt).HasColumnName("joined_at");
        b.Property(x => x.ConsentedAt).HasColumnName("consented_at");
        b.Property(x => x.Reachable).HasColumnName("reachable");
        b.HasIndex(x => x.Username).HasDatabaseName("ix_members_username");
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> b)
    {
        b.ToTable("memberships");
        b.HasKey(x => new { x.UserId, x.ChapterId });
        b.Property(x => x.UserId).HasColumnName("user_id");
        b.Property(x => x.ChapterId).HasColumnName("chapter_id");
        b.Property(x => x.Role).HasColumnName("role");
        b.Property(x => x.Since).HasColumnName("since");
        b.HasOne<Member>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_memberships_member");
        b.HasOne<Chapter>().WithMany().HasForeignKey(x => x.ChapterId).OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_memberships_chapter");
        b.HasIndex(x => x.ChapterId).HasDatabaseName("ix_memberships_chapter_id");
    }
}

internal sealed class InviteConfiguration : IEntityTypeConfiguration<Invite>
{
    public void Configure(EntityTypeBuilder<Invite> b)
    {
        b.ToTable("invites");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
        b.Property(x => x.Code).HasColumnName("code").HasMaxLength(32);
        b.Property(x => x.ChapterId).HasColumnName("chapter_id");
        b.Property(x => x.CreatedBy).HasColumnName("created_by");
        b.Property(x => x.CreatedAt).HasColumnName("created_at");
        b.Property(x => x.ExpiresAt).HasColumnName("expires_at");
        b.Property(x => x.MaxUses).HasColumnName("max_uses");
        // Two people redeeming the last use at once: the second save finds the count changed and is retried.
        b.Property(x => x.Uses).HasColumnName("uses").IsConcurrencyToken();
        b.Property(x => x.RevokedAt).HasColumnName("revoked_at");
        b.Ignore(x => x.Payload);
        b.HasOne<Chapter>().WithMany().HasForeignKey(x => x.ChapterId).OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_invites_chapter");
        b.HasIndex(x => x.Code).IsUnique().HasDatabaseName("ux_invites_code");
        b.HasIndex(x => x.ChapterId).HasDatabaseName("ix_invites_chapter_id");
    }
}

internal sealed class RoleChangeConfiguration : IEntityTypeConfiguration<RoleChange>
{
    public void Configure(EntityTypeBuilder<RoleChange> b)
    {
        b.ToTable("role_changes");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
        b.Property(x => x.At).HasColumnName("at");
        b.Property(x => x.ChapterId).HasColumnName("chapter_id");
        b.Property(x => x.UserId).HasColumnName("user_id");
        b.Property(x => x.ActorId).HasColumnName("actor_id");
        b.Property(x => x.OldRole).HasColumnName("old_role");
        b.Property(x => x.NewRole).HasColumnName("new_role");
        b.HasOne<Chapter>().WithMany().HasForeignKey(x => x.ChapterId).OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_role_changes_chapter");
        b.HasIndex(x => x.ChapterId).HasDatabaseName("ix_role_changes_chapter_id");
        b.HasIndex(x => x.UserId).HasDatabaseName("ix_role_changes_user_id");
    }
}
