using Bot.Domain.Messaging;
using Bot.Telegram.Api;
using Bot.Telegram.Outbox;
using Bot.Telegram.Rendering;
using Bot.Tests.Fakes;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Bot.Tests.Groups;

/// <summary>Group chats as tests play them: people writing in a group, the bot being added and removed, and what
/// the database says a chapter is linked to.</summary>
internal static class GroupScenario
{
    /// <summary>Starts the bot with Telegram's per-group pace lifted, so a test waits for answers, not for the
    /// 20-per-minute limit.</summary>
    public static Task<TestBot> StartBot(Action<IServiceCollection>? services = null, PostgreSqlServer? postgres = null) =>
        TestBot.Start(new Dictionary<string, string?> { ["Telegram:Limits:PerGroupPerMinute"] = "6000" }, services, postgres: postgres);

    /// <summary>The user writes in the group and the test waits for the bot's next message there.</summary>
    public static async Task<FakeMessage> AskInGroup(this TestBot bot, long userId, long groupId, string text, string languageCode = "en")
    {
        var before = bot.Api.SentMessages(groupId).Count;
        bot.Api.UserSends(userId, groupId, text, languageCode);
        await bot.Api.WaitFor(() => bot.Api.SentMessages(groupId).Count > before, what: $"a reply to '{text}' in group {groupId}");
        return bot.Api.SentMessages(groupId)[before];
    }

    /// <summary>Telegram tells the bot its own status in a chat changed (my_chat_member), e.g. "left" to "member"
    /// when someone adds it to a group.</summary>
    public static Update BotStatusChanges(this TestBot bot, long chatId, string from, string to, long byUserId = TestBot.AdminId, string languageCode = "en")
    {
        var type = chatId > 0 ? ChatType.Private : chatId <= -1_000_000_000_000 ? ChatType.Supergroup : ChatType.Group;
        var chat = chatId > 0
            ? new Chat { Id = chatId, Type = type, FirstName = $"User{chatId}" }
            : new Chat { Id = chatId, Type = type, Title = $"Group {chatId}" };
        var by = new User { Id = byUserId, FirstName = $"User{byUserId}", LanguageCode = languageCode };
        var change = new ChatMemberUpdated
        {
            Chat = chat,
            From = by,
            Date = bot.Clock.GetUtcNow().UtcDateTime,
            OldChatMember = Member(from, bot.Api.Bot),
            NewChatMember = Member(to, bot.Api.Bot),
        };
        return bot.Api.EnqueueUpdate(new Update { Id = bot.Api.NextUpdateId(), MyChatMember = change });
    }

    // Telegram.Bot picks the ChatMember subclass from "status", as it does for what Telegram sends.
    private static ChatMember Member(string status, User user) =>
        new JsonObject { ["status"] = status, ["user"] = JsonSerializer.SerializeToNode(user, JsonBotAPI.Options) }
            .Deserialize<ChatMember>(JsonBotAPI.Options)!;

    public static Task<long?> GroupOf(this TestBot bot, string chapter) =>
        bot.Db(db => db.Chapters.Where(c => c.Name == chapter).Select(c => c.GroupChatId).SingleAsync());

    public static Task<bool> IsUnreachable(this TestBot bot, long chatId) =>
        bot.Db(db => db.Chats.AnyAsync(c => c.ChatId == chatId && c.Unreachable));

    /// <summary>Waits until a database condition holds, for updates that change state without a visible answer.</summary>
    public static Task WaitForDb(this TestBot bot, Func<Task<bool>> condition, string what) =>
        bot.Api.WaitFor(() => condition().GetAwaiter().GetResult(), what: what);

    /// <summary>Links the group straight in the database, as an earlier /linkgroup would have.</summary>
    public static Task Link(this TestBot bot, string chapter, long groupId) =>
        bot.Db(async db =>
        {
            var row = await db.Chapters.SingleAsync(c => c.Name == chapter);
            row.GroupChatId = groupId;
            return await db.SaveChangesAsync();
        });

    /// <summary>Queues a message to a chat as a feature posting to a chapter's group would (an announcement).</summary>
    public static async Task Announce(this TestBot bot, long chatId, string text)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<OutboxWriter>().Send(chatId, Html.Text(text), urgency: Urgency.Bulk);
        await scope.ServiceProvider.GetRequiredService<Bot.Persistence.BotDbContext>().SaveChangesAsync();
        bot.Services.GetRequiredService<OutboxSignal>().Notify();
    }
}
