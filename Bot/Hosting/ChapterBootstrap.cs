using Bot.Commands;
using Bot.Domain.Chapters;
using Bot.Persistence;
using Bot.Telegram.Outbox;
using Bot.Texts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Hosting;

/// <summary>At every start, after the database is ready: the root chapter exists and Bot:Admins are its admins,
/// and everyone who organizes or administers somewhere has their commands in their private chat's menu.</summary>
internal sealed class ChapterBootstrap(IServiceScopeFactory scopes, IOptions<BotOptions> options) : IHostedService
{
    private const int MaxConflicts = 5;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Twice: the first pass may create the root, which the memberships of the second need. Instances starting
        // together on one fresh PostgreSQL database race to create the same root and admins: the loser's pass fails
        // on the unique keys and is made again, finding what the winner created.
        var conflicts = 0;
        for (var pass = 0; pass < 2; pass++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var chapters = scope.ServiceProvider.GetRequiredService<ChapterService>();
            await chapters.Bootstrap(options.Value.RootChapter, options.Value.Admins, cancellationToken);
            try
            {
                await scope.ServiceProvider.GetRequiredService<BotDbContext>().SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException) when (++conflicts < MaxConflicts)
            {
                pass--;
            }
        }

        await RefreshMenus(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A private chat's menu is a snapshot taken when a role changed; a new version of the bot may bring
    /// commands it lacks, and configured admins never had a role change. So every start sets it again for the few
    /// who hold more than a member's role (not for those who blocked the bot: Telegram would refuse), in their private
    /// chat and in each linked group where they may see the chapter (a group linked since the last start included).</summary>
    private async Task RefreshMenus(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<BotDbContext>();
        var holders = await db.Memberships
            .Where(m => m.Role == Role.Organizer || m.Role == Role.Admin)
            .Join(db.Members.Where(p => p.Reachable), m => m.UserId, p => p.UserId, (m, p) => new { m.UserId, m.Role, p.Language })
            .ToListAsync(ct);
        if (holders.Count == 0)
        {
            return;
        }

        var commands = services.GetServices<IBotCommand>().ToList();
        var texts = services.GetRequiredService<TextCatalog>();
        var outbox = services.GetRequiredService<OutboxWriter>();
        var chapters = services.GetRequiredService<ChapterService>();
        foreach (var person in holders.GroupBy(h => h.UserId))
        {
            var highest = person.Max(h => h.Role).ToAccess();
            CommandMenuPublisher.PublishFor(outbox, commands, texts, person.Key, highest, person.First().Language);
            CommandMenuPublisher.PublishInGroups(outbox, commands, texts, await chapters.PermissionsOf(person.Key, ct), person.Key, person.First().Language);
        }

        await db.SaveChangesAsync(ct);
    }
}
