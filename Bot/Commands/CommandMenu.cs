using Bot.Domain.Chapters;

namespace Bot.Commands;

/// <summary>Which commands a user sees, for /help and for the menus registered with Telegram: the same rule
/// in both places.</summary>
public static class CommandMenu
{
    /// <summary>The order commands are listed in: the everyday ones first.</summary>
    private static readonly string[] Order =
    [
        "events", "my", "shifts", "calendar", "report", "subscribe", "unsubscribe", "settings",
        "newevent", "newshift", "notice", "members",
        "invite", "role", "chapters", "linkgroup",
        "mydata", "deleteme", "start", "help", "cancel",
    ];

    public static string DescriptionKey(IBotCommand command) => $"Cmd.{command.Name}";

    /// <summary>The command's description in <paramref name="culture"/>; its bare name if it has none (a test
    /// keeps every command of the bot described in both languages).</summary>
    public static string Description(IBotCommand command, Texts.TextCatalog texts, System.Globalization.CultureInfo culture) =>
        Texts.TextCatalog.Exists(DescriptionKey(command)) ? texts.Plain(DescriptionKey(command), culture) : command.Name;

    public static IReadOnlyList<IBotCommand> Available(IEnumerable<IBotCommand> commands, Access access, ChatKinds chat) =>
        commands
            .Where(c => c.Access <= access && c.Chats.HasFlag(chat))
            .OrderBy(c => Array.IndexOf(Order, c.Name) is var i && i >= 0 ? i : Order.Length)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
}
