using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Bot.Domain.Messaging;

namespace Bot.Commands.Events;

/// <summary>/my: the member's own answers to upcoming events, each as its card (the answer and waitlist place on
/// it, and the buttons to change it right there), and then their shifts (<see cref="Shifts.MyShifts"/>).</summary>
public sealed class MyCommand(EventService events, EventCards cards, Shifts.MyShifts shifts) : IBotCommand
{
    public string Name => "my";

    public Access Access => Access.Member;

    public ChatKinds Chats => ChatKinds.Private;

    public async Task Run(ChatContext ctx, CancellationToken ct)
    {
        var mine = await events.MyAnswers(ctx.Permissions, ct);
        var myShifts = await shifts.Section(ctx.Permissions, ctx.Culture, ct);
        if (mine.Count == 0)
        {
            ctx.Say(myShifts is null ? "My.None" : "My.Shifts.NoEvents");
            Shifts.MyShifts.Reply(ctx, myShifts);
            return;
        }

        ctx.Say("My.Header");
        foreach (var view in mine)
        {
            await cards.Post(ctx.Chat.Id, view.Event.Id, ctx.Permissions, ctx.Culture, Urgency.Interactive, ct);
        }

        ctx.Say("My.Footer");
        Shifts.MyShifts.Reply(ctx, myShifts);
    }
}
