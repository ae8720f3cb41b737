using Bot.Domain.Chapters;

namespace Bot.Commands;

/// <summary>One slash command. The router checks <see cref="Access"/> and <see cref="Chats"/> before
/// <see cref="Run"/> is called; its description for /help and the command menu is the text <c>Cmd.{Name}</c>.</summary>
public interface IBotCommand
{
    /// <summary>The name after the slash: 1–32 of a-z, 0-9 and _.</summary>
    string Name { get; }

    Access Access { get; }

    ChatKinds Chats { get; }

    Task Run(ChatContext ctx, CancellationToken ct);
}

/// <summary>The buttons of one route of callback data (see <see cref="Callbacks.CallbackCodec"/>). The router
/// decodes and checks access; a handler that does not answer the press gets an empty answer.</summary>
public interface ICallbackHandler
{
    string Route { get; }

    Access Access { get; }

    Task Handle(CallbackContext ctx, Callbacks.CallbackData data, CancellationToken ct);
}
