using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Telegram.Api;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Bot.Tests.Fakes;

// The users' side: what they do becomes updates, which getUpdates hands out with Telegram's offset semantics.
public sealed partial class FakeBotApi
{
    // As they go over the wire, so a test can also queue what Telegram.Bot's types cannot express (see EnqueueRawUpdate).
    private readonly List<(long Id, JsonNode Json)> pending = [];
    private readonly Dictionary<long, User> users = [];
    private readonly HashSet<long> started = [];
    private readonly HashSet<string> openCallbacks = [];
    private readonly Dictionary<long, DateTimeOffset> deliveredAt = [];
    // Telegram's ids do not start at 1; a bot that assumes they do should find out here.
    private int lastUpdateId = 481_516_000;
    private long lastCallbackId = 9_100_000;
    private TaskCompletionSource updateArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int pollGeneration;
    private int pollsWaiting;

    /// <summary>getUpdates calls the fake is holding open right now; lets a test act once the bot is polling.</summary>
    public int PollsWaiting
    {
        get { lock (gate) { return pollsWaiting; } }
    }

    /// <summary>When getUpdates first handed the update out (real time), or null while it has not.</summary>
    public DateTimeOffset? DeliveredAt(long updateId)
    {
        lock (gate)
        {
            return deliveredAt.TryGetValue(updateId, out var at) ? at : null;
        }
    }

    /// <summary>Reserves the next update id, for tests that build their own updates.</summary>
    public int NextUpdateId()
    {
        lock (gate)
        {
            return ++lastUpdateId;
        }
    }

    /// <summary>Queues an update as it is; the same id twice stands for Telegram delivering it again. A button press
    /// in it can be answered, as one made through <see cref="UserPresses"/>.</summary>
    public Update EnqueueUpdate(Update update)
    {
        lock (gate)
        {
            if (update.CallbackQuery is { } query)
            {
                openCallbacks.Add(query.Id);
            }

            Enqueue(update.Id, JsonSerializer.SerializeToNode(update, JsonBotAPI.Options)!);
            return update;
        }
    }

    /// <summary>Queues an update as raw JSON, which may be anything a server could send: a field of the wrong type,
    /// a missing field. <paramref name="build"/> gets the next update id and returns the update's JSON text.</summary>
    public int EnqueueRawUpdate(Func<int, string> build)
    {
        lock (gate)
        {
            var id = ++lastUpdateId;
            Enqueue(id, JsonNode.Parse(build(id))!);
            return id;
        }
    }

    private void Enqueue(long id, JsonNode json)
    {
        lock (gate)
        {
            var index = pending.FindLastIndex(u => u.Id <= id);
            pending.Insert(index + 1, (id, json));
            lastUpdateId = (int)Math.Max(lastUpdateId, id);
            WakePolls();
        }
    }

    /// <summary>The user writes <paramref name="text"/> in the chat (the private chat when chatId is the user's id);
    /// writing to the bot privately opens the chat and lifts a block, as on Telegram.</summary>
    public Update UserSends(long userId, long chatId, string text, string? languageCode = null)
    {
        lock (gate)
        {
            var user = UserFor(userId, languageCode);
            var chat = UserChat(userId, chatId);
            var message = new FakeMessage(chatId, ++chat.LastMessageId, user, text, clock.GetUtcNow()) { Source = text };
            chat.Shown[message.MessageId] = message;
            return EnqueueUpdate(new Update { Id = ++lastUpdateId, Message = ToMessage(message) });
        }
    }

    /// <summary>The user presses a button with <paramref name="data"/> under a message the chat shows. The data is
    /// not checked against the buttons: stale and forged presses happen and the bot must cope.</summary>
    public Update UserPresses(long userId, long chatId, long messageId, string data)
    {
        lock (gate)
        {
            var user = UserFor(userId, null);
            var chat = UserChat(userId, chatId);
            var message = chat.Shown.GetValueOrDefault(messageId)
                ?? throw new InvalidOperationException($"Chat {chatId} shows no message {messageId}: there is nothing to press.");
            var query = new CallbackQuery
            {
                Id = (++lastCallbackId).ToString(System.Globalization.CultureInfo.InvariantCulture),
                From = user,
                Message = ToMessage(message),
                Data = data,
                ChatInstance = $"-{Math.Abs(chatId) + Bot.Id}",
            };
            openCallbacks.Add(query.Id);
            return EnqueueUpdate(new Update { Id = ++lastUpdateId, CallbackQuery = query });
        }
    }

    private User UserFor(long userId, string? languageCode)
    {
        var user = users.GetValueOrDefault(userId) ?? new User { Id = userId, IsBot = false, FirstName = $"User{userId}" };
        if (languageCode is not null)
        {
            user = new User { Id = user.Id, IsBot = user.IsBot, FirstName = user.FirstName, LastName = user.LastName, Username = user.Username, LanguageCode = languageCode };
        }

        users[userId] = user;
        return user;
    }

    private ChatState UserChat(long userId, long chatId)
    {
        if (chatId > 0 && chatId != userId)
        {
            throw new ArgumentException($"A private chat has the user's id: user {userId} cannot write in private chat {chatId}.", nameof(chatId));
        }

        if (chatId == userId)
        {
            started.Add(userId);
            blocked.Remove(userId);
        }

        return StateOf(chatId);
    }

    private async Task<ApiAnswer> GetUpdates(ApiArgs args, CancellationToken abandoned)
    {
        var offset = args.Long("offset") ?? 0;
        var limit = Math.Clamp(args.Int("limit") ?? 100, 1, 100);
        var timeout = TimeSpan.FromSeconds(Math.Max(args.Int("timeout") ?? 0, 0));
        var waited = TimeProvider.System.GetTimestamp();
        int generation;
        lock (gate)
        {
            if (webhookUrl.Length == 0)
            {
                Confirm(offset);
            }

            generation = ++pollGeneration;
            // An older poll still waiting learns that it was superseded.
            WakePolls();
        }

        while (true)
        {
            Task arrived;
            lock (gate)
            {
                if (webhookUrl.Length > 0)
                {
                    return ApiAnswer.Error(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
                }

                if (generation != pollGeneration)
                {
                    return ApiAnswer.Error(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
                }

                var ready = pending.Where(u => u.Id >= offset).Take(limit).ToArray();
                var remaining = timeout - TimeProvider.System.GetElapsedTime(waited);
                if (ready.Length > 0 || remaining <= TimeSpan.Zero)
                {
                    var now = TimeProvider.System.GetUtcNow();
                    foreach (var (id, _) in ready)
                    {
                        deliveredAt.TryAdd(id, now);
                    }

                    return ApiAnswer.Ok((JsonNode)new JsonArray(ready.Select(u => u.Json.DeepClone()).ToArray()));
                }

                if (earlyPollAnswers > 0)
                {
                    earlyPollAnswers--;
                    return ApiAnswer.Ok(Array.Empty<Update>());
                }

                arrived = updateArrived.Task.WaitAsync(remaining, abandoned);
                pollsWaiting++;
            }

            try
            {
                await arrived;
            }
            catch (TimeoutException)
            {
                // The long poll ran out; the next round answers with what there is, which is nothing.
            }
            finally
            {
                lock (gate)
                {
                    pollsWaiting--;
                }
            }
        }
    }

    // Telegram forgets updates below the offset: that is the only way an update is confirmed. A negative offset
    // keeps only the last -offset updates.
    private void Confirm(long offset)
    {
        if (offset > 0)
        {
            pending.RemoveAll(u => u.Id < offset);
        }
        else if (offset < 0 && pending.Count > -offset)
        {
            pending.RemoveRange(0, pending.Count - (int)-offset);
        }
    }

    private void WakePolls()
    {
        var arrived = updateArrived;
        updateArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        arrived.TrySetResult();
    }
}
