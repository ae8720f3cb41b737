using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Shifts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "shifts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    chapter_id = table.Column<long>(type: "INTEGER", nullable: false),
                    area = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    meeting_point = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    campaign = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    latitude = table.Column<double>(type: "REAL", nullable: true),
                    longitude = table.Column<double>(type: "REAL", nullable: true),
                    starts_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ends_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    slots = table.Column<int>(type: "INTEGER", nullable: false),
                    minimum = table.Column<int>(type: "INTEGER", nullable: false),
                    created_by = table.Column<long>(type: "INTEGER", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    cancelled_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    next_ticket = table.Column<int>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    staffing_checked_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    results_asked_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_shifts", x => x.id);
                    table.ForeignKey(
                        name: "fk_shifts_chapter",
                        column: x => x.chapter_id,
                        principalTable: "chapters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "shift_reminders",
                columns: table => new
                {
                    shift_id = table.Column<long>(type: "INTEGER", nullable: false),
                    user_id = table.Column<long>(type: "INTEGER", nullable: false),
                    lead_minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    sent_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_shift_reminders", x => new { x.shift_id, x.user_id, x.lead_minutes });
                    table.ForeignKey(
                        name: "fk_shift_reminders_shift",
                        column: x => x.shift_id,
                        principalTable: "shifts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "shift_reports",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    shift_id = table.Column<long>(type: "INTEGER", nullable: false),
                    user_id = table.Column<long>(type: "INTEGER", nullable: true),
                    doors = table.Column<int>(type: "INTEGER", nullable: false),
                    conversations = table.Column<int>(type: "INTEGER", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    reported_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_shift_reports", x => x.id);
                    table.ForeignKey(
                        name: "fk_shift_reports_shift",
                        column: x => x.shift_id,
                        principalTable: "shifts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "shift_sign_ups",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    shift_id = table.Column<long>(type: "INTEGER", nullable: false),
                    user_id = table.Column<long>(type: "INTEGER", nullable: false),
                    ticket = table.Column<int>(type: "INTEGER", nullable: false),
                    signed_up_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_shift_sign_ups", x => x.id);
                    table.ForeignKey(
                        name: "fk_shift_sign_ups_shift",
                        column: x => x.shift_id,
                        principalTable: "shifts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_shift_reminders_user_id",
                table: "shift_reminders",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_shift_reports_user_id",
                table: "shift_reports",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ux_shift_reports_shift_user",
                table: "shift_reports",
                columns: new[] { "shift_id", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_shift_sign_ups_user_id",
                table: "shift_sign_ups",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ux_shift_sign_ups_shift_user",
                table: "shift_sign_ups",
                columns: new[] { "shift_id", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_shifts_chapter_starts_at",
                table: "shifts",
                columns: new[] { "chapter_id", "starts_at" });

            migrationBuilder.CreateIndex(
                name: "ix_shifts_results",
                table: "shifts",
                columns: new[] { "results_asked_at", "ends_at" });

            migrationBuilder.CreateIndex(
                name: "ix_shifts_staffing",
                table: "shifts",
                columns: new[] { "staffing_checked_at", "starts_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "shift_reminders");

            migrationBuilder.DropTable(
                name: "shift_reports");

            migrationBuilder.DropTable(
                name: "shift_sign_ups");

            migrationBuilder.DropTable(
                name: "shifts");
        }
    }
}
