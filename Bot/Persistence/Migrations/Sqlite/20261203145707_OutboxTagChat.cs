using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OutboxTagChat : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbox_tag",
                table: "outbox");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_tag_chat",
                table: "outbox",
                columns: new[] { "tag", "chat_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbox_tag_chat",
                table: "outbox");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_tag",
                table: "outbox",
                column: "tag");
        }
    }
}
