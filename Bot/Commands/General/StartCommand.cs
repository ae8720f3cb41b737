using Bot.Commands.Chapters;
using Bot.Domain.Chapters;

namespace Bot.Commands.General;

/// <summary>/start: the welcome, with what to do next; with an invite payload (<c>join_CODE</c>, from a deep
/// link) the way into a chapter. Any other payload gets the welcome.</summary>
public sealed class StartCommand(ChapterService chapters) : IBotCommand
{
    public string Name => "start";

    public Access Access => Access.Anyone;

    public ChatKinds Chats => ChatKinds.Private;

    public async Task Run(ChatContext ctx, CancellationToken ct)
    {
        if (ctx.Args.StartsWith(Invite.PayloadPrefix, StringComparison.Ordinal))
        {
            await JoinNotice.Show(ctx, chapters, ctx.Args[Invite.PayloadPrefix.Length..], ct);
            return;
        }

        if (ctx.Permissions.IsMember)
        {
            // Someone already in: no invite link to open.
            var own = ctx.Permissions.Memberships.Select(m => ctx.Permissions.Tree.Find(m.ChapterId)?.Name).OfType<string>().Distinct();
            ctx.Say("Start.Member", string.Join(", ", own));
            return;
        }

        ctx.Say("Start.Welcome");
    }
}
