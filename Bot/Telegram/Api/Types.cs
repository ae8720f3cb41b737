using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bot.Telegram.Api;

// The subset of the Bot API's types the bot uses. Property names map to Telegram's snake_case through
// BotApiJson.Options; fields the bot does not read are simply not declared.

public sealed record User(long Id, bool IsBot, string FirstName)
{
    public string? LastName { get; init; }
    public string? Username { get; init; }
    public string? LanguageCode { get; init; }
}

public sealed record Chat(long Id, string Type)
{
    public string? Title { get; init; }
    public string? Username { get; init; }
    public string? FirstName { get; init; }

    [JsonIgnore] public bool IsPrivate => Type == "private";
}

public sealed record Message(long MessageId, Chat Chat, long Date)
{
    public User? From { get; init; }
    public string? Text { get; init; }
    public Message? ReplyToMessage { get; init; }
    public long? MigrateToChatId { get; init; }
    public long? MigrateFromChatId { get; init; }
    public User[]? NewChatMembers { get; init; }
    public User? LeftChatMember { get; init; }
    public bool? GroupChatCreated { get; init; }
    public bool? SupergroupChatCreated { get; init; }
}

public sealed record CallbackQuery(string Id, User From)
{
    public Message? Message { get; init; }
    public string? Data { get; init; }
    public string? ChatInstance { get; init; }
}

public sealed record ChatMember(string Status, User User);

public sealed record ChatMemberUpdated(Chat Chat, User From, long Date, ChatMember OldChatMember, ChatMember NewChatMember);

public sealed record Update(long UpdateId)
{
    public Message? Message { get; init; }
    public Message? EditedMessage { get; init; }
    public CallbackQuery? CallbackQuery { get; init; }
    public ChatMemberUpdated? MyChatMember { get; init; }

    /// <summary>The user who caused the update, when there is one.</summary>
    [JsonIgnore]
    public User? Sender => Message?.From ?? CallbackQuery?.From ?? MyChatMember?.From ?? EditedMessage?.From;

    /// <summary>The chat the update happened in, when there is one.</summary>
    [JsonIgnore]
    public Chat? Chat => Message?.Chat ?? CallbackQuery?.Message?.Chat ?? MyChatMember?.Chat ?? EditedMessage?.Chat;
}

public sealed record InlineKeyboardButton(string Text)
{
    public string? CallbackData { get; init; }
    public string? Url { get; init; }
}

public sealed record InlineKeyboardMarkup(IReadOnlyList<IReadOnlyList<InlineKeyboardButton>> InlineKeyboard);

public sealed record BotCommand(string Command, string Description);

/// <summary>Which users see a command list (Bot API BotCommandScope).</summary>
public sealed record BotCommandScope(string Type)
{
    public long? ChatId { get; init; }
    public long? UserId { get; init; }

    public static BotCommandScope Default { get; } = new("default");
    public static BotCommandScope AllPrivateChats { get; } = new("all_private_chats");
    public static BotCommandScope AllGroupChats { get; } = new("all_group_chats");
    public static BotCommandScope AllChatAdministrators { get; } = new("all_chat_administrators");
    public static BotCommandScope ForChat(long chatId) => new("chat") { ChatId = chatId };
    public static BotCommandScope ForChatMember(long chatId, long userId) => new("chat_member") { ChatId = chatId, UserId = userId };
}

public sealed record ResponseParameters
{
    public long? MigrateToChatId { get; init; }
    public int? RetryAfter { get; init; }
}

public sealed record WebhookInfo(string Url)
{
    public int PendingUpdateCount { get; init; }
}

/// <summary>Serializer settings shared by the client, the fake server in tests and the outbox payloads.</summary>
public static class BotApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
