using Bot.Commands.Callbacks;
using Bot.Domain.Chapters;
using Bot.Domain.Notices;
using Bot.Texts;

namespace Bot.Commands.Notices;

/// <summary>"Erhalt bestätigen" under a notice: records, once, that the member who pressed it received it. The
/// button names only the notice; whose receipt it is comes from who pressed, so a forged or forwarded button
/// confirms nothing for anyone else.</summary>
public sealed class ConfirmReceipt(NoticeService notices, LocalTime time) : ICallbackHandler
{
    public string Route => NoticeTexts.ConfirmRoute;

    public Access Access => Access.Anyone;

    public async Task Handle(CallbackContext ctx, CallbackData data, CancellationToken ct)
    {
        if (!data.TryGetLong(0, out var issueId) || data.ArgumentCount != 1)
        {
            ctx.Answer(ctx.Plain("Callback.Stale"));
            return;
        }

        switch (await notices.Confirm(ctx.From.Id, issueId, ct))
        {
            case ConfirmOutcome.Confirmed(_, var at):
                ctx.Answer(ctx.Plain("Notice.Confirmed", time.DateAndTime(at, ctx.Culture)), alert: true);
                break;
            case ConfirmOutcome.AlreadyConfirmed(var at):
                ctx.Answer(ctx.Plain("Notice.AlreadyConfirmed", time.DateAndTime(at, ctx.Culture)));
                break;
            default:
                ctx.Answer(ctx.Plain("Notice.NotYours"));
                break;
        }
    }
}
