using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Bot.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    public const string DefaultConnectionString = "Data Source=bot.db";

    /// <summary>The bot's database from <c>ConnectionStrings:Bot</c> (SQLite by default), created or upgraded by
    /// its migrations before anything else starts.</summary>
    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = ConnectionString(configuration);
        services.AddDbContextFactory<BotDbContext>(options => Configure(options, connectionString));
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<BotDbContext>>().CreateDbContext());
        services.AddHostedService<DatabaseMigrator>();
        return services;
    }

    /// <summary>The bot's database, as EF and Quartz both open it.</summary>
    public static string ConnectionString(IConfiguration configuration)
    {
        var configured = configuration.GetConnectionString("Bot");
        return WithBusyTimeout(string.IsNullOrWhiteSpace(configured) ? DefaultConnectionString : configured);
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

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString)
    {
        return options
            .UseSqlite(WithBusyTimeout(connectionString))
            .AddInterceptors(SecureDelete);
    }
}

/// <summary>Brings the database to the newest schema when the host starts, before the services that use it.</summary>
internal sealed partial class DatabaseMigrator(IDbContextFactory<BotDbContext> contexts, ILogger<DatabaseMigrator> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
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

    [LoggerMessage(LogLevel.Information, "Database upgraded: {Migrations}")]
    private partial void LogMigrated(string migrations);
}
