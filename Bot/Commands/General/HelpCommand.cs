using Bot.Domain.Chapters;
using Bot.Telegram.Rendering;

namespace Bot.Commands.General;

/// <summary>/help: exactly the commands this user may run in this chat, each with its description.</summary>
public sealed class HelpCommand(IServiceProvider services) : IBotCommand, IKeepsDialog
{
    public string Name => "help";

    public Access Access => Access.Anyone;

    public ChatKinds Chats => ChatKinds.Any;

    public Task Run(ChatContext ctx, CancellationToken ct)
    {
        // Resolved here rather than injected: this command is itself one of the commands.
        var available = CommandMenu.Available(services.GetServices<IBotCommand>(), ctx.Access, ctx.IsPrivate ? ChatKinds.Private : ChatKinds.Group);
        var lines = available.Select(c => Html.Format($"/{c.Name} – {CommandMenu.Description(c, ctx.Texts, ctx.Culture)}"));
        ctx.Reply(Html.Join("\n", [ctx.T("Help.Header"), Html.Raw(""), .. lines, Html.Raw(""), ctx.T("Help.Footer")]));
        return Task.CompletedTask;
    }
}
