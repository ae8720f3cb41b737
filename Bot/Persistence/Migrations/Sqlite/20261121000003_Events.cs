using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Bot.Persistence.Migrations.Sqlite;

/// <summary>Events and the answers to them.</summary>
[DbContext(typeof(SqliteBotDbContext))]
[Migration("20261121000003_Events")]
public sealed class Events : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "events",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true),
                chapter_id = table.Column<long>(nullable: false),
                title = table.Column<string>(maxLength: 120, nullable: false),
                place = table.Column<string>(maxLength: 200, nullable: false),
                starts_at = table.Column<DateTime>(nullable: false),
                deadline_at = table.Column<DateTime>(nullable: true),
                capacity = table.Column<int>(nullable: true),
                max_guests = table.Column<int>(nullable: false),
                created_by = table.Column<long>(nullable: true),
                created_at = table.Column<DateTime>(nullable: false),
                cancelled_at = table.Column<DateTime>(nullable: true),
                next_ticket = table.Column<int>(nullable: false),
                version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_events", x => x.id);
                table.ForeignKey("fk_events_chapter", x => x.chapter_id, "chapters", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_events_chapter_starts_at", "events", ["chapter_id", "starts_at"]);
        migrationBuilder.CreateIndex("ix_events_starts_at", "events", "starts_at");

        migrationBuilder.CreateTable(
            name: "rsvps",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true),
                event_id = table.Column<long>(nullable: false),
                user_id = table.Column<long>(nullable: true),
                answer = table.Column<int>(nullable: false),
                guests = table.Column<int>(nullable: false),
                ticket = table.Column<int>(nullable: false),
                answered_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_rsvps", x => x.id);
                table.ForeignKey("fk_rsvps_event", x => x.event_id, "events", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ux_rsvps_event_user", "rsvps", ["event_id", "user_id"], unique: true);
        migrationBuilder.CreateIndex("ix_rsvps_user_id", "rsvps", "user_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("rsvps");
        migrationBuilder.DropTable("events");
    }
}
