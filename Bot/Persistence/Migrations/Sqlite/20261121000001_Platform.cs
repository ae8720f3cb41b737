using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Bot.Persistence.Migrations.Sqlite;

/// <summary>Update de-duplication, the outbox, chat deliverability and stored dialogs. Written by hand
/// (EF's design-time package did not restore here then), as are the migrations up to Baseline; column types are left to the provider so the same
/// migration serves SQLite and PostgreSQL.</summary>
[DbContext(typeof(SqliteBotDbContext))]
[Migration("20261121000001_Platform")]
public sealed class Platform : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "processed_updates",
            columns: table => new
            {
                update_id = table.Column<long>(nullable: false),
                processed_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_processed_updates", x => x.update_id));
        migrationBuilder.CreateIndex("ix_processed_updates_processed_at", "processed_updates", "processed_at");

        migrationBuilder.CreateTable(
            name: "outbox",
            columns: table => new
            {
                id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                kind = table.Column<int>(nullable: false),
                urgency = table.Column<int>(nullable: false),
                status = table.Column<int>(nullable: false),
                chat_id = table.Column<long>(nullable: true),
                message_id = table.Column<long>(nullable: true),
                reply_to_message_id = table.Column<long>(nullable: true),
                text = table.Column<string>(nullable: true),
                reply_markup = table.Column<string>(nullable: true),
                callback_query_id = table.Column<string>(maxLength: 64, nullable: true),
                show_alert = table.Column<bool>(nullable: false),
                tag = table.Column<string>(maxLength: 64, nullable: true),
                attempts = table.Column<int>(nullable: false),
                created_at = table.Column<DateTime>(nullable: false),
                not_before = table.Column<DateTime>(nullable: false),
                sent_at = table.Column<DateTime>(nullable: true),
                sent_message_id = table.Column<long>(nullable: true),
                last_error = table.Column<string>(maxLength: 512, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_outbox", x => x.id));
        migrationBuilder.CreateIndex("ix_outbox_status_urgency_id", "outbox", ["status", "urgency", "id"]);
        migrationBuilder.CreateIndex("ix_outbox_chat_status_urgency_id", "outbox", ["chat_id", "status", "urgency", "id"]);
        migrationBuilder.CreateIndex("ix_outbox_tag", "outbox", "tag");

        migrationBuilder.CreateTable(
            name: "chats",
            columns: table => new
            {
                chat_id = table.Column<long>(nullable: false),
                unreachable = table.Column<bool>(nullable: false),
                unreachable_since = table.Column<DateTime>(nullable: true),
                unreachable_reason = table.Column<string>(maxLength: 256, nullable: true),
                migrated_to_chat_id = table.Column<long>(nullable: true),
                updated_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_chats", x => x.chat_id));

        migrationBuilder.CreateTable(
            name: "dialogs",
            columns: table => new
            {
                chat_id = table.Column<long>(nullable: false),
                user_id = table.Column<long>(nullable: false),
                name = table.Column<string>(maxLength: 64, nullable: false),
                step = table.Column<string>(maxLength: 64, nullable: false),
                data = table.Column<string>(nullable: false),
                updated_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_dialogs", x => new { x.chat_id, x.user_id }));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("dialogs");
        migrationBuilder.DropTable("chats");
        migrationBuilder.DropTable("outbox");
        migrationBuilder.DropTable("processed_updates");
    }
}
