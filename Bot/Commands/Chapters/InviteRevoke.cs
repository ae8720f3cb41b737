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

        var revoked = await chapters.RevokeInvite(ctx.Permissions, inviteId, ct);
        var invite = await ctx.Db.Invites.FindAsync([inviteId], ct);
        // Refused: not an admin there, or no such invite; an admin pressing again finds it revoked already.
        if (invite is null || !ctx.Permissions.IsAdminOf(invite.ChapterId) || invite.RevokedAt is null)
        {
            ctx.Answer(ctx.Plain("Invite.RevokeRefused"), alert: true);
            return;
        }

        ctx.Answer(ctx.Plain(revoked ? "Invite.RevokedNotice" : "Invite.AlreadyRevoked"));
        if (ctx.Message is { } message && ctx.Permissions.Tree.Find(invite.ChapterId) is { } chapter)
        {
            ctx.Outbox.Edit(ctx.Chat.Id, message.MessageId, ctx.T("Invite.Revoked", chapter.Name));
        }
    }
}
