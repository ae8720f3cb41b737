using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CalendarChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "announce_due",
                table: "series_occurrences",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "known_cancelled",
                table: "series_occurrences",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "known_starts_at",
                table: "series_occurrences",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "calendar_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    chapter_id = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    series_id = table.Column<long>(type: "INTEGER", nullable: true),
                    event_id = table.Column<long>(type: "INTEGER", nullable: true),
                    title = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    place = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    starts_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    was_starts_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    actor_id = table.Column<long>(type: "INTEGER", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    done_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calendar_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_calendar_changes_chapter",
                        column: x => x.chapter_id,
                        principalTable: "chapters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "calendar_changes_sent",
                columns: table => new
                {
                    change_id = table.Column<long>(type: "INTEGER", nullable: false),
                    user_id = table.Column<long>(type: "INTEGER", nullable: false),
                    sent_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calendar_changes_sent", x => new { x.change_id, x.user_id });
                    table.ForeignKey(
                        name: "fk_calendar_changes_sent_change",
                        column: x => x.change_id,
                        principalTable: "calendar_changes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_calendar_changes_chapter_id",
                table: "calendar_changes",
                column: "chapter_id");

            migrationBuilder.CreateIndex(
                name: "ix_calendar_changes_done_at",
                table: "calendar_changes",
                column: "done_at");

            migrationBuilder.CreateIndex(
                name: "ix_calendar_changes_sent_user_id",
                table: "calendar_changes_sent",
                column: "user_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "calendar_changes_sent");

            migrationBuilder.DropTable(
                name: "calendar_changes");

            migrationBuilder.DropColumn(
                name: "announce_due",
                table: "series_occurrences");

            migrationBuilder.DropColumn(
                name: "known_cancelled",
                table: "series_occurrences");

            migrationBuilder.DropColumn(
                name: "known_starts_at",
                table: "series_occurrences");
        }
    }
}
