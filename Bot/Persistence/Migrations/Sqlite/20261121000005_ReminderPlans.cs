using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Bot.Persistence.Migrations.Sqlite;

/// <summary>Reminder plans: per event, when the sweep next needs to read its answers. Without a row the sweep looks
/// at the event, so the table starts empty.</summary>
[DbContext(typeof(SqliteBotDbContext))]
[Migration("20261121000005_ReminderPlans")]
public sealed class ReminderPlans : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "reminder_plans",
            columns: table => new
            {
                event_id = table.Column<long>(nullable: false),
                seen_version = table.Column<int>(nullable: false),
                basis = table.Column<string>(maxLength: 200, nullable: false),
                next_at = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_reminder_plans", x => x.event_id);
                table.ForeignKey("fk_reminder_plans_event", x => x.event_id, "events", "id", onDelete: ReferentialAction.Cascade);
            });
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("reminder_plans");
}
