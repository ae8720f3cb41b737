using System.Text.Json;
using Bot.Persistence;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Bot.Telegram.Updates;

/// <summary>Where a receiver puts what it fetched before confirming it to Telegram.</summary>
public interface IUpdateIntake
{
    /// <summary>Keeps the updates durably (each once, however often given). Returns how many, from the first, are
    /// kept; the rest must be fetched again. Throws when none could be kept.</summary>
    Task<int> Keep(IReadOnlyList<Update> updates, CancellationToken stop);
}

/// <summary>Keeps what polling fetched in the inbox, one transaction per getUpdates answer, and wakes the inbox worker
/// that applies it. Polling then confirms the batch and fetches the next while the inbox is applied: a burst of a
/// thousand presses is taken in within a second or two, and <see cref="CallbackAcknowledger"/> can answer the
/// presses still waiting for their turn, where before the next batch was not even fetched until this one was applied.</summary>
public sealed class InboxIntake(IServiceScopeFactory scopes, InboxSignal signal, CallbackAcknowledger acknowledger, WriterTurn turn) : IUpdateIntake
{
    public async Task<int> Keep(IReadOnlyList<Update> updates, CancellationToken stop)
    {
        if (updates.Count == 0)
        {
            return 0;
        }

        var received = updates.Select(u => new Received(u.Id, JsonSerializer.Serialize(u, JsonBotAPI.Options), u.CallbackQuery?.Id)).ToList();
        using var held = await turn.Take(CancellationToken.None);
        await using var scope = scopes.CreateAsyncScope();
        var inbox = scope.ServiceProvider.GetRequiredService<WebhookInbox>();
        // Not cancelled by stopping: a batch whose keeping has begun is finished, so the offset confirmed tells the truth.
        var kept = await inbox.StoreMany(received, CancellationToken.None);
        if (kept.Count > 0)
        {
            signal.Notify();
            // Only presses wait for an acknowledgement: a batch without one would wake it to read the inbox for nothing.
            if (received.Any(r => r.CallbackQueryId is not null))
            {
                acknowledger.Notify();
            }
        }

        return updates.Count;
    }
}
