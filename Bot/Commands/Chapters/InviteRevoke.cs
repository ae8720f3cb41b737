using Bot.Commands.Callbacks;
using Bot.Domain.Chapters;

namespace Bot.Commands.Chapters;

/// <summary>The revoke button under an invite: only an admin of the invite's chapter can use it (the policy
/// decides, whatever the button data says); the invite message then says that the link is dead.</summary>
public sealed class InviteRevoke(ChapterService chapters) : ICallbackHandler
{
    public const string RouteKey = "iv";

    public string Route => RouteKey;

    public Access Access => Access.Admin;

    public async Task Handle(CallbackContext ctx, CallbackData data, CancellationToken ct)
    {
        if (!data.TryGetLong(0, out var inviteId))
        {
            ctx.Answer(ctx.Plain("Callback.Stale"));
            return;
        }

        switch (await chapters.RevokeInvite(ctx.Permissions, inviteId, ct))
        {
            case RevokeOutcome.Revoked revoked:
                ctx.Answer(ctx.Plain("Invite.RevokedNotice"));
                ShowRevoked(ctx, revoked.Chapter);
                break;
            case RevokeOutcome.AlreadyRevoked already:
                // An admin pressing again: the message says it is dead all the same.
                ctx.Answer(ctx.Plain("Invite.AlreadyRevoked"));
                ShowRevoked(ctx, already.Chapter);
                break;
            default:
                ctx.Answer(ctx.Plain("Invite.RevokeRefused"), alert: true);
                break;
        }
    }

    private static void ShowRevoked(CallbackContext ctx, Chapter? chapter)
    {
        if (ctx.Message is { } message && chapter is not null)
        {
            ctx.Outbox.Edit(ctx.Chat.Id, message.MessageId, ctx.T("Invite.Revoked", chapter.Name));
        }
    }
}
