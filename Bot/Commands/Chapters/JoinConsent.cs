using Bot.Commands.Callbacks;
using Bot.Domain.Chapters;

namespace Bot.Commands.Chapters;

/// <summary>"Agree and join" under the privacy notice: the invite is checked again (it may have expired or been
/// used up since), the person is admitted, and the notice loses its buttons. A second press admits no one twice.</summary>
public sealed class JoinConsent(ChapterService chapters) : ICallbackHandler
{
    public const string RouteKey = "join";

    public string Route => RouteKey;

    public Access Access => Access.Anyone;

    public async Task Handle(CallbackContext ctx, CallbackData data, CancellationToken ct)
    {
        if (data.Token(0) is not { } code)
        {
            ctx.Answer(ctx.Plain("Callback.Stale"));
            return;
        }

        if (ctx.Message is { } message)
        {
            ctx.Outbox.EditKeyboard(ctx.Chat.Id, message.MessageId, null);
        }

        switch (await chapters.Join(code, UpdateRouter.Person(ctx.From), ct))
        {
            case JoinOutcome.Joined joined:
                ctx.Answer(ctx.Plain("Join.JoinedNotice"));
                ctx.Say("Join.Welcome", joined.Chapter.Name);
                break;
            case JoinOutcome.AlreadyMember already:
                ctx.Answer();
                ctx.Say("Join.AlreadyMember", already.Chapter.Name);
                break;
            case JoinOutcome.NotValid notValid:
                ctx.Answer();
                ctx.Say(JoinNotice.InvalidKey(notValid.State));
                break;
        }
    }
}
