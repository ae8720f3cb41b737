namespace Bot.Telegram.Outbox;

/// <summary>A keyboard withdrawn while its message was waiting (<see cref="OutboxWriter.RemoveKeyboards"/>) may have
/// gone out all the same: the dispatcher can have read the message just before. So once such a message is recorded
/// as sent, its keyboard is taken off the message itself; where it went without one, Telegram's "not modified"
/// counts as done.</summary>
public sealed class WithdrawnKeyboards(OutboxWriter outbox, OutboxSignal signal) : IOutboxOutcomeListener
{
    public string TagPrefix => OutboxWriter.WithdrawnKeyboardTag;

    public Task Settled(IReadOnlyList<OutboxMessage> rows, CancellationToken ct)
    {
        var withdrawn = rows.Where(r => r.Tag == OutboxWriter.WithdrawnKeyboardTag).ToList();
        foreach (var row in withdrawn)
        {
            if (row is { Status: OutboxStatus.Sent, ChatId: { } chatId, SentMessageId: { } messageId })
            {
                outbox.EditKeyboard(chatId, messageId, null);
            }

            row.Tag = null;
        }

        if (withdrawn.Any(r => r.Status == OutboxStatus.Sent))
        {
            // Read in the dispatcher's next pass, after the commit this listener is part of.
            signal.Notify();
        }

        return Task.CompletedTask;
    }
}
