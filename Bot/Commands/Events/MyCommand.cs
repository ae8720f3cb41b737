using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Bot.Telegram.Rendering;
using Bot.Texts;

namespace Bot.Commands.Events;

/// <summary>/my: the member's own answers to upcoming events, with the waitlist place where it applies, and then
/// their shifts (<see cref="Shifts.MyShifts"/>).</summary>
public sealed class MyCommand(EventService events, EventCard card, LocalTime time, Shifts.MyShifts shifts) : IBotCommand
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

        var lines = mine.Select(view => Html.Format(
            $"<b>{view.Event.Title}</b>\n{time.DateAndTime(view.Event.StartsAt, ctx.Culture)} · {view.Event.Place}\n{card.Mine(view.Mine!, view.Waitlist, ctx.Culture)}"));
        ctx.Reply(Html.Join("\n\n", [ctx.T("My.Header"), .. lines, ctx.T("My.Footer")]));
        Shifts.MyShifts.Reply(ctx, myShifts);
    }
}
