using System.Data.Common;
using Bot.Commands;
using Bot.Persistence;
using Bot.Telegram.Api;
using Bot.Telegram.Outbox;
using Bot.Texts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Bot.Telegram.Updates;

/// <summary>Where updates enter, whoever receives them (polling, a webhook, the local chat mode).</summary>
public interface IUpdateHandler
{
    /// <summary>Applies the updates in the order given, each once. Returns how many of them, from the first, are
    /// committed (or were already); the rest must be delivered again. That is fewer than all only when the database
    /// failed part-way, or when <paramref name="stop"/> asked to stop: the update in hand is finished, not abandoned.
    /// Throws when not even the first could be committed.</summary>
    Task<int> Handle(IReadOnlyList<Update> updates, CancellationToken stop);

    /// <summary>Applies the update once. Returns when its effects are committed (or were already); throws only
    /// when nothing could be committed, and then the update must be delivered again.</summary>
    Task Handle(Update update, CancellationToken ct);
}

/// <summary>Applies each update exactly once: its effects, the messages they cause and the update's id commit
/// together, so a redelivered update finds its id and changes nothing. The updates of one batch share a short
/// transaction (SQLite has one writer, and a commit per update made intake crawl), each inside a savepoint of its
/// own: an update whose handling fails is rolled back alone, logged, answered with a short apology and counted
/// as processed, while its batch-mates commit. If even the apology fails (an update too broken to answer), it is
/// recorded as processed without one: it must not come back forever and hold up every update behind it.</summary>
public sealed partial class UpdateProcessor(
    IServiceScopeFactory scopes,
    UpdateContexts contexts,
    OutboxSignal signal,
    PressAnswers answers,
    WriterTurn turn,
    TimeProvider clock,
    ILogger<UpdateProcessor> log)
    : IUpdateHandler
{
    /// <summary>The most updates one transaction applies; a getUpdates answer holds at most 100.</summary>
    public const int MaxUpdatesPerTransaction = 100;

    /// <summary>A transaction that has run this long commits before taking the next update, so the dispatcher and
    /// the reminder sweep never wait long for SQLite's writer.</summary>
    public static readonly TimeSpan TransactionBudget = TimeSpan.FromMilliseconds(100);

    private const int MaxAttempts = 3;
    private const string Savepoint = "update";

    public async Task Handle(Update update, CancellationToken ct)
    {
        // One update: it is the one in hand as soon as it is given, so nothing stops it half-way.
        await Handle([update], CancellationToken.None);
    }

    public async Task<int> Handle(IReadOnlyList<Update> updates, CancellationToken stop)
    {
        foreach (var update in updates)
        {
            UpdateText.Clean(update);
        }

        var committed = 0;
        while (committed < updates.Count && !stop.IsCancellationRequested)
        {
            try
            {
                committed += await ApplySome(updates, committed, stop);
            }
            catch (Exception ex) when (committed > 0)
            {
                // What committed stays; the caller confirms only that much, and the rest comes again.
                LogNotCommitted(ex, updates[committed].Id);
                break;
            }
            finally
            {
                signal.Notify();
            }
        }

        return committed;
    }

    /// <summary>One transaction over the updates from <paramref name="first"/> on, as many as fit its budget.
    /// Returns how many it committed.</summary>
    private async Task<int> ApplySome(IReadOnlyList<Update> updates, int first, CancellationToken stop)
    {
        using var held = await turn.Take(CancellationToken.None);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var started = clock.GetTimestamp();
        await using var tx = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var candidates = updates.Skip(first).Take(MaxUpdatesPerTransaction).Select(u => (long)u.Id).ToList();
        var done = (await db.ProcessedUpdates.Where(p => candidates.Contains(p.UpdateId)).Select(p => p.UpdateId).ToListAsync(CancellationToken.None))
            .ToHashSet();
        var shared = new SharedTransaction(db.Database.GetDbConnection(), tx.GetDbTransaction());

        var taken = 0;
        var applied = new List<ProcessedUpdate>();
        while (first + taken < updates.Count && taken < MaxUpdatesPerTransaction)
        {
            var update = updates[first + taken];
            if (done.Add(update.Id))
            {
                await Apply(update, tx, shared);
                applied.Add(new ProcessedUpdate { UpdateId = update.Id, ProcessedAt = clock.GetUtcNow().UtcDateTime });
            }

            taken++;
            // Another writer waiting (a batch to keep, answers to record) gets the writer after this update, not after 100.
            if (stop.IsCancellationRequested || clock.GetElapsedTime(started) >= TransactionBudget || turn.Wanted)
            {
                break;
            }
        }

        // Each applied update's record, written once for the batch (in the transaction its effects commit in) rather
        // than as one more statement in every update's own save.
        if (applied.Count > 0)
        {
            db.Database.AutoSavepointsEnabled = false;
            db.ProcessedUpdates.AddRange(applied);
            await db.SaveChangesAsync(CancellationToken.None);
        }

        // Updates the webhook stored leave its inbox with the record that they are processed (or were already).
        var finished = candidates.Take(taken).ToList();
        await db.WebhookInbox.Where(u => finished.Contains(u.UpdateId)).ExecuteDeleteAsync(CancellationToken.None);
        await tx.CommitAsync(CancellationToken.None);
        answers.Applied(finished);
        return taken;
    }

    /// <summary>The update's effects inside a savepoint, so a failure takes back only this update (its record is written
    /// with the batch's). Throws only when not even an empty savepoint could be: then the database itself is the problem.</summary>
    private async Task Apply(Update update, IDbContextTransaction tx, SharedTransaction shared)
    {
        try
        {
            await Attempt(update, tx, shared, services => services.GetRequiredService<UpdateRouter>().Route(update, CancellationToken.None));
            return;
        }
        catch (Exception ex)
        {
            LogFailed(ex, update.Id);
        }

        try
        {
            await Attempt(update, tx, shared, services => Apologize(services, update));
        }
        catch (Exception ex)
        {
            LogUnanswerable(ex, update.Id);
            await Attempt(update, tx, shared, _ => Task.CompletedTask);
        }
    }

    /// <summary>Two updates that change the same thing at once (two presses for the last place) cannot both
    /// commit: the later finds the version moved, and is applied again from scratch on the new state.</summary>
    private async Task Attempt(Update update, IDbContextTransaction tx, SharedTransaction shared, Func<IServiceProvider, Task> effects)
    {
        for (var attempt = 1; ; attempt++)
        {
            await tx.CreateSavepointAsync(Savepoint, CancellationToken.None);
            try
            {
                await InScope(update, shared, effects);
                await tx.ReleaseSavepointAsync(Savepoint, CancellationToken.None);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                await tx.RollbackToSavepointAsync(Savepoint, CancellationToken.None);
                await tx.ReleaseSavepointAsync(Savepoint, CancellationToken.None);
                LogConflict(update.Id, attempt);
            }
            catch
            {
                await tx.RollbackToSavepointAsync(Savepoint, CancellationToken.None);
                await tx.ReleaseSavepointAsync(Savepoint, CancellationToken.None);
                throw;
            }
        }
    }

    /// <summary>A scope of its own for every attempt, so nothing a failed attempt tracked or cached leaks into the
    /// next; its context (leased from a pool, and reset when given back) joins the batch's connection and transaction.</summary>
    private async Task InScope(Update update, SharedTransaction shared, Func<IServiceProvider, Task> effects)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = contexts.Lease(scope.ServiceProvider);
        db.Database.SetDbConnection(shared.Connection, contextOwnsConnection: false);
        await db.Database.UseTransactionAsync(shared.Transaction, CancellationToken.None);
        // The update's own savepoint already takes back a failed save; EF's savepoint around every save would add two
        // statements to each update for nothing.
        db.Database.AutoSavepointsEnabled = false;
        if (update.CallbackQuery is { } query && answers.BeginApplying(update.Id))
        {
            scope.ServiceProvider.GetRequiredService<OutboxWriter>()
                .AcknowledgedBefore(query.Id, query.Message?.Chat.Type == ChatType.Private ? query.Message.Chat.Id : null);
        }

        await effects(scope.ServiceProvider);
        await db.SaveChangesAsync(CancellationToken.None);
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

    private sealed record SharedTransaction(DbConnection Connection, DbTransaction Transaction);

    [LoggerMessage(LogLevel.Information, "Update {UpdateId} met a concurrent change (attempt {Attempt}); applying it again")]
    private partial void LogConflict(long updateId, int attempt);

    [LoggerMessage(LogLevel.Error, "Update {UpdateId} failed; the user gets an apology")]
    private partial void LogFailed(Exception ex, long updateId);

    [LoggerMessage(LogLevel.Error, "Update {UpdateId} could not even be apologised for; it is recorded as processed and skipped")]
    private partial void LogUnanswerable(Exception ex, long updateId);

    [LoggerMessage(LogLevel.Error, "Updates from {UpdateId} on could not be committed; they will be received again")]
    private partial void LogNotCommitted(Exception ex, long updateId);
}
