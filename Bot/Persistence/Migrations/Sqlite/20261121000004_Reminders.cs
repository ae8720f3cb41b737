using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Bot.Persistence.Migrations.Sqlite;

/// <summary>Reminders: the ledger of what was sent, the events members muted, and members' own settings.
/// Quartz keeps its own tables (QRTZ_*) in the same file, created by Quartz itself at start.</summary>
[DbContext(typeof(SqliteBotDbContext))]
[Migration("20261121000004_Reminders")]
public sealed class Reminders : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "member_settings",
            columns: table => new
            {
                user_id = table.Column<long>(nullable: false),
                lead_times = table.Column<string>(maxLength: 200, nullable: true),
                quiet_hours = table.Column<string>(maxLength: 11, nullable: true),
                changed_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_member_settings", x => x.user_id);
                table.ForeignKey("fk_member_settings_member", x => x.user_id, "members", "user_id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "reminders_sent",
            columns: table => new
            {
                event_id = table.Column<long>(nullable: false),
                user_id = table.Column<long>(nullable: false),
                lead_minutes = table.Column<int>(nullable: false),
                sent_at = table.Column<DateTime>(nullable: false),
                starts_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_reminders_sent", x => new { x.event_id, x.user_id, x.lead_minutes });
                table.ForeignKey("fk_reminders_sent_event", x => x.event_id, "events", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_reminders_sent_user_id", "reminders_sent", "user_id");

        migrationBuilder.CreateTable(
            name: "reminder_mutes",
            columns: table => new
            {
                event_id = table.Column<long>(nullable: false),
                user_id = table.Column<long>(nullable: false),
                muted_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_reminder_mutes", x => new { x.event_id, x.user_id });
                table.ForeignKey("fk_reminder_mutes_event", x => x.event_id, "events", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_reminder_mutes_user_id", "reminder_mutes", "user_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("reminder_mutes");
        migrationBuilder.DropTable("reminders_sent");
        migrationBuilder.DropTable("member_settings");
    }
}
