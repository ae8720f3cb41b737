using Bot.Domain.Messaging;
using Bot.Persistence;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bot.Telegram.Outbox;

/// <summary>Keeps at most one pending edit per message: when edits are saved, the pending edits of the same messages
/// that they overtake are marked superseded in the same transaction, and the edit that stays takes the urgency of
/// the most urgent one it overtook (a member's card edited by their own press must not wait behind a broadcast
/// because a bulk refresh of the same card came later). Done where the edits are written, not where they are read,
/// so the dispatcher's reading stays a read and never waits for SQLite's writer. A save outside a transaction gets
/// one from here, so the edits and their superseding commit together.</summary>
internal sealed class OutboxCoalescing : SaveChangesInterceptor
{
    private static readonly ConditionalWeakTable<DbContext, Saving> Pending = [];

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (Edits(eventData.Context) is { } edits)
        {
            var context = eventData.Context!;
            var owned = context.Database.CurrentTransaction is null ? await context.Database.BeginTransactionAsync(cancellationToken) : null;
            Pending.AddOrUpdate(context, new Saving(edits, owned));
        }

        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (Edits(eventData.Context) is { } edits)
        {
            var context = eventData.Context!;
            var owned = context.Database.CurrentTransaction is null ? context.Database.BeginTransaction() : null;
            Pending.AddOrUpdate(context, new Saving(edits, owned));
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Take(eventData.Context) is { } saving)
        {
            await using (saving.Owned)
            {
                await Coalesce(eventData.Context!, saving.Edits, cancellationToken);
                if (saving.Owned is { } owned)
                {
                    await owned.CommitAsync(cancellationToken);
                }
            }
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Take(eventData.Context) is { } saving)
        {
            using (saving.Owned)
            {
                Coalesce(eventData.Context!, saving.Edits, CancellationToken.None).GetAwaiter().GetResult();
                saving.Owned?.Commit();
            }
        }

        return result;
    }

    // A save that failed or was cancelled gives its transaction back: left open on the context, it would swallow
    // every later save of that context and roll them back when the context goes.
    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Abandon(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) =>
        AbandonAsync(eventData.Context);

    public override void SaveChangesCanceled(DbContextEventData eventData) => Abandon(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) =>
        AbandonAsync(eventData.Context);

    private static void Abandon(DbContext? context) => Take(context)?.Owned?.Dispose();

    private static async Task AbandonAsync(DbContext? context)
    {
        if (Take(context)?.Owned is { } owned)
        {
            await owned.DisposeAsync();
        }
    }

    private static bool IsEdit(OutboxKind kind) => kind is OutboxKind.EditMessageText or OutboxKind.EditReplyMarkup;

    /// <summary>The pending edits about to be written, or null when there are none.</summary>
    private static List<OutboxMessage>? Edits(DbContext? context)
    {
        if (context is null)
        {
            return null;
        }

        // Without detecting changes first: an added row is known as added from the moment it was added, and the save
        // about to run detects the changes anyway; detecting them here too cost a press about a twentieth of its CPU.
        var tracker = context.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            var edits = tracker.Entries<OutboxMessage>()
                .Where(e => e.State == EntityState.Added && IsEdit(e.Entity.Kind) && e.Entity.Status == OutboxStatus.Pending
                    && e.Entity.ChatId is not null && e.Entity.MessageId is not null)
                .Select(e => e.Entity)
                .ToList();
            return edits.Count > 0 ? edits : null;
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }

    private static Saving? Take(DbContext? context) =>
        context is not null && Pending.TryGetValue(context, out var saving) && Pending.Remove(context) ? saving : null;

    private static async Task Coalesce(DbContext context, List<OutboxMessage> written, CancellationToken ct)
    {
        var outbox = context.Set<OutboxMessage>();
        var chats = written.Select(e => e.ChatId!.Value).Distinct().ToList();
        var messages = written.Select(e => e.MessageId!.Value).Distinct().ToList();
        var writtenIds = written.Select(e => e.Id).ToHashSet();
        var keys = written.Select(e => (e.ChatId!.Value, e.MessageId!.Value, e.Kind)).ToHashSet();

        // The edits just written are among the pending ones read here: they are saved, in this transaction.
        var pending = await PendingEdits.For(context)(context, chats, messages).ToListAsync(ct);

        var superseded = new List<long>();
        var raised = new Dictionary<Urgency, List<long>>();
        foreach (var edits in pending.GroupBy(e => (e.ChatId, e.MessageId, e.Kind)).Where(g => keys.Contains(g.Key)))
        {
            var stays = edits.MaxBy(e => e.Id)!;
            superseded.AddRange(edits.Where(e => e.Id != stays.Id).Select(e => e.Id));
            var urgency = edits.Min(e => e.Urgency);
            if (urgency < stays.Urgency && writtenIds.Contains(stays.Id))
            {
                (raised.TryGetValue(urgency, out var ids) ? ids : raised[urgency] = []).Add(stays.Id);
            }
        }

        if (superseded.Count > 0)
        {
            await Supersede(context, superseded, ct);
        }

        foreach (var (urgency, ids) in raised)
        {
            await outbox.Where(o => ids.Contains(o.Id)).ExecuteUpdateAsync(s => s.SetProperty(o => o.Urgency, urgency), ct);
        }
    }

    /// <summary>Marks the overtaken edits superseded. On PostgreSQL an edit another transaction has locked is left
    /// alone: it is being recorded as sent (the dispatcher's answer), or superseded by a writer of its own, and waiting
    /// for that writer made a deadlock whenever it waited in turn for a row this transaction had locked (a batch of
    /// presses against the recording of answers, or a card refresh). SQLite has one writer and nothing to skip.</summary>
    private static async Task Supersede(DbContext context, List<long> ids, CancellationToken ct)
    {
        // Plain SQL, names from the model and values as parameters: a LINQ update is translated anew on every press.
        var names = Columns.For(context);
        if (context.Database.IsNpgsql())
        {
            var sql = $"UPDATE {names.Table} SET {names.Status} = {{0}} WHERE {names.Id} IN (SELECT {names.Id} FROM {names.Table} "
                + $"WHERE {names.Id} = ANY({{1}}) AND {names.Status} = {{2}} FOR UPDATE SKIP LOCKED)";
            await context.Database.ExecuteSqlRawAsync(sql, [(int)OutboxStatus.Superseded, ids.ToArray(), (int)OutboxStatus.Pending], ct);
            return;
        }

        // A refresh of every copy of a card may supersede thousands: in chunks, well below SQLite's limit of parameters.
        foreach (var chunk in ids.Chunk(500))
        {
            var list = string.Join(", ", chunk.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"{{{i + 2}}}")));
            var sql = $"UPDATE {names.Table} SET {names.Status} = {{0}} WHERE {names.Status} = {{1}} AND {names.Id} IN ({list})";
            await context.Database.ExecuteSqlRawAsync(sql, [(int)OutboxStatus.Superseded, (int)OutboxStatus.Pending, .. chunk.Cast<object>()], ct);
        }
    }

    private static readonly PerModel<OutboxColumns> Columns = new(db => OutboxColumns.Of(db, []));

    /// <summary>The pending edits of these messages. Compiled: every press writes an edit, and translating the query
    /// again each time cost about as much as running it.</summary>
    private static readonly PerModel<Func<DbContext, List<long>, List<long>, IAsyncEnumerable<Edit>>> PendingEdits = new(() =>
        EF.CompileAsyncQuery((DbContext db, List<long> chats, List<long> messages) =>
            db.Set<OutboxMessage>().AsNoTracking()
                .Where(o => o.Status == OutboxStatus.Pending && (o.Kind == OutboxKind.EditMessageText || o.Kind == OutboxKind.EditReplyMarkup)
                    && chats.Contains(o.ChatId!.Value) && messages.Contains(o.MessageId!.Value))
                .Select(o => new Edit(o.Id, o.ChatId!.Value, o.MessageId!.Value, o.Kind, o.Urgency))));

    private sealed record Edit(long Id, long ChatId, long MessageId, OutboxKind Kind, Urgency Urgency);

    /// <summary>Edits being saved, and the transaction this interceptor began for them when the caller had none: the
    /// save and the superseding commit together, so the dispatcher never reads the overtaken edits as pending.</summary>
    private sealed record Saving(List<OutboxMessage> Edits, IDbContextTransaction? Owned);
}
