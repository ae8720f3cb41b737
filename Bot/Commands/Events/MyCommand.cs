using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Bot.Domain.Messaging;

namespace Bot.Commands.Events;

/// <summary>/my: the member's own answers to upcoming events, each as its card (the answer and waitlist place on
/// it, and the buttons to change it right there).</summary>
public sealed class MyCommand(EventService events, EventCards cards) : IBotCommand
{
    public string Name => "my";

    public Access Access => Access.Member;

    public ChatKinds Chats => ChatKinds.Private;

    public async Task Run(ChatContext ctx, CancellationToken ct)
    {
        var mine = await events.MyAnswers(ctx.Permissions, ct);
        if (mine.Count == 0)
        {
            ctx.Say("My.None");
            return;
        }

        ctx.Say("My.Header");
        foreach (var view in mine)
        {
            await cards.Post(ctx.Chat.Id, view.Event.Id, ctx.Permissions, ctx.Culture, Urgency.Interactive, ct);
        }

        ctx.Say("My.Footer");
    }
}
