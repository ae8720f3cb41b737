using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Bot.Persistence.Migrations.Sqlite;

/// <summary>The chapter tree, members and their roles, invites and the audit log of role changes; and, for the
/// outbox, file attachments (the /mydata export).</summary>
[DbContext(typeof(SqliteBotDbContext))]
[Migration("20261121000002_Chapters")]
public sealed class Chapters : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "chapters",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true),
                name = table.Column<string>(maxLength: 64, nullable: false),
                parent_id = table.Column<long>(nullable: true),
                group_chat_id = table.Column<long>(nullable: true),
                created_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_chapters", x => x.id);
                table.ForeignKey("fk_chapters_parent", x => x.parent_id, "chapters", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ux_chapters_name", "chapters", "name", unique: true);
        migrationBuilder.CreateIndex("ux_chapters_group_chat_id", "chapters", "group_chat_id", unique: true);
        migrationBuilder.CreateIndex("ix_chapters_parent_id", "chapters", "parent_id");

        migrationBuilder.CreateTable(
            name: "members",
            columns: table => new
            {
                user_id = table.Column<long>(nullable: false),
                display_name = table.Column<string>(maxLength: 128, nullable: false),
                username = table.Column<string>(maxLength: 64, nullable: true),
                language = table.Column<string>(maxLength: 8, nullable: true),
                joined_at = table.Column<DateTime>(nullable: false),
                consented_at = table.Column<DateTime>(nullable: true),
                reachable = table.Column<bool>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_members", x => x.user_id));
        migrationBuilder.CreateIndex("ix_members_username", "members", "username");

        migrationBuilder.CreateTable(
            name: "memberships",
            columns: table => new
            {
                user_id = table.Column<long>(nullable: false),
                chapter_id = table.Column<long>(nullable: false),
                role = table.Column<int>(nullable: false),
                since = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_memberships", x => new { x.user_id, x.chapter_id });
                table.ForeignKey("fk_memberships_member", x => x.user_id, "members", "user_id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("fk_memberships_chapter", x => x.chapter_id, "chapters", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_memberships_chapter_id", "memberships", "chapter_id");

        migrationBuilder.CreateTable(
            name: "invites",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true),
                code = table.Column<string>(maxLength: 32, nullable: false),
                chapter_id = table.Column<long>(nullable: false),
                created_by = table.Column<long>(nullable: true),
                created_at = table.Column<DateTime>(nullable: false),
                expires_at = table.Column<DateTime>(nullable: false),
                max_uses = table.Column<int>(nullable: false),
                uses = table.Column<int>(nullable: false),
                revoked_at = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_invites", x => x.id);
                table.ForeignKey("fk_invites_chapter", x => x.chapter_id, "chapters", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ux_invites_code", "invites", "code", unique: true);
        migrationBuilder.CreateIndex("ix_invites_chapter_id", "invites", "chapter_id");

        migrationBuilder.CreateTable(
            name: "role_changes",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true),
                at = table.Column<DateTime>(nullable: false),
                chapter_id = table.Column<long>(nullable: false),
                user_id = table.Column<long>(nullable: true),
                actor_id = table.Column<long>(nullable: true),
                old_role = table.Column<int>(nullable: true),
                new_role = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_role_changes", x => x.id);
                table.ForeignKey("fk_role_changes_chapter", x => x.chapter_id, "chapters", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_role_changes_chapter_id", "role_changes", "chapter_id");
        migrationBuilder.CreateIndex("ix_role_changes_user_id", "role_changes", "user_id");

        migrationBuilder.AddColumn<string>(name: "document_name", table: "outbox", maxLength: 64, nullable: true);
        migrationBuilder.AddColumn<string>(name: "caption", table: "outbox", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "caption", table: "outbox");
        migrationBuilder.DropColumn(name: "document_name", table: "outbox");
        migrationBuilder.DropTable("role_changes");
        migrationBuilder.DropTable("invites");
        migrationBuilder.DropTable("memberships");
        migrationBuilder.DropTable("members");
        migrationBuilder.DropTable("chapters");
    }
}
