using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bot.Telegram.Api;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;
using Telegram.Bot;

namespace Bot.Tests.Fakes;

// The bot's side: the Bot API methods, validated as Telegram validates them.
public sealed partial class FakeBotApi
{
    private const string NotModified =
        "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

    // Telegram's method names are case-insensitive; requests are recorded under the documented spelling.
    private static readonly Dictionary<string, string> MethodNames = new[]
    {
        "getMe", "getUpdates", "sendMessage", "sendDocument", "sendVenue", "editMessageText", "editMessageReplyMarkup", "answerCallbackQuery",
        "deleteMessage", "setMyCommands", "getMyCommands", "setWebhook", "deleteWebhook", "getWebhookInfo",
    }.ToDictionary(name => name, StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> ButtonActions =
    [
        "callback_data", "url", "login_url", "switch_inline_query", "switch_inline_query_current_chat",
        "switch_inline_query_chosen_chat", "copy_text", "callback_game", "pay", "web_app",
    ];

    private readonly Dictionary<long, ChatState> chats = [];
    private readonly List<FakeMessage> sent = [];
    private readonly HashSet<long> blocked = [];
    private readonly HashSet<long> unknownChats = [];
    private readonly Dictionary<long, long> migrations = [];
    private readonly Dictionary<string, CallbackAnswer> callbackAnswers = [];
    private readonly Dictionary<string, IReadOnlyList<BotCommand>> commands = [];
    private string webhookUrl = "";
    private string? webhookSecret;
    private IReadOnlyList<string>? webhookAllowedUpdates;

    private ApiAnswer Invoke(string method, ApiArgs args)
    {
        lock (gate)
        {
            return method switch
            {
                "getMe" => GetMe(),
                "sendMessage" => SendMessage(args),
                "sendDocument" => SendDocument(args),
                "sendVenue" => SendVenue(args),
                "editMessageText" => EditMessageText(args),
                "editMessageReplyMarkup" => EditMessageReplyMarkup(args),
                "answerCallbackQuery" => AnswerCallbackQuery(args),
                "deleteMessage" => DeleteMessage(args),
                "setMyCommands" => SetMyCommands(args),
                "getMyCommands" => ApiAnswer.Ok(commands.GetValueOrDefault(CommandsKey(Scope(args), LanguageCode(args))) ?? []),
                "setWebhook" => SetWebhook(args),
                "deleteWebhook" => DeleteWebhook(args),
                "getWebhookInfo" => GetWebhookInfo(),
                _ => ApiAnswer.Error(404, "Not Found"),
            };
        }
    }

    private ApiAnswer GetMe()
    {
        var me = JsonSerializer.SerializeToNode(Bot, JsonBotAPI.Options)!.AsObject();
        me["can_join_groups"] = true;
        me["can_read_all_group_messages"] = false;
        me["supports_inline_queries"] = false;
        return ApiAnswer.Ok(me);
    }

    private ApiAnswer SendMessage(ApiArgs args)
    {
        var chat = Reachable(args.ChatId());
        var text = ParseText(args.String("text"), args.String("parse_mode"));
        var markup = Keyboard(args);
        var replyTo = args.Object<ReplyTo>("reply_parameters")?.MessageId ?? args.Long("reply_to_message_id");
        var withoutReply = args.Object<ReplyTo>("reply_parameters")?.AllowSendingWithoutReply ?? args.Bool("allow_sending_without_reply");
        if (replyTo is long original && !chat.Shown.ContainsKey(original))
        {
            if (!withoutReply)
            {
                throw ApiFailure.BadRequest("message to be replied not found");
            }

            replyTo = null;
        }

        var message = new FakeMessage(chat.Chat.Id, ++chat.LastMessageId, Bot, text.Text, clock.GetUtcNow())
        {
            Source = args.String("text")!,
            Entities = text.Entities,
            ReplyMarkup = markup,
            ReplyToMessageId = replyTo,
        };
        chat.Shown[message.MessageId] = message;
        sent.Add(message);
        return ApiAnswer.Ok(MessageJson(message));
    }

    private ApiAnswer SendDocument(ApiArgs args)
    {
        var chat = Reachable(args.ChatId());
        if (args.Object<FakeDocument>("document") is not { FileName.Length: > 0 } document)
        {
            throw ApiFailure.BadRequest("there is no document in the request");
        }

        var caption = args.String("caption") is { Length: > 0 } source ? ParseCaption(source, args.String("parse_mode")) : null;
        var message = new FakeMessage(chat.Chat.Id, ++chat.LastMessageId, Bot, caption?.Text ?? "", clock.GetUtcNow())
        {
            Source = args.String("caption") ?? "",
            Entities = caption?.Entities ?? [],
            Document = document,
        };
        chat.Shown[message.MessageId] = message;
        sent.Add(message);
        return ApiAnswer.Ok(MessageJson(message));
    }

    private ApiAnswer SendVenue(ApiArgs args)
    {
        var chat = Reachable(args.ChatId());
        if (args.Double("latitude") is not { } latitude || args.Double("longitude") is not { } longitude
            || args.String("title") is not { Length: > 0 } title || args.String("address") is not { Length: > 0 } address)
        {
            throw ApiFailure.BadRequest("venue needs latitude, longitude, title and address");
        }

        var message = new FakeMessage(chat.Chat.Id, ++chat.LastMessageId, Bot, "", clock.GetUtcNow())
        {
            Venue = new FakeVenue(latitude, longitude, title, address),
        };
        chat.Shown[message.MessageId] = message;
        sent.Add(message);
        return ApiAnswer.Ok(MessageJson(message));
    }

    private ApiAnswer EditMessageText(ApiArgs args)
    {
        var chat = Reachable(args.ChatId());
        var message = Editable(chat, args.MessageId());
        var text = ParseText(args.String("text"), args.String("parse_mode"));
        // Leaving reply_markup out removes the keyboard, as on Telegram.
        var markup = Keyboard(args);
        if (message.Text == text.Text && message.Entities.SequenceEqual(text.Entities) && SameMarkup(message.ReplyMarkup, markup))
        {
            throw ApiFailure.BadRequest(NotModified);
        }

        return Edited(chat, message with
        {
            Text = text.Text,
            Source = args.String("text")!,
            Entities = text.Entities,
            ReplyMarkup = markup,
            EditDate = clock.GetUtcNow(),
        });
    }

    private ApiAnswer EditMessageReplyMarkup(ApiArgs args)
    {
        var chat = Reachable(args.ChatId());
        var message = Editable(chat, args.MessageId());
        var markup = Keyboard(args);
        if (SameMarkup(message.ReplyMarkup, markup))
        {
            throw ApiFailure.BadRequest(NotModified);
        }

        return Edited(chat, message with { ReplyMarkup = markup, EditDate = clock.GetUtcNow() });
    }

    private ApiAnswer Edited(ChatState chat, FakeMessage message)
    {
        chat.Shown[message.MessageId] = message;
        return editsAnswer switch
        {
            EditAnswer.True => ApiAnswer.Ok(JsonValue.Create(true)),
            EditAnswer.Null => ApiAnswer.Ok((JsonNode?)null),
            _ => ApiAnswer.Ok(MessageJson(message)),
        };
    }

    private static FakeMessage Editable(ChatState chat, long messageId)
    {
        var message = chat.Shown.GetValueOrDefault(messageId) ?? throw ApiFailure.BadRequest("message to edit not found");
        return message.FromBot ? message : throw ApiFailure.BadRequest("message can't be edited");
    }

    private ApiAnswer AnswerCallbackQuery(ApiArgs args)
    {
        var id = args.String("callback_query_id") ?? "";
        var text = args.String("text");
        if (text is { Length: > 200 })
        {
            throw ApiFailure.BadRequest("MESSAGE_TOO_LONG");
        }

        // A query can be answered once; a second answer finds it gone, as on Telegram.
        if (!openCallbacks.Remove(id))
        {
            throw ApiFailure.BadRequest("query is too old and response timeout expired or query ID is invalid");
        }

        callbackAnswers[id] = new CallbackAnswer(id, text, args.Bool("show_alert"), clock.GetUtcNow());
        return ApiAnswer.Ok(true);
    }

    private ApiAnswer DeleteMessage(ApiArgs args)
    {
        var chat = Reachable(args.ChatId());
        return chat.Shown.Remove(args.MessageId())
            ? ApiAnswer.Ok(true)
            : throw ApiFailure.BadRequest("message to delete not found");
    }

    private ApiAnswer SetMyCommands(ApiArgs args)
    {
        if (args.Node("commands") is not JsonArray list)
        {
            throw ApiFailure.BadRequest("parameter \"commands\" is required");
        }

        if (list.Count > 100)
        {
            throw ApiFailure.BadRequest("BOT_COMMANDS_TOO_MUCH");
        }

        var parsed = list.Select(item => item?.Deserialize<BotCommand>(JsonBotAPI.Options)).ToArray();
        foreach (var command in parsed)
        {
            if (command?.Command is null || !CommandName().IsMatch(command.Command))
            {
                throw ApiFailure.BadRequest("BOT_COMMAND_INVALID");
            }

            if (string.IsNullOrWhiteSpace(command.Description) || command.Description.Length > 256)
            {
                throw ApiFailure.BadRequest("command description must be non-empty and at most 256 characters");
            }
        }

        commands[CommandsKey(Scope(args), LanguageCode(args))] = parsed!;
        return ApiAnswer.Ok(true);
    }

    /// <summary>The scope as the request wrote it, read field by field as Telegram does, not through a client's types.</summary>
    private static ScopeKey Scope(ApiArgs args) => ScopeKey.Of(args.Node("scope"));

    private static string? LanguageCode(ApiArgs args)
    {
        var code = args.String("language_code");
        return code switch
        {
            null or "" => null,
            { Length: 2 } when code.All(char.IsAsciiLetterLower) => code,
            _ => throw ApiFailure.BadRequest("invalid language code specified"),
        };
    }

    private static string CommandsKey(ScopeKey scope, string? languageCode) =>
        $"{scope.Type}|{scope.ChatId}|{scope.UserId}|{languageCode}";

    private sealed record ScopeKey(string Type, long? ChatId, long? UserId)
    {
        public static ScopeKey Of(BotCommandScope scope) => Of(JsonSerializer.SerializeToNode(scope, JsonBotAPI.Options));

        public static ScopeKey Of(JsonNode? node)
        {
            if (node is null)
            {
                return new ScopeKey("default", null, null);
            }

            var type = node is JsonObject o && o["type"] is JsonValue t && t.TryGetValue<string>(out var name) ? name : "";
            var chatId = Long(node["chat_id"]);
            var userId = Long(node["user_id"]);
            var needsChat = type is "chat" or "chat_administrators" or "chat_member";
            var known = needsChat || type is "default" or "all_private_chats" or "all_group_chats" or "all_chat_administrators";
            if (!known || (needsChat && chatId is null) || (type == "chat_member" && userId is null))
            {
                throw ApiFailure.BadRequest("can't parse BotCommandScope");
            }

            return new ScopeKey(type, chatId, userId);
        }

        private static long? Long(JsonNode? node) =>
            node is JsonValue value && (value.TryGetValue<long>(out var n) || (value.TryGetValue<string>(out var s) && long.TryParse(s, out n))) ? n : null;
    }

    private ApiAnswer SetWebhook(ApiArgs args)
    {
        var url = args.String("url") ?? "";
        if (url.Length == 0)
        {
            return DeleteWebhook(args);
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && !(localMode && uri.Scheme == Uri.UriSchemeHttp)))
        {
            throw ApiFailure.BadRequest("bad webhook: An HTTPS URL must be provided for webhook");
        }

        if (!localMode && uri.Port is not (443 or 80 or 88 or 8443))
        {
            throw ApiFailure.BadRequest("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443");
        }

        var secret = args.String("secret_token");
        if (secret is not null && !SecretToken().IsMatch(secret))
        {
            throw ApiFailure.BadRequest("secret token contains unallowed characters");
        }

        if (args.Bool("drop_pending_updates"))
        {
            pending.Clear();
        }

        webhookUrl = url;
        webhookSecret = secret;
        webhookAllowedUpdates = args.Object<string[]>("allowed_updates");
        webhookMaxConnections = Math.Clamp(args.Int("max_connections") ?? 40, 1, 100);
        StartDeliveries();
        // A poll still waiting ends with the conflict a real poller would see next.
        WakePolls();
        return ApiAnswer.Ok(true);
    }

    private ApiAnswer DeleteWebhook(ApiArgs args)
    {
        if (args.Bool("drop_pending_updates"))
        {
            pending.Clear();
        }

        webhookUrl = "";
        webhookSecret = null;
        webhookAllowedUpdates = null;
        return ApiAnswer.Ok(true);
    }

    private ApiAnswer GetWebhookInfo()
    {
        var info = JsonSerializer.SerializeToNode(new WebhookInfo { Url = webhookUrl, PendingUpdateCount = pending.Count }, JsonBotAPI.Options)!.AsObject();
        info["has_custom_certificate"] = false;
        if (webhookUrl.Length > 0)
        {
            info["max_connections"] = webhookMaxConnections;
            if (lastWebhookError is { } failure)
            {
                info["last_error_date"] = failure.At.ToUnixTimeSeconds();
                info["last_error_message"] = failure.Message;
            }

            if (webhookAllowedUpdates is not null)
            {
                info["allowed_updates"] = JsonSerializer.SerializeToNode(webhookAllowedUpdates, JsonBotAPI.Options);
            }
        }

        return ApiAnswer.Ok(info);
    }

    private static TelegramHtmlResult ParseText(string? text, string? parseMode)
    {
        if (string.IsNullOrEmpty(text))
        {
            throw ApiFailure.BadRequest("message text is empty");
        }

        var parsed = parseMode switch
        {
            null or "" => new TelegramHtmlResult(text, [], null),
            _ when parseMode.Equals("HTML", StringComparison.OrdinalIgnoreCase) => TelegramHtml.Parse(text),
            _ => throw ApiFailure.BadRequest($"unsupported parse_mode \"{parseMode}\": this fake Bot API reads only HTML"),
        };
        if (!parsed.IsValid)
        {
            throw ApiFailure.BadRequest("can't parse entities: " + parsed.Error);
        }

        if (string.IsNullOrWhiteSpace(parsed.Text))
        {
            throw ApiFailure.BadRequest("message text is empty");
        }

        return parsed.Text.Length > 4096 ? throw ApiFailure.BadRequest("message is too long") : parsed;
    }

    private static TelegramHtmlResult ParseCaption(string caption, string? parseMode)
    {
        var parsed = ParseText(caption, parseMode);
        return parsed.Text.Length > 1024 ? throw ApiFailure.BadRequest("message caption is too long") : parsed;
    }

    // Reads reply_markup; only inline keyboards are kept, since those are what a chat shows under a message.
    private static InlineKeyboardMarkup? Keyboard(ApiArgs args)
    {
        if (!args.Has("reply_markup"))
        {
            return null;
        }

        if (args.Node("reply_markup") is not JsonObject markup)
        {
            throw ApiFailure.BadRequest("can't parse reply keyboard markup JSON object");
        }

        if (markup["inline_keyboard"] is not { } keyboard)
        {
            return null;
        }

        if (keyboard is not JsonArray rows || rows.Any(row => row is not JsonArray))
        {
            throw ApiFailure.BadRequest("field \"inline_keyboard\" of the InlineKeyboardMarkup must be an Array of Arrays");
        }

        var buttons = rows.Cast<JsonArray>().ToArray();
        // Not documented: the limits Telegram is seen to enforce.
        if (buttons.Sum(row => row.Count) > 100 || buttons.Any(row => row.Count > 8))
        {
            throw ApiFailure.BadRequest("reply markup is too long");
        }

        foreach (var button in buttons.SelectMany(row => row))
        {
            CheckButton(button);
        }

        return markup.Deserialize<InlineKeyboardMarkup>(JsonBotAPI.Options);
    }

    private static void CheckButton(JsonNode? node)
    {
        if (node is not JsonObject button || button["text"] is not JsonValue text || !text.TryGetValue<string>(out var label))
        {
            throw ApiFailure.BadRequest("can't parse inline keyboard button: Field \"text\" must be of type String");
        }

        if (string.IsNullOrWhiteSpace(label))
        {
            throw ApiFailure.BadRequest("BUTTON_TEXT_INVALID");
        }

        if (button.Count(field => ButtonActions.Contains(field.Key)) != 1)
        {
            throw ApiFailure.BadRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
        }

        if (button["callback_data"] is { } data
            && (data is not JsonValue value || !value.TryGetValue<string>(out var callbackData)
                || Encoding.UTF8.GetByteCount(callbackData) is < 1 or > 64))
        {
            throw ApiFailure.BadRequest("BUTTON_DATA_INVALID");
        }

        if (button["url"] is { } url
            && (url is not JsonValue u || !u.TryGetValue<string>(out var address)
                || !Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https" or "tg")))
        {
            throw ApiFailure.BadRequest($"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL");
        }
    }

    private static bool SameMarkup(InlineKeyboardMarkup? a, InlineKeyboardMarkup? b) =>
        JsonSerializer.Serialize(a, JsonBotAPI.Options) == JsonSerializer.Serialize(b, JsonBotAPI.Options);

    /// <summary>The chat a method may act on, after the scripted chat rules (migrated, not found, blocked) and the
    /// rule that bots cannot write first.</summary>
    private ChatState Reachable(long chatId)
    {
        if (migrations.TryGetValue(chatId, out var newId))
        {
            throw ApiFailure.BadRequest("group chat was upgraded to a supergroup chat", new ResponseParameters { MigrateToChatId = newId });
        }

        if (unknownChats.Contains(chatId))
        {
            throw ApiFailure.BadRequest("chat not found");
        }

        if (blocked.Contains(chatId))
        {
            throw ApiFailure.Forbidden(chatId > 0 ? "bot was blocked by the user" : "bot was kicked from the group chat");
        }

        if (chatId > 0 && privateChatsNeedStart && !started.Contains(chatId))
        {
            throw ApiFailure.Forbidden("bot can't initiate conversation with a user");
        }

        return StateOf(chatId);
    }

    private ChatState StateOf(long chatId)
    {
        if (!chats.TryGetValue(chatId, out var state))
        {
            var user = users.GetValueOrDefault(chatId);
            var chat = chatId > 0
                ? new Chat { Id = chatId, Type = ChatType.Private, FirstName = user?.FirstName ?? $"User{chatId}", Username = user?.Username }
                : new Chat { Id = chatId, Type = chatId <= -1_000_000_000_000 ? ChatType.Supergroup : ChatType.Group, Title = $"Group {chatId}" };
            chats[chatId] = state = new ChatState(chat);
        }

        return state;
    }

    private Message ToMessage(FakeMessage message) =>
        new()
        {
            Id = (int)message.MessageId,
            Chat = StateOf(message.ChatId).Chat,
            Date = message.Date.UtcDateTime,
            From = message.From,
            Text = message.Text,
        };

    // The full Message as Telegram returns it, with the fields the bot's own types leave out.
    private JsonObject MessageJson(FakeMessage message)
    {
        var json = JsonSerializer.SerializeToNode(ToMessage(message), JsonBotAPI.Options)!.AsObject();
        if (message.Entities.Count > 0)
        {
            json["entities"] = JsonSerializer.SerializeToNode(message.Entities, JsonBotAPI.Options);
        }

        if (message.ReplyMarkup is not null)
        {
            json["reply_markup"] = JsonSerializer.SerializeToNode(message.ReplyMarkup, JsonBotAPI.Options);
        }

        if (message.EditDate is { } edited)
        {
            json["edit_date"] = edited.ToUnixTimeSeconds();
        }

        if (message.ReplyToMessageId is long original && StateOf(message.ChatId).Shown.GetValueOrDefault(original) is { } replied)
        {
            json["reply_to_message"] = JsonSerializer.SerializeToNode(ToMessage(replied), JsonBotAPI.Options);
        }

        return json;
    }

    [GeneratedRegex("^[a-z0-9_]{1,32}$")]
    private static partial Regex CommandName();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex SecretToken();

    private sealed record ReplyTo(long MessageId, bool AllowSendingWithoutReply);

    private sealed class ChatState(Chat chat)
    {
        public Chat Chat { get; set; } = chat;
        public long LastMessageId { get; set; }
        public SortedDictionary<long, FakeMessage> Shown { get; } = [];
    }
}
