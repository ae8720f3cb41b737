using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Bot.Persistence.Migrations.Sqlite;

/// <summary>When a user last wrote in a chat: a refusal to an older request no longer marks the chat unreachable.</summary>
[DbContext(typeof(SqliteBotDbContext))]
[Migration("20261121000006_ChatHeardFrom")]
public sealed class ChatHeardFrom : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<DateTime>(name: "heard_from_at", table: "chats", nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn(name: "heard_from_at", table: "chats");
}
