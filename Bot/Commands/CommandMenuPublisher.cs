using System.Globalization;
using Bot.Domain.Chapters;
using Bot.Telegram.Api;
using Bot.Telegram.Outbox;
using Bot.Texts;
using Telegram.Bot.Types;

namespace Bot.Commands;

/// <summary>Registers the command menus Telegram shows under the text field, per scope and language, from
/// the same rule /help uses.</summary>
public sealed partial class CommandMenuPublisher(IEnumerable<IBotCommand> commands, IBotApi api, TextCatalog texts, ILogger<CommandMenuPublisher> log)
{
    public async Task Publish(CancellationToken ct)
    {
        // A null language is Telegram's fallback for every language without a list of its own.
        foreach (var language in new string?[] { null, "de", "en" })
        {
            var culture = texts.CultureFor(language);
            await Set(Access.Member, ChatKinds.Private, BotCommandScope.AllPrivateChats(), language, culture, ct);
            await Set(Access.Member, ChatKinds.Group, BotCommandScope.AllGroupChats(), language, culture, ct);
        }
    }

    /// <summary>A menu as Telegram takes it: what <see cref="CommandMenu.Available"/> offers at this level in this
    /// kind of chat, described in one language.</summary>
    public static IReadOnlyList<BotCommand> Menu(IEnumerable<IBotCommand> commands, Access access, ChatKinds chat, TextCatalog texts, CultureInfo culture) =>
        CommandMenu.Available(commands, access, chat)
            .Select(c => new BotCommand(c.Name, CommandMenu.Description(c, texts, culture)))
            .ToList();

    /// <summary>Queues the menu of one person's private chat for their highest level, so an organizer or admin
    /// finds their commands there too; in the caller's unit of work, like any message. The list is set without a
    /// language code: the chat has one reader, whose language the descriptions are already in, and a list for one
    /// language would leave a client in another language with the general menu.</summary>
    public static void PublishFor(OutboxWriter outbox, IEnumerable<IBotCommand> commands, TextCatalog texts, long userId, Access highest, string? language, string? tag = null) =>
        outbox.SetCommands(userId, Menu(commands, highest, ChatKinds.Private, texts, texts.CultureFor(language)), tag: tag);

    /// <summary>Queues the menu one person sees in each linked group for their level there, so an organizer finds the
    /// organizer commands in their chapter's group and a member does not. A member's level is set too: it replaces an
    /// organizer's menu left from a role they no longer hold.</summary>
    public static void PublishInGroups(OutboxWriter outbox, IEnumerable<IBotCommand> commands, TextCatalog texts, Permissions permissions, long userId, string? language, string? tag = null)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        var culture = texts.CultureFor(language);
        foreach (var chapter in permissions.Tree.All.Where(c => c.GroupChatId is not null && permissions.In(c.Id) >= Access.Member))
        {
            outbox.SetMemberCommands(chapter.GroupChatId!.Value, userId, Menu(commands, permissions.In(chapter.Id), ChatKinds.Group, texts, culture), tag);
        }
    }

    private async Task Set(Access access, ChatKinds chat, BotCommandScope scope, string? language, CultureInfo culture, CancellationToken ct)
    {
        var result = await api.SetMyCommands(Menu(commands, access, chat, texts, culture), scope, language, ct);
        if (!result.IsOk)
        {
            LogNotPublished(scope.Type.ToString(), language ?? "default", result.Error!.ToString());
        }
    }

    [LoggerMessage(LogLevel.Warning, "Could not set the command menu for {Scope} ({Language}): {Error}")]
    private partial void LogNotPublished(string scope, string language, string error);
}
