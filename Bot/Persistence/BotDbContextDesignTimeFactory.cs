using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Bot.Persistence;

/// <summary>The context as <c>dotnet ef</c> builds it. Without this the tool would start the bot's host, which stops
/// before building when no bot token is configured, and a token should not be needed to add a migration. The
/// connection string is read as the bot reads it (appsettings.json, environment, <c>-- --ConnectionStrings:Bot=...</c>),
/// so <c>dotnet ef database update</c> upgrades the same file the bot would open.</summary>
public sealed class BotDbContextDesignTimeFactory : IDesignTimeDbContextFactory<BotDbContext>
{
    public BotDbContext CreateDbContext(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Path.GetDirectoryName(typeof(BotDbContext).Assembly.Location)!, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        var options = new DbContextOptionsBuilder<BotDbContext>();
        PersistenceServiceCollectionExtensions.Configure(options, PersistenceServiceCollectionExtensions.ConnectionString(configuration));
        return new BotDbContext(options.Options);
    }
}
