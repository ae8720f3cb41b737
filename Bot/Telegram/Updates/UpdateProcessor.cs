using Bot.Commands;
using Bot.Persistence;
using Bot.Telegram.Api;
using Bot.Telegram.Outbox;
using Bot.Texts;
using Microsoft.EntityFrameworkCore;
using Telegram.Bot.Types;

namespace Bot.Telegram.Updates;

/// <summary>Where updates enter, whoever receives them (polling, a webhook, the local chat mode).</summary>
public interface IUpdateHandler
{
    /// <summary>Applies the update once. Returns when its effects are committed (or were already); throws only
    /// when nothing could be committed, and then the update must be delivered again.</summary>
    Task Handle(Update update, CancellationToken ct);
}

/// <summary>Applies each update exactly once: its effects, the messages they cause and the update's id commit in
/// one transaction, so a redelivered update finds its id and changes nothing. An update whose handling fails is
/// isolated: it is logged, the user gets a short apology, and it counts as processed.</summary>
public sealed partial class UpdateProcessor(IServiceScopeFactory scopes, OutboxSignal signal, TimeProvider clock, ILogger<UpdateProcessor> log)
    : IUpdateHandler
{
    public async Task Handle(Update update, CancellationToken ct)
    {
        try
        {
            await CommitWithRetry(update, services => services.GetRequiredService<UpdateRouter>().Route(update, ct), ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            LogFailed(ex, update.Id);
            // If this fails too, the database itself is the problem: the update stays unconfirmed and comes again.
            await Commit(update, services => Apologize(services, update), ct);
        }

        signal.Notify();
    }

    /// <summary>Two updates that change the same thing at once (two presses for the last place) cannot both
    /// commit: the later finds the version moved, and is applied again from scratch on the new state.</summary>
    private async Task CommitWithRetry(Update update, Func<IServiceProvider, Task> effects, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Commit(update, effects, ct);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                LogConflict(update.Id, attempt);
            }
        }
    }

    private const int MaxAttempts = 3;

    private async Task Commit(Update update, Func<IServiceProvider, Task> effects, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await db.ProcessedUpdates.AnyAsync(p => p.UpdateId == update.Id, ct))
        {
            return;
        }

        await effects(scope.ServiceProvider);
        db.ProcessedUpdates.Add(new ProcessedUpdate { UpdateId = update.Id, ProcessedAt = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private static Task Apologize(IServiceProvider services, Update update)
    {
        var outbox = services.GetRequiredService<OutboxWriter>();
        var texts = services.GetRequiredService<TextCatalog>();
        var culture = texts.CultureFor(update.Sender?.LanguageCode);
        if (update.CallbackQuery is { } query)
        {
            outbox.AnswerCallback(query.Id, texts.Plain("Error.Apology", culture), showAlert: true);
        }
        else if (update.Message is { Text: not null } message && (message.Chat.IsPrivate || message.Text.StartsWith('/')))
        {
            outbox.Send(message.Chat.Id, texts.Html("Error.Apology", culture));
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(LogLevel.Information, "Update {UpdateId} met a concurrent change (attempt {Attempt}); applying it again")]
    private partial void LogConflict(long updateId, int attempt);

    [LoggerMessage(LogLevel.Error, "Update {UpdateId} failed; the user gets an apology")]
    private partial void LogFailed(Exception ex, long updateId);
}
