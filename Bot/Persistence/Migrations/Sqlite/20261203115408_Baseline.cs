using Microsoft.EntityFrameworkCore.Migrations;

namespace Bot.Persistence.Migrations.Sqlite;

/// <summary>Changes nothing in the database. The migrations before it were written by hand without a model, and
/// they already create exactly the schema of the model recorded here (checked against the generated script when this
/// was made); this one gives <c>dotnet ef</c> that model and the snapshot, so migrations from here on are generated.
/// Databases created before it only record it as applied.</summary>
public partial class Baseline : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
    }
}
