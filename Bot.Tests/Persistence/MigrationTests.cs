using Bot.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Persistence;

/// <summary>The migrations are written by hand (EF's design-time package does not restore here), so this is
/// what keeps them honest: a database built by the migrations must equal one built from the model.</summary>
public sealed class MigrationTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("bot-migrations-").FullName;

    [Fact]
    public async Task Migrations_BuildTheSameSchemaAsTheModel()
    {
        var migrated = await Schema("migrated.db", db => db.Database.MigrateAsync());
        var modelled = await Schema("modelled.db", db => db.Database.EnsureCreatedAsync());

        Assert.Equal(modelled, migrated);
    }

    [Fact]
    public async Task Migrate_OnAnUpToDateDatabase_ChangesNothing()
    {
        var once = await Schema("twice.db", db => db.Database.MigrateAsync());
        var twice = await Schema("twice.db", db => db.Database.MigrateAsync());

        Assert.Equal(once, twice);
        Assert.Contains("table outbox", once);
    }

    private async Task<string> Schema(string file, Func<BotDbContext, Task> create)
    {
        var connectionString = $"Data Source={Path.Combine(folder, file)};Pooling=False";
        var options = PersistenceServiceCollectionExtensions.Configure(new DbContextOptionsBuilder<BotDbContext>(), connectionString).Options;
        await using (var db = new BotDbContext((DbContextOptions<BotDbContext>)options))
        {
            await create(db);
        }

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var lines = new List<string>();
        foreach (var table in await Strings(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EFMigrations%' ORDER BY name"))
        {
            lines.Add($"table {table}");
            lines.AddRange(await Strings(connection, $"SELECT name || ' ' || type || ' notnull=' || \"notnull\" || ' pk=' || pk FROM pragma_table_info('{table}') ORDER BY name"));
            foreach (var index in await Strings(connection, $"SELECT name || ' unique=' || \"unique\" FROM pragma_index_list('{table}') WHERE origin = 'c' ORDER BY name"))
            {
                var name = index.Split(' ')[0];
                var columns = await Strings(connection, $"SELECT name FROM pragma_index_info('{name}') ORDER BY seqno");
                lines.Add($"index {index} ({string.Join(", ", columns)})");
            }

            lines.AddRange(await Strings(connection, $"SELECT 'fk ' || \"from\" || ' -> ' || \"table\" || '.' || \"to\" || ' on delete ' || on_delete FROM pragma_foreign_key_list('{table}') ORDER BY \"from\""));
        }

        return string.Join('\n', lines);
    }

    private static async Task<List<string>> Strings(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var result = new List<string>();
        while (await reader.ReadAsync())
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
