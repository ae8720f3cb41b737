using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Bot.Persistence;

/// <summary>The contexts the updates of a batch are applied with, one per update (and per attempt), each pointed at
/// the batch's connection and transaction. They are leased from a pool of their own: making a context and its EF
/// services anew for every update cost about a tenth of a press. The pool is kept apart from every other context
/// because a context given back keeps the connection it was pointed at; here every lease is pointed at its batch's
/// connection before it is used, and nothing else draws from this pool.</summary>
public sealed class UpdateContexts(DbContextOptions<BotDbContext> options)
{
    private readonly PooledDbContextFactory<BotDbContext> pool = new(options);

    /// <summary>Makes a leased context the one <paramref name="scope"/> hands out as its <see cref="BotDbContext"/>;
    /// the scope gives it back to the pool when it ends. Call before anything in the scope asks for the context.</summary>
    public BotDbContext Lease(IServiceProvider scope)
    {
        var given = scope.GetRequiredService<GivenContext>();
        if (given.Context is not null)
        {
            throw new InvalidOperationException("This scope already has its context.");
        }

        given.Context = pool.CreateDbContext();
        return scope.GetRequiredService<BotDbContext>();
    }
}

/// <summary>The context a scope hands out instead of making one, when its creator leased one for it
/// (<see cref="UpdateContexts"/>).</summary>
internal sealed class GivenContext
{
    public BotDbContext? Context { get; set; }
}
