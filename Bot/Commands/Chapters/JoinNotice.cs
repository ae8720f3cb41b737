using Bot.Commands.Callbacks;
using Bot.Domain.Chapters;
using Bot.Telegram.Api;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Commands.Chapters;

/// <summary>The first half of joining, for <c>/start join_CODE</c>: a valid invite shows the privacy notice with
/// a consent button that carries the code. Party membership is special-category data (GDPR Art. 9), so nothing
/// about the person is stored here; <see cref="JoinConsent"/> stores it once they agree.</summary>
public static class JoinNotice
{
    public static async Task Show(ChatContext ctx, ChapterService chapters, string code, CancellationToken ct)
    {
        switch (await chapters.Invitation(ctx.Permissions, code, ct))
        {
            case InvitationOutcome.Open open:
                Ask(ctx, code, open.Chapter);
                break;
            case InvitationOutcome.AlreadyMember already:
                ctx.Say("Join.AlreadyMember", already.Chapter.Name);
                break;
            case InvitationOutcome.NotValid notValid:
                ctx.Say(InvalidKey(notValid.State));
                break;
        }
    }

    private static void Ask(ChatContext ctx, string code, Chapter chapter)
    {
        var keyboard = new InlineKeyboardMarkup([
            [new InlineKeyboardButton(ctx.Plain("Join.Agree", chapter.Name)) { CallbackData = CallbackCodec.Encode(CallbackData.Of(JoinConsent.RouteKey, code)) }],
            [new InlineKeyboardButton(ctx.Plain("Join.Decline")) { CallbackData = CallbackCodec.Encode(CallbackData.Of(JoinDecline.RouteKey)) }],
        ]);
        ctx.Reply(ctx.T("Join.Notice", chapter.Name), keyboard);
    }

    /// <summary>Why an invite cannot be used, each case in its own words: the person learns whether to ask for a
    /// new link because time ran out, the places are taken, the admin withdrew it, or the link is broken.</summary>
    internal static string InvalidKey(InviteState state) => state switch
    {
        InviteState.Expired => "Join.Expired",
        InviteState.UsedUp => "Join.UsedUp",
        InviteState.Revoked => "Join.Revoked",
        _ => "Join.Unknown",
    };
}
