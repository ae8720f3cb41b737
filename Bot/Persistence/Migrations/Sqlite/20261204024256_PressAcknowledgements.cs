using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PressAcknowledgements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "acknowledged_at",
                table: "webhook_inbox",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "callback_query_id",
                table: "webhook_inbox",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "acknowledged_at",
                table: "webhook_inbox");

            migrationBuilder.DropColumn(
                name: "callback_query_id",
                table: "webhook_inbox");
        }
    }
}
