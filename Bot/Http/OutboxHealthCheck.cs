using Bot.Persistence;
using Bot.Telegram.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bot.Http;

/// <summary>The outbox's backlog and the age of its oldest waiting row: a growing backlog or an old row means
/// messages are not getting out (Telegram unreachable, a 429 storm, the dispatcher stopped).</summary>
public sealed class OutboxHealthCheck(BotDbContext db, TimeProvider clock) : IHealthCheck
{
    /// <summary>A message waiting longer than this (past its own send time) makes the bot degraded.</summary>
    public static readonly TimeSpan OldestAllowed = TimeSpan.FromMinutes(15);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var pending = db.Outbox.Where(o => o.Status == OutboxStatus.Pending);
        var backlog = await pending.CountAsync(cancellationToken);
        var oldest = await pending.Where(o => o.NotBefore <= now).OrderBy(o => o.NotBefore).Select(o => (DateTime?)o.NotBefore).FirstOrDefaultAsync(cancellationToken);
        var age = oldest is { } due ? now - due : TimeSpan.Zero;
        var data = new Dictionary<string, object> { ["backlog"] = backlog, ["oldestAgeSeconds"] = (long)age.TotalSeconds };
        return age > OldestAllowed
            ? HealthCheckResult.Degraded($"The oldest waiting message is {(long)age.TotalMinutes} minutes overdue.", data: data)
            : HealthCheckResult.Healthy($"{backlog} waiting.", data);
    }
}
