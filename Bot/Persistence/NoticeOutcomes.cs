using System.Globalization;
using Bot.Domain.Notices;
using Bot.Telegram.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Bot.Persistence;

/// <summary>Keeps the notices' delivery record in step with the outbox: when the dispatcher settles a notice's
/// message, the member's line gets the time it was handed to Telegram and the message id, or why Telegram refused
/// it, in the dispatcher's own commit. The record is a copy, not a view of the outbox, so it stays when outbox rows
/// go (a member's erasure deletes theirs).</summary>
public sealed class NoticeOutcomes(BotDbContext db, TimeProvider clock) : IOutboxOutcomeListener
{
    private const string Prefix = "notice:";

    /// <summary>The outbox tag of a notice's messages.</summary>
    public static string Tag(long issueId) => Prefix + issueId.ToString(CultureInfo.InvariantCulture);

    public string TagPrefix => Prefix;

    public async Task Settled(IReadOnlyList<OutboxMessage> rows, CancellationToken ct)
    {
        var ours = rows
            .Where(r => r.Kind == OutboxKind.SendMessage && r.ChatId is not null && r.Tag is { } tag && tag.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(r => (Row: r, Issue: long.TryParse(r.Tag.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0))
            .Where(x => x.Issue > 0)
            .ToList();
        if (ours.Count == 0)
        {
            return;
        }

        var issues = ours.Select(x => x.Issue).Distinct().ToList();
        var users = ours.Select(x => x.Row.ChatId).Distinct().ToList();
        var deliveries = (await db.NoticeDeliveries.Where(d => issues.Contains(d.IssueId) && users.Contains(d.UserId)).ToListAsync(ct))
            .ToDictionary(d => (d.IssueId, d.UserId!.Value));
        foreach (var (row, issue) in ours)
        {
            if (!deliveries.TryGetValue((issue, row.ChatId!.Value), out var delivery))
            {
                continue;
            }

            if (row.Status == OutboxStatus.Sent)
            {
                // A long notice goes as several messages: the first one handed over is the one on record.
                delivery.HandedAt ??= row.SentAt;
                delivery.MessageId ??= row.SentMessageId;
                delivery.NotReached = null;
                delivery.NotReachedAt = null;
            }
            else if (delivery.HandedAt is null && row.Status is OutboxStatus.Undeliverable or OutboxStatus.Failed)
            {
                delivery.NotReached = Classify(row.LastError);
                delivery.NotReachedAt = clock.GetUtcNow().UtcDateTime;
            }
        }
    }

    /// <summary>Telegram's reason in the record's words; its descriptions are matched loosely, they are no contract.</summary>
    public static NotReached Classify(string? description) =>
        description is null ? NotReached.Failed
        : description.Contains("initiate", StringComparison.OrdinalIgnoreCase) ? NotReached.NeverStarted
        : description.Contains("blocked", StringComparison.OrdinalIgnoreCase) ? NotReached.Blocked
        : description.Contains("deactivated", StringComparison.OrdinalIgnoreCase) ? NotReached.Deactivated
        : description.Contains("not found", StringComparison.OrdinalIgnoreCase) ? NotReached.ChatNotFound
        : NotReached.Failed;
}
