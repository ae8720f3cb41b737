using Bot.Commands.Callbacks;
using Bot.Domain.Chapters;

namespace Bot.Commands.Chapters;

/// <summary>"No thanks" under the privacy notice: the buttons go, nothing is stored, and the link stays usable
/// should the person change their mind.</summary>
public sealed class JoinDecline : ICallbackHandler
{
    public const string RouteKey = "joinno";

    public string Route => RouteKey;

    public Access Access => Access.Anyone;

    public Task Handle(CallbackContext ctx, CallbackData data, CancellationToken ct)
    {
        if (ctx.Message is { } message)
        {
            ctx.Outbox.EditKeyboard(ctx.Chat.Id, message.MessageId, null);
        }

        ctx.Answer();
        ctx.Say("Join.Declined");
        return Task.CompletedTask;
    }
}
