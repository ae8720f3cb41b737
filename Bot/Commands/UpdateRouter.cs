using System.Text.RegularExpressions;
using Bot.Commands.Callbacks;
using Bot.Commands.Dialogs;
using Bot.Domain.Chapters;
using Bot.Persistence;
using Bot.Telegram;
using Bot.Telegram.Api;
using Bot.Telegram.Outbox;
using Bot.Texts;
using Telegram.Bot.Types;

namespace Bot.Commands;

/// <summary>Turns one update into the command, button or dialog step it asks for, after checking the chat kind
/// and the sender's access with the one policy. Unknown or forged input gets a short answer or a quiet
/// refusal, never an exception. Exceptions that do escape are bugs; <see cref="Telegram.Updates.UpdateProcessor"/>
/// turns them into an apology.</summary>
public sealed partial class UpdateRouter(
    IEnumerable<IBotCommand> commands,
    IEnumerable<ICallbackHandler> callbacks,
    IEnumerable<IChatEventHandler> chatEvents,
    DialogRunner dialogs,
    ChatDirectory chats,
    ChapterService chapters,
    OutboxWriter outbox,
    TextCatalog texts,
    TimeProvider clock,
    BotIdentity bot)
{
    private readonly Dictionary<string, IBotCommand> byName = commands.ToDictionary(c => c.Name, StringComparer.Ordinal);
    private readonly Dictionary<string, ICallbackHandler> byRoute = callbacks.ToDictionary(c => c.Route, StringComparer.Ordinal);

    public async Task Route(Update update, CancellationToken ct)
    {
        if (update.Message is { } message)
        {
            await OnMessage(update, message, ct);
        }
        else if (update.CallbackQuery is { } query)
        {
            await OnCallback(update, query, ct);
        }
        else if (update.MyChatMember is { } change)
        {
            foreach (var handler in chatEvents)
            {
                await handler.MembershipChanged(change, ct);
            }
        }
    }

    private async Task OnMessage(Update update, Message message, CancellationToken ct)
    {
        // Telegram tells of a migration in both chats: "migrated to" in the old group, "migrated from" as the first
        // message of the supergroup. Updates of different chats may be applied in either order, so either one moves
        // the link, and the supergroup's next messages never find it still at the old id.
        if (message.MigrateToChatId is { } to)
        {
            await chats.RecordMigration(message.Chat.Id, to, ct);
            return;
        }

        if (message.MigrateFromChatId is { } old)
        {
            await chats.RecordMigration(old, message.Chat.Id, ct);
            return;
        }

        if (message.From is not { IsBot: false } from)
        {
            return;
        }

        if (message.Chat.IsPrivate)
        {
            await chats.MarkReachable(message.Chat.Id, ct);
        }

        var text = message.Text?.Trim();
        var command = text is null ? null : ParseCommand(text);
        if (command is { } c && c.Bot is not null && !string.Equals(c.Bot, bot.Username, StringComparison.OrdinalIgnoreCase))
        {
            return; // meant for another bot in this group
        }

        var ctx = await Context(update, from, message.Chat, command?.Args ?? "", ct);
        if (command is { } parsed)
        {
            await RunCommand(ctx, parsed.Name, ct);
        }
        else if (text is { Length: > 0 } && await dialogs.Continue(ctx, text, ct))
        {
            return;
        }
        else if (message.Chat.IsPrivate)
        {
            ctx.Say("Text.NotUnderstood");
        }
    }

    private async Task RunCommand(ChatContext ctx, string name, CancellationToken ct)
    {
        if (!byName.TryGetValue(name, out var command))
        {
            if (ctx.IsPrivate)
            {
                ctx.Say("Command.Unknown", name);
            }

            return; // a group hears many commands meant for people or other bots
        }

        var kind = ctx.IsPrivate ? ChatKinds.Private : ChatKinds.Group;
        if (!command.Chats.HasFlag(kind))
        {
            if (ctx.IsPrivate)
            {
                ctx.Say("Command.GroupOnly", name);
            }
            else
            {
                ctx.Say("Command.PrivateOnly", name, bot.Link());
            }

            return;
        }

        if (ctx.Access < command.Access)
        {
            NotAllowed(ctx, name, command.Access);
            return;
        }

        if (command is not IKeepsDialog)
        {
            await dialogs.Leave(ctx, name, ct);
        }

        if (command is IAnswersInPrivate && !ctx.IsPrivate)
        {
            // Names and personal data stay out of groups: the answer goes to the sender alone.
            ctx.Say("Command.AnsweredInPrivate", name, bot.Link());
            ctx.ReplyChatId = ctx.From.Id;
        }

        await command.Run(ctx, ct);
    }

    private async Task OnCallback(Update update, CallbackQuery query, CancellationToken ct)
    {
        if (query.Message is not { } message)
        {
            outbox.AnswerCallback(query.Id, texts.Plain("Callback.Stale", texts.CultureFor(query.From.LanguageCode)));
            return;
        }

        if (message.Chat.IsPrivate)
        {
            await chats.MarkReachable(message.Chat.Id, ct);
        }

        var ctx = await Context(update, query.From, message.Chat, "", ct, query);
        var callback = (CallbackContext)ctx;
        if (!CallbackCodec.TryDecode(query.Data, out var data) || !byRoute.TryGetValue(data.Route, out var handler))
        {
            callback.Answer(ctx.Plain("Callback.Stale"));
            return;
        }

        if (ctx.Access < handler.Access)
        {
            callback.Answer(ctx.Plain("Callback.NotAllowed"));
            return;
        }

        await handler.Handle(callback, data, ct);
        callback.Answer();
    }

    private async Task<ChatContext> Context(Update update, User from, Chat chat, string args, CancellationToken ct, CallbackQuery? query = null)
    {
        await chapters.Refresh(Person(from), ct);
        var permissions = await chapters.PermissionsOf(from.Id, ct);
        var level = permissions.InChat(chat.Id, chat.IsPrivate);
        // A language chosen in /settings beats the one Telegram reports.
        var culture = texts.CultureFor((await chapters.Member(from.Id, ct))?.Language ?? from.LanguageCode);
        var ctx = new ChatContext
        {
            Update = update,
            From = from,
            Chat = chat,
            Culture = culture,
            Access = level,
            Permissions = permissions,
            Outbox = outbox,
            Texts = texts,
            Clock = clock,
            Bot = bot,
            Dialogs = dialogs,
            Args = args,
            ReplyChatId = chat.Id,
        };
        return query is null ? ctx : new CallbackContext(ctx, query);
    }

    /// <summary>The sender as the chapter world knows people: the name Telegram shows, capped in length.</summary>
    public static Person Person(User user)
    {
        var name = string.Join(' ', new[] { user.FirstName, user.LastName }.Where(n => !string.IsNullOrWhiteSpace(n))).Trim();
        if (name.Length == 0)
        {
            name = user.Username ?? user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return new Person(user.Id, TextCut.Fit(name, Member.MaxNameLength), user.Username, LanguageOf(user.LanguageCode));
    }

    private static string? LanguageOf(string? code) =>
        code?.StartsWith("de", StringComparison.OrdinalIgnoreCase) == true ? "de"
        : code?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true ? "en"
        : null;

    /// <summary>Reads <c>/name@bot args</c>; null when the text is not a command.</summary>
    internal static ParsedCommand? ParseCommand(string text)
    {
        var match = CommandPattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var bot = match.Groups["bot"].Success ? match.Groups["bot"].Value : null;
        return new ParsedCommand(match.Groups["name"].Value.ToLowerInvariant(), bot, match.Groups["args"].Value.Trim());
    }

    internal readonly record struct ParsedCommand(string Name, string? Bot, string Args);

    [GeneratedRegex(@"^/(?<name>[A-Za-z0-9_]{1,32})(?:@(?<bot>[A-Za-z0-9_]{1,64}))?(?:\s+(?<args>[\s\S]*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex CommandPattern();

    /// <summary>Says why a command is not for this person (the role it needs) and whom to ask: the admins of their own
    /// chapters, named by chapter, never by person.</summary>
    private static void NotAllowed(ChatContext ctx, string name, Access needed)
    {
        var own = ctx.Permissions.Memberships.Select(m => ctx.Permissions.Tree.Find(m.ChapterId)?.Name).OfType<string>().Distinct().ToList();
        var whom = own.Count == 0 ? ctx.Plain("Command.NotAllowed.YourChapter") : string.Join(", ", own);
        var key = needed switch
        {
            Access.Organizer when ctx.Permissions.IsMember => "Command.NotAllowed.Organizer",
            Access.Admin when ctx.Permissions.IsMember => "Command.NotAllowed.Admin",
            Access.Member or Access.Organizer or Access.Admin => "Command.NotAllowed.Member",
            _ => "Command.NotAllowed",
        };
        ctx.Say(key, name, whom);
    }
}

/// <summary>Marks a command that leaves the user's open dialog alone (e.g. /help in the middle of one).</summary>
public interface IKeepsDialog;

/// <summary>Marks a command whose answer shows personal data (names, someone's own data): used in a group, it
/// answers in the sender's private chat, and the group only hears where the answer went.</summary>
public interface IAnswersInPrivate;

/// <summary>Told when the bot is added to or removed from a chat, or its rights there change.</summary>
public interface IChatEventHandler
{
    Task MembershipChanged(ChatMemberUpdated change, CancellationToken ct);
}
