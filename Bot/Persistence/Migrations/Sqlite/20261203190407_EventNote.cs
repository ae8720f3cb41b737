using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EventNote : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "note",
                table: "events",
                type: "TEXT",
                maxLength: 300,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "note",
                table: "events");
        }
    }
}
