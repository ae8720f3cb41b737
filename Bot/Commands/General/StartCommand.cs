using Bot.Domain.Chapters;

namespace Bot.Commands.General;

/// <summary>/start: the welcome, with what to do next.</summary>
public sealed class StartCommand : IBotCommand
{
    public string Name => "start";

    public Access Access => Access.Anyone;

    public ChatKinds Chats => ChatKinds.Private;

    public Task Run(ChatContext ctx, CancellationToken ct)
    {
        ctx.Say("Start.Welcome");
        return Task.CompletedTask;
    }
}
