using Bot.Domain.Chapters;

namespace Bot.Commands.General;

/// <summary>/cancel: leaves whatever dialog the user is in.</summary>
public sealed class CancelCommand : IBotCommand, IKeepsDialog
{
    public string Name => "cancel";

    public Access Access => Access.Anyone;

    public ChatKinds Chats => ChatKinds.Any;

    public async Task Run(ChatContext ctx, CancellationToken ct) =>
        ctx.Say(await ctx.Dialogs.Cancel(ctx, ct) ? "Dialog.Cancelled" : "Dialog.NothingToCancel");
}
