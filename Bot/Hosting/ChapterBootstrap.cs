using Bot.Domain.Chapters;
using Bot.Persistence;
using Microsoft.Extensions.Options;

namespace Bot.Hosting;

/// <summary>At every start, after the database is ready: the root chapter exists and Bot:Admins are its admins.</summary>
internal sealed class ChapterBootstrap(IServiceScopeFactory scopes, IOptions<BotOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Twice: the first pass may create the root, which the memberships of the second need.
        for (var pass = 0; pass < 2; pass++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var chapters = scope.ServiceProvider.GetRequiredService<ChapterService>();
            await chapters.Bootstrap(options.Value.RootChapter, options.Value.Admins, cancellationToken);
            await scope.ServiceProvider.GetRequiredService<BotDbContext>().SaveChangesAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
