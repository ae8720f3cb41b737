using Bot.Domain.Chapters;
using Bot.Telegram.Api;
using Bot.Texts;

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
            await Set(Access.Member, ChatKinds.Private, BotCommandScope.AllPrivateChats, language, culture, ct);
            await Set(Access.Member, ChatKinds.Group, BotCommandScope.AllGroupChats, language, culture, ct);
        }
    }

    private async Task Set(Access access, ChatKinds chat, BotCommandScope scope, string? language, System.Globalization.CultureInfo culture, CancellationToken ct)
    {
        var list = CommandMenu.Available(commands, access, chat)
            .Select(c => new BotCommand(c.Name, CommandMenu.Description(c, texts, culture)))
            .ToList();
        var result = await api.SetMyCommands(list, scope, language, ct);
        if (!result.IsOk)
        {
            LogNotPublished(scope.Type, language ?? "default", result.Error!.ToString());
        }
    }

    [LoggerMessage(LogLevel.Warning, "Could not set the command menu for {Scope} ({Language}): {Error}")]
    private partial void LogNotPublished(string scope, string language, string error);
}
