using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Bot.Persistence;

/// <summary>The bot's context as SQLite migrates it: the migrations in Migrations/Sqlite belong to this type, which is
/// how EF keeps one migration set per provider in one assembly. The bot itself reads and writes through
/// <see cref="BotDbContext"/>; the model is the same.</summary>
public sealed class SqliteBotDbContext(DbContextOptions<SqliteBotDbContext> options) : BotDbContext(options);

/// <summary>The bot's context as PostgreSQL migrates it: the migrations in Migrations/PostgreSql belong to this type.</summary>
public sealed class PostgreSqlBotDbContext(DbContextOptions<PostgreSqlBotDbContext> options) : BotDbContext(options);

/// <summary>The contexts as <c>dotnet ef</c> builds them. Without these the tool would start the bot's host, which stops
/// before building when no bot token is configured, and a token should not be needed to add a migration. The
/// connection string is read as the bot reads it (appsettings.json, environment, <c>-- --ConnectionStrings:Bot=...</c>),
/// so <c>dotnet ef database update</c> upgrades the database the bot would open.</summary>
public sealed class SqliteBotDbContextDesignTimeFactory : IDesignTimeDbContextFactory<SqliteBotDbContext>
{
    public SqliteBotDbContext CreateDbContext(string[] args)
    {
        var connectionString = DesignTime.ConnectionString(args);
        return new SqliteBotDbContext(DesignTime.Options<SqliteBotDbContext>(
            PersistenceServiceCollectionExtensions.ProviderOf(connectionString) == DatabaseProvider.Sqlite ? connectionString : PersistenceServiceCollectionExtensions.DefaultConnectionString));
    }
}

/// <inheritdoc cref="SqliteBotDbContextDesignTimeFactory"/>
/// <remarks>Adding a migration needs no server: without a PostgreSQL connection string configured, one that is never
/// opened stands in.</remarks>
public sealed class PostgreSqlBotDbContextDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlBotDbContext>
{
    public PostgreSqlBotDbContext CreateDbContext(string[] args)
    {
        var connectionString = DesignTime.ConnectionString(args);
        return new PostgreSqlBotDbContext(DesignTime.Options<PostgreSqlBotDbContext>(
            PersistenceServiceCollectionExtensions.ProviderOf(connectionString) == DatabaseProvider.PostgreSql ? connectionString : "Host=localhost;Database=bot"));
    }
}

internal static class DesignTime
{
    public static string ConnectionString(string[] args) =>
        PersistenceServiceCollectionExtensions.ConnectionString(new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Path.GetDirectoryName(typeof(BotDbContext).Assembly.Location)!, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build());

    public static DbContextOptions<TContext> Options<TContext>(string connectionString)
        where TContext : DbContext
    {
        var options = new DbContextOptionsBuilder<TContext>();
        PersistenceServiceCollectionExtensions.Configure(options, connectionString);
        return options.Options;
    }
}
