using System.Globalization;
using System.Text;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace Bot.Telegram.Outbox;

/// <summary>The outbox table as the dispatcher sees it: which rows are due, in what order, and recording what
/// became of the ones sent. Plain LINQ, so it runs on every provider the bot supports.
/// <para>Order against liveness. A chat's messages go out in the order they were written: each waits for the
/// pending messages before it in its chat queue (one queue per chat and urgency). A message that failed with a
/// network or server error and waits for its retry holds the messages behind it only until it is
/// <see cref="OutboxOptions.FailingMessageHold"/> old; after that the later ones go first, and the failing one is
/// still retried. Calls that are not messages belong to no queue.</para></summary>
public sealed partial class OutboxQueue(IServiceScopeFactory scopes, WriterTurn turn, IOptions<OutboxOptions> options, ILogger<OutboxQueue> log)
    : IAsyncDisposable
{
    /// <summary>Calls that are not messages read at once; they are not rate limited, only by the free slots.</summary>
    private const int CallsPerRead = 500;

    private readonly OutboxOptions limits = options.Value;
    private OutboxColumns? columns;
    private IServiceScope? recording;

    /// <summary>Due calls that are not messages (callback answers first: Telegram shows a spinning button until they
    /// come), then up to <paramref name="take"/> heads of the chat queues: interactive before bulk, new messages
    /// before edits (a reply to a person before the refresh of a card), oldest first; none of
    /// <paramref name="inFlight"/>. Rows of unreachable chats are settled here without a request, and rows of migrated
    /// groups move to the new id. Reading writes nothing otherwise: an edit overtaken by a later edit of the same
    /// message was dropped when the later one was written (<see cref="OutboxCoalescing"/>).</summary>
    public async Task<List<OutboxMessage>> ReadDue(DateTimeOffset now, IReadOnlyCollection<long> inFlight, int take, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var chats = scope.ServiceProvider.GetRequiredService<ChatDirectory>();
        List<OutboxMessage> heads;
        while (await SettleHeads(db, chats, heads = await ReadHeads(db, now.UtcDateTime, take, ct), ct))
        {
            // Settling changed which row heads a queue: read again.
        }

        heads.RemoveAll(o => inFlight.Contains(o.Id));
        return heads;
    }

    /// <summary>Records, in one transaction, what the finished requests came to (see <see cref="OutboxPolicy.After"/>)
    /// and tells the <see cref="IOutboxOutcomeListener"/>s.</summary>
    public async Task Record(IReadOnlyList<(OutboxMessage Row, SendOutcome Outcome)> finished, CancellationToken ct)
    {
        // One scope, context and open connection for every batch, not one each: making a context and opening its
        // connection cost about as much as a batch of sends takes to write. Taken for the batch and given back only
        // after it committed: a failure drops it, so neither a broken connection nor a half-saved context is carried
        // on, and a call meanwhile (the dispatcher makes none) makes a scope of its own.
        using var held = await turn.Take(ct);
        var scope = Interlocked.Exchange(ref recording, null) ?? await Recording(ct);
        try
        {
            await Record(scope.ServiceProvider, finished, ct);
        }
        catch
        {
            await new AsyncServiceScope(scope).DisposeAsync();
            throw;
        }

        if (Interlocked.CompareExchange(ref recording, scope, null) is not null)
        {
            await new AsyncServiceScope(scope).DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref recording, null) is { } scope)
        {
            await new AsyncServiceScope(scope).DisposeAsync();
        }
    }

    private async Task<IServiceScope> Recording(CancellationToken ct)
    {
        var scope = scopes.CreateScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<BotDbContext>().Database.OpenConnectionAsync(ct);
            return scope;
        }
        catch
        {
            await new AsyncServiceScope(scope).DisposeAsync();
            throw;
        }
    }

    private async Task Record(IServiceProvider services, IReadOnlyList<(OutboxMessage Row, SendOutcome Outcome)> finished, CancellationToken ct)
    {
        var db = services.GetRequiredService<BotDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Most answers are successes for rows no listener looks at: those are written in one statement, without
        // reading the rows, tracking them and saving the changes, which cost most of recording. A row a listener looks
        // at, or one that must go once settled, is left alone by it and settled with the other outcomes below; the
        // statement goes by the tag the row has now, not by the dispatcher's copy (a keyboard withdrawn in flight).
        var sent = finished.Where(f => OutboxPolicy.IsSent(f.Outcome.Error)).ToList();
        var written = sent.Count == 0 ? [] : (await RecordSent(db, services, sent, ct)).ToHashSet();
        var settle = finished.Where(f => !written.Contains(f.Row.Id)).ToList();
        if (settle.Count > 0)
        {
            await Settle(services, db, settle, ct);
        }

        // Rows that must not outlive their sending go once settled, however they were settled (here, when a chat
        // turned unreachable while reading, or by the update intake).
        var names = Columns(db, services);
        await using (var delete = Command(db, $"DELETE FROM {names.Table} WHERE {names.Tag} = @tag AND {names.Status} <> @pending"))
        {
            Add(delete, "@tag", OutboxWriter.EphemeralTag);
            Add(delete, "@pending", (int)OutboxStatus.Pending);
            await delete.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        // The next batch reads its rows afresh.
        db.ChangeTracker.Clear();
    }

    /// <summary>Writes the rows Telegram took as <see cref="OutboxPolicy.After"/> makes them (sent, one attempt more,
    /// the answer's time and message id, no error), one statement for all, and returns the ids of those it wrote: the
    /// rows still there whose tag is neither <see cref="OutboxWriter.EphemeralTag"/> nor one a listener looks at
    /// (<see cref="IOutboxOutcomeListener.TagPrefix"/>). SQL that both providers run as it is; LINQ cannot set each
    /// row to its own values in one statement.</summary>
    private async Task<List<long>> RecordSent(BotDbContext db, IServiceProvider services, List<(OutboxMessage Row, SendOutcome Outcome)> sent, CancellationToken ct)
    {
        var names = Columns(db, services);
        var sql = new StringBuilder();
        await using var command = Command(db, "");
        string Parameter(object value) => Add(command, string.Create(CultureInfo.InvariantCulture, $"@p{command.Parameters.Count}"), value);

        sql.Append(CultureInfo.InvariantCulture, $"UPDATE {names.Table} SET {names.Status} = {Parameter((int)OutboxStatus.Sent)}, {names.Attempts} = {names.Attempts} + 1, {names.LastError} = NULL, ")
            .Append(CultureInfo.InvariantCulture, $"{names.SentAt} = CASE {names.Id}");
        foreach (var (row, outcome) in sent)
        {
            sql.Append(CultureInfo.InvariantCulture, $" WHEN {Parameter(row.Id)} THEN {Parameter(outcome.At.UtcDateTime)}");
        }

        sql.Append(" END");
        // An answer without a message id (an edit's, a callback answer's) keeps the one the row has.
        var messageIds = sent.Where(s => s.Outcome.MessageId is not null).ToList();
        if (messageIds.Count > 0)
        {
            sql.Append(CultureInfo.InvariantCulture, $", {names.SentMessageId} = CASE {names.Id}");
            foreach (var (row, outcome) in messageIds)
            {
                sql.Append(CultureInfo.InvariantCulture, $" WHEN {Parameter(row.Id)} THEN {Parameter(outcome.MessageId!.Value)}");
            }

            sql.Append(CultureInfo.InvariantCulture, $" ELSE {names.SentMessageId} END");
        }

        sql.Append(CultureInfo.InvariantCulture, $" WHERE {names.Id} IN ({string.Join(", ", sent.Select(s => Parameter(s.Row.Id)))})")
            .Append(CultureInfo.InvariantCulture, $" AND ({names.Tag} IS NULL OR NOT ({names.Tag} = {Parameter(OutboxWriter.EphemeralTag)}");
        foreach (var prefix in names.Watched)
        {
            sql.Append(CultureInfo.InvariantCulture, $" OR substr({names.Tag}, 1, {Parameter(prefix.Length)}) = {Parameter(prefix)}");
        }

        sql.Append(CultureInfo.InvariantCulture, $")) RETURNING {names.Id}");
        command.CommandText = sql.ToString();
        var written = new List<long>(sent.Count);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            written.Add(reader.GetInt64(0));
        }

        return written;
    }

    private OutboxColumns Columns(BotDbContext db, IServiceProvider services) =>
        columns ??= OutboxColumns.Of(db, services.GetServices<IOutboxOutcomeListener>().Select(l => l.TagPrefix).Distinct());

    /// <summary>A command on the context's connection, in its transaction: the recording's two statements go to the
    /// provider as they are. Through EF (a raw query, a LINQ delete) each was a query for EF to look up in its cache,
    /// which cost more than SQLite took to run it, and the dispatcher records answers hundreds of times a second.</summary>
    private static System.Data.Common.DbCommand Command(BotDbContext db, string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        return command;
    }

    private static string Add(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return name;
    }

    /// <summary>Reads the rows, applies their fates and tells the listeners, who see every row settled here.</summary>
    private async Task Settle(IServiceProvider services, BotDbContext db, List<(OutboxMessage Row, SendOutcome Outcome)> finished, CancellationToken ct)
    {
        var chats = services.GetRequiredService<ChatDirectory>();
        var ids = finished.Select(f => f.Row.Id).ToList();
        var rows = await db.Outbox.Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        foreach (var (sent, outcome) in finished)
        {
            if (rows.TryGetValue(sent.Id, out var row))
            {
                await Settle(chats, row, outcome, ct);
            }
        }

        foreach (var listener in services.GetServices<IOutboxOutcomeListener>())
        {
            await listener.Settled(rows.Values.Where(r => r.Status != OutboxStatus.Pending).ToList(), ct);
        }

        await db.SaveChangesAsync(ct);
    }

    private async Task Settle(ChatDirectory chats, OutboxMessage row, SendOutcome outcome, CancellationToken ct)
    {
        var from = row.ChatId;
        var fate = OutboxPolicy.After(row, outcome, limits.MaxAttempts);
        fate.ApplyTo(row);
        switch (fate.Kind)
        {
            case FateKind.ChatRefused:
                await chats.Refused(from!.Value, outcome.Error!.Description, outcome.Started, ct);
                break;
            case FateKind.Moved:
                await chats.RecordMigration(from!.Value, fate.ChatId!.Value, ct);
                break;
            case FateKind.Refused:
                LogRefused(row.Id, row.Kind, outcome.Error!.Description);
                break;
            case FateKind.GaveUp:
                LogGaveUp(row.Id, row.Kind, row.Attempts, outcome.Error!.ToString());
                break;
        }
    }

    private async Task<List<OutboxMessage>> ReadHeads(BotDbContext db, DateTime now, int take, CancellationToken ct)
    {
        // Untracked: SettleHeads changes rows behind the context's back (ExecuteUpdate), and a tracking query would
        // hand back the instances read before, e.g. a moved row still at its migrated group's old id, for ever.
        var calls = await db.Outbox.AsNoTracking()
            .Where(o => o.Status == OutboxStatus.Pending && o.NotBefore <= now && !OutboxPolicy.Messages.Contains(o.Kind))
            .OrderBy(o => o.Kind == OutboxKind.AnswerCallbackQuery ? 0 : 1).ThenBy(o => o.Id)
            .Take(CallsPerRead)
            .ToListAsync(ct);
        // A chat queue's head is its first row that holds the rows behind it; a due row is one of those itself. Two
        // ways to the same rows, each the fast one on its engine. PostgreSQL gets one grouping over the pending rows: it
        // planned the probe per row for an earlier one on the wrong index whenever its statistics did not know the
        // pending rows yet (a broadcast just written), and took seconds to read 5,000 heads instead of 10 ms. SQLite,
        // which keeps no statistics here, always probes the chat index, and the probe costs it two thirds of the
        // grouping (12 against 19 ms for 10,000 pending rows).
        var heldSince = now - limits.FailingMessageHold;
        var holding = db.Outbox.Where(p => p.Status == OutboxStatus.Pending && OutboxPolicy.Messages.Contains(p.Kind)
            && !(p.Attempts > 0 && p.NotBefore > now && p.CreatedAt <= heldSince));
        var due = db.Outbox.AsNoTracking()
            .Where(o => o.Status == OutboxStatus.Pending && o.NotBefore <= now && OutboxPolicy.Messages.Contains(o.Kind));
        if (db.Database.IsNpgsql())
        {
            var firsts = holding.Where(p => p.ChatId != null).GroupBy(p => new { p.ChatId, p.Urgency }).Select(g => g.Min(p => p.Id));
            due = due.Where(o => o.ChatId == null || firsts.Contains(o.Id));
        }
        else
        {
            due = due.Where(o => o.ChatId == null || !holding.Any(p => p.ChatId == o.ChatId && p.Urgency == o.Urgency && p.Id < o.Id));
        }

        var heads = await due
            .OrderBy(o => o.Urgency)
            .ThenBy(o => o.Kind == OutboxKind.SendMessage || o.Kind == OutboxKind.SendDocument ? 0 : 1)
            .ThenBy(o => o.Id)
            .Take(take)
            .ToListAsync(ct);
        calls.AddRange(heads);
        return calls;
    }

    /// <summary>Settles, without a request, the heads that must not be sent as they are; true if any was.</summary>
    private static async Task<bool> SettleHeads(BotDbContext db, ChatDirectory chats, List<OutboxMessage> heads, CancellationToken ct)
    {
        if (heads.Count == 0)
        {
            return false;
        }

        var chatIds = heads.Where(o => o.ChatId != null).Select(o => o.ChatId!.Value).Distinct().ToList();
        var special = await db.Chats
            .Where(c => chatIds.Contains(c.ChatId) && (c.Unreachable || c.MigratedToChatId != null))
            .ToDictionaryAsync(c => c.ChatId, ct);

        var settled = false;
        foreach (var row in heads)
        {
            if (row.ChatId is not { } chatId || !special.TryGetValue(chatId, out var chat))
            {
                continue;
            }

            if (chat.MigratedToChatId is { } to)
            {
                await db.Outbox.Where(o => o.ChatId == chatId && o.Status == OutboxStatus.Pending)
                    .ExecuteUpdateAsync(s => s.SetProperty(o => o.ChatId, to), ct);
            }
            else
            {
                await chats.DropPending(chatId, chat.UnreachableReason ?? "unreachable", ct);
            }

            settled = true;
        }

        if (settled)
        {
            await db.SaveChangesAsync(ct);
        }

        return settled;
    }

    [LoggerMessage(LogLevel.Warning, "Telegram refused outbox row {Id} ({Kind}): {Description}")]
    private partial void LogRefused(long id, OutboxKind kind, string description);

    [LoggerMessage(LogLevel.Warning, "Gave up outbox row {Id} ({Kind}) after {Attempts} attempts: {Error}")]
    private partial void LogGaveUp(long id, OutboxKind kind, int attempts, string error);
}

/// <summary>The outbox's table and columns as the model names them, quoted for the provider, and the tag prefixes the
/// listeners look at: what <see cref="OutboxQueue"/>'s own SQL needs, found once.</summary>
internal sealed record OutboxColumns(string Table, string Id, string Status, string Attempts, string SentAt, string SentMessageId,
    string LastError, string Tag, IReadOnlyList<string> Watched)
{
    public static OutboxColumns Of(DbContext db, IEnumerable<string> watched)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var entity = db.Model.FindEntityType(typeof(OutboxMessage))!;
        string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName());
        return new OutboxColumns(sql.DelimitIdentifier(entity.GetTableName()!), Column(nameof(OutboxMessage.Id)),
            Column(nameof(OutboxMessage.Status)), Column(nameof(OutboxMessage.Attempts)), Column(nameof(OutboxMessage.SentAt)),
            Column(nameof(OutboxMessage.SentMessageId)), Column(nameof(OutboxMessage.LastError)), Column(nameof(OutboxMessage.Tag)), [.. watched]);
    }
}
