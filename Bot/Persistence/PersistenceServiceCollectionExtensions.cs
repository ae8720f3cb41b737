using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Bot.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

public static class PersistenceServiceCollectionExtensions
{
    public const string DefaultConnectionString = "Data Source=bot.db";

    /// <summary>The bot's database from <c>ConnectionStrings:Bot</c> (SQLite by default, PostgreSQL for a connection
    /// string naming a <c>Host</c>), created or upgraded by its provider's migrations before anything else starts.</summary>
    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = ConnectionString(configuration);
        services.AddDbContextFactory<BotDbContext>(options => Configure(options, connectionString));
        // A scope's context is its own, unless the scope was given one (the updates of a batch, UpdateContexts).
        services.AddScoped<GivenContext>();
        services.AddScoped(sp => sp.GetRequiredService<GivenContext>().Context ?? sp.GetRequiredService<IDbContextFactory<BotDbContext>>().CreateDbContext());
        services.AddSingleton<UpdateContexts>();
        services.AddHostedService<DatabaseMigrator>();
        return services;
    }

    /// <summary>The bot's database, as EF and Quartz both open it.</summary>
    public static string ConnectionString(IConfiguration configuration)
    {
        var configured = configuration.GetConnectionString("Bot");
        var connectionString = string.IsNullOrWhiteSpace(configured) ? DefaultConnectionString : configured;
        return ProviderOf(connectionString) == DatabaseProvider.Sqlite ? WithBusyTimeout(connectionString) : connectionString;
    }

    /// <summary>PostgreSQL when the connection string names a server (<c>Host=…;Database=…</c>, Npgsql's <c>Server</c>
    /// alias too); otherwise a SQLite file.</summary>
    public static DatabaseProvider ProviderOf(string connectionString)
    {
        var keys = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return keys.ContainsKey("Host") || keys.ContainsKey("Server") ? DatabaseProvider.PostgreSql : DatabaseProvider.Sqlite;
    }

    /// <summary>How long a writer waits for SQLite's one write lock before giving up, unless the connection string
    /// sets <c>Default Timeout</c> itself. Every writer (update intake, the dispatcher, the reminder sweep) holds it
    /// for a short transaction only (intake: at most <see cref="Telegram.Updates.UpdateProcessor.TransactionBudget"/>
    /// a batch), so a few seconds of waiting means something is wrong, and saying so beats a 30 s stall.</summary>
    public const int BusyTimeoutSeconds = 5;

    private static string WithBusyTimeout(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!builder.ShouldSerialize("Default Timeout"))
        {
            builder.DefaultTimeout = BusyTimeoutSeconds;
        }

        return builder.ToString();
    }

    private static readonly SqliteSecureDelete SecureDelete = new();
    private static readonly Telegram.Outbox.OutboxCoalescing Coalescing = new();

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString)
    {
        options.AddInterceptors(Coalescing);
        return ProviderOf(connectionString) == DatabaseProvider.PostgreSql
            ? options.UseNpgsql(connectionString)
            : options.UseSqlite(WithBusyTimeout(connectionString)).AddInterceptors(SecureDelete);
    }

    /// <summary>A context over <paramref name="connectionString"/> that carries its provider's migration set.</summary>
    public static BotDbContext MigrationContext(string connectionString, ILoggerFactory? logging = null)
    {
        return ProviderOf(connectionString) == DatabaseProvider.PostgreSql
            ? new PostgreSqlBotDbContext(Options<PostgreSqlBotDbContext>())
            : new SqliteBotDbContext(Options<SqliteBotDbContext>());

        DbContextOptions<TContext> Options<TContext>()
            where TContext : DbContext
        {
            var options = new DbContextOptionsBuilder<TContext>();
            Configure(options, connectionString);
            // On a new database EF reads the migrations' history before creating its table and logs the failed read
            // as an error (dotnet/efcore#37328), which makes an operator's first start look broken. A migration that
            // really fails throws, and the host stops with that error.
            options.ConfigureWarnings(w => w.Log((RelationalEventId.CommandError, LogLevel.Debug)));
            if (logging is not null)
            {
                options.UseLoggerFactory(logging);
            }

            return options.Options;
        }
    }
}

/// <summary>Brings the database to the newest schema when the host starts, before the services that use it.</summary>
internal sealed partial class DatabaseMigrator(IConfiguration configuration, ILoggerFactory logging, ILogger<DatabaseMigrator> log) : IHostedService
{
    /// <summary>The key of the PostgreSQL advisory lock the bot's instances migrate under (any number; this one
    /// spells "chapter bot" on a phone keypad).</summary>
    private const long MigrationLockKey = 2_427_837_268;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var connectionString = PersistenceServiceCollectionExtensions.ConnectionString(configuration);
        await using var turn = await MigrationTurn(connectionString, cancellationToken);
        await using var db = PersistenceServiceCollectionExtensions.MigrationContext(connectionString, logging);
        if (db.Database.IsSqlite())
        {
            var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(folder) && file != ":memory:")
            {
                Directory.CreateDirectory(folder);
            }

            // Readers (the dispatcher) and the writer (update intake) then do not block each other.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        if (pending.Count > 0)
        {
            LogMigrated(string.Join(", ", pending));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>On PostgreSQL, instances starting together migrate one after the other. EF's own lock there lasts one
    /// transaction, and each migration is a transaction of its own: with two or more pending, a second instance applied
    /// the later ones beside the first and stopped on "already exists". So the whole upgrade runs under a session's
    /// advisory lock, on a connection of its own and unpooled: closing it ends the session and releases the lock,
    /// as does the death of the process. Null on SQLite, whose file one instance has to itself.</summary>
    private static async Task<NpgsqlConnection?> MigrationTurn(string connectionString, CancellationToken ct)
    {
        if (PersistenceServiceCollectionExtensions.ProviderOf(connectionString) != DatabaseProvider.PostgreSql)
        {
            return null;
        }

        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            take.Parameters.AddWithValue("key", MigrationLockKey);
            take.CommandTimeout = 0;
            await take.ExecuteNonQueryAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    [LoggerMessage(LogLevel.Information, "Database upgraded: {Migrations}")]
    private partial void LogMigrated(string migrations);
}
