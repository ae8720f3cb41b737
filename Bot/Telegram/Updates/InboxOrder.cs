using Bot.Telegram.Api;
using Telegram.Bot.Types;

namespace Bot.Telegram.Updates;

/// <summary>Which of the waiting updates are applied next. Oldest first held a member's /help behind a group's
/// thousand presses for as long as applying them took (seconds); so the updates are taken in turns across chats,
/// each chat's in the order they came: one of every chat that waits, then a second of every chat that has one, and
/// so on. Only order within a chat is Telegram's promise (a webhook gets different chats concurrently anyway), and
/// only within a chat does the bot depend on it (a dialog's steps, a press after the card it presses).</summary>
public static class InboxOrder
{
    /// <summary>Up to <paramref name="take"/> of <paramref name="oldestFirst"/>, chats in turns; an update without a
    /// chat is a chat of its own.</summary>
    public static IReadOnlyList<Update> Fair(IReadOnlyList<Update> oldestFirst, int take)
    {
        var byChat = new Dictionary<long, Queue<Update>>();
        var chats = new List<Queue<Update>>();
        foreach (var update in oldestFirst)
        {
            if (update.Chat is not { } chat)
            {
                chats.Add(new Queue<Update>([update]));
                continue;
            }

            if (!byChat.TryGetValue(chat.Id, out var queue))
            {
                byChat[chat.Id] = queue = new Queue<Update>();
                chats.Add(queue);
            }

            queue.Enqueue(update);
        }

        var chosen = new List<Update>(Math.Min(take, oldestFirst.Count));
        while (chosen.Count < take && chats.Count > 0)
        {
            foreach (var queue in chats)
            {
                if (chosen.Count == take)
                {
                    break;
                }

                chosen.Add(queue.Dequeue());
            }

            chats.RemoveAll(q => q.Count == 0);
        }

        return chosen;
    }
}
