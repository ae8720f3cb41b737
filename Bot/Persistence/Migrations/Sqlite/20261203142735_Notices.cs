using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Notices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Formal notices take urgency 1 between interactive (0) and bulk, which moves from 1 to 2.
            migrationBuilder.Sql("UPDATE outbox SET urgency = 2 WHERE urgency = 1;");

            migrationBuilder.AddColumn<int>(
                name: "notice_period_days",
                table: "chapters",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "notices",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    chapter_id = table.Column<long>(type: "INTEGER", nullable: false),
                    event_id = table.Column<long>(type: "INTEGER", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    place = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    starts_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    agenda = table.Column<string>(type: "TEXT", nullable: false),
                    shortened_reason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    period_days = table.Column<int>(type: "INTEGER", nullable: false),
                    created_by = table.Column<long>(type: "INTEGER", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notices", x => x.id);
                    table.ForeignKey(
                        name: "fk_notices_event",
                        column: x => x.event_id,
                        principalTable: "events",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "notice_issues",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    notice_id = table.Column<long>(type: "INTEGER", nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    text = table.Column<string>(type: "TEXT", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    sent_by = table.Column<long>(type: "INTEGER", nullable: true),
                    sent_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    shortened_reason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    remind_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    reminded_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notice_issues", x => x.id);
                    table.ForeignKey(
                        name: "fk_notice_issues_notice",
                        column: x => x.notice_id,
                        principalTable: "notices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "notice_deliveries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    issue_id = table.Column<long>(type: "INTEGER", nullable: false),
                    user_id = table.Column<long>(type: "INTEGER", nullable: true),
                    handed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    message_id = table.Column<long>(type: "INTEGER", nullable: true),
                    confirmed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    not_reached = table.Column<int>(type: "INTEGER", nullable: true),
                    not_reached_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notice_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "fk_notice_deliveries_issue",
                        column: x => x.issue_id,
                        principalTable: "notice_issues",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_notice_deliveries_issue_user",
                table: "notice_deliveries",
                columns: new[] { "issue_id", "user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_notice_deliveries_user_id",
                table: "notice_deliveries",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_notice_issues_reminder",
                table: "notice_issues",
                columns: new[] { "reminded_at", "remind_at" });

            migrationBuilder.CreateIndex(
                name: "ux_notice_issues_notice_number",
                table: "notice_issues",
                columns: new[] { "notice_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notices_chapter_created",
                table: "notices",
                columns: new[] { "chapter_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_notices_event_id",
                table: "notices",
                column: "event_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE outbox SET urgency = 1 WHERE urgency >= 1;");

            migrationBuilder.DropTable(
                name: "notice_deliveries");

            migrationBuilder.DropTable(
                name: "notice_issues");

            migrationBuilder.DropTable(
                name: "notices");

            migrationBuilder.DropColumn(
                name: "notice_period_days",
                table: "chapters");
        }
    }
}
