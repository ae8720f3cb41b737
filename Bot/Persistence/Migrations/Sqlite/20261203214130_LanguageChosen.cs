using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LanguageChosen : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "language_chosen",
                table: "members",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // Whether a stored language was chosen or only reported cannot be told apart any more: keeping it as chosen
            // overrides no one's choice, at the price that these members' apps do not change it until they pick one.
            migrationBuilder.Sql("UPDATE members SET language_chosen = 1 WHERE language IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "language_chosen",
                table: "members");
        }
    }
}
