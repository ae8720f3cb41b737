using Bot.Commands.Callbacks;
using Bot.Domain.Chapters;
using Bot.Domain.Time;
using Bot.Telegram.Api;
using Bot.Telegram.Rendering;
using Bot.Texts;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Commands.Chapters;

/// <summary>/invite [chapter] [validity] [uses]: an admin makes an invite link for a chapter they administer.
/// Without a chapter it is the one they administer; if that is not clear, they pick it from buttons.</summary>
public sealed class InviteCommand(ChapterService chapters, ChapterClock clock) : IBotCommand
{
    /// <summary>More chapters than this are not offered as buttons: the admin names the chapter instead.</summary>
    public const int MaxChoices = 40;

    public string Name => "invite";

    public Access Access => Access.Admin;

    public ChatKinds Chats => ChatKinds.Private;

    public async Task Run(ChatContext ctx, CancellationToken ct)
    {
        var tree = ctx.Permissions.Tree;
        // A chapter whose whole name looks like options ("Ortsverband 5") is meant as that chapter.
        var request = ctx.Args.Length > 0 && tree.Find(ctx.Args) is not null ? InviteRequest.ForName(ctx.Args) : InviteRequest.Parse(ctx.Args);
        if (request is null)
        {
            ctx.Reply(Html.Join("\n\n", [ctx.T("Invite.BadNumbers"), ctx.T("Invite.Usage")]));
            return;
        }

        if (request.ChapterName.Length == 0)
        {
            if (ctx.Permissions.Default(Access.Admin) is { } only)
            {
                await Create(ctx, only, request, ct);
            }
            else
            {
                OfferChoice(ctx, request, null);
            }

            return;
        }

        if (tree.Find(request.ChapterName) is not { } chapter)
        {
            var name = TextCut.Shorten(request.ChapterName, Chapter.MaxNameLength + TextCut.Ellipsis.Length);
            OfferChoice(ctx, request, ctx.T("Invite.UnknownChapter", name));
            return;
        }

        await Create(ctx, chapter, request, ct);
    }

    private async Task Create(ChatContext ctx, Chapter chapter, InviteRequest request, CancellationToken ct)
    {
        var (text, keyboard) = await InviteChoice.Create(ctx, chapters, clock, chapter, request.Validity, request.Uses, ct);
        ctx.Reply(text, keyboard);
    }

    /// <summary>Buttons for the chapters this admin may invite into, each carrying the validity and uses asked for;
    /// with very many chapters, how to name one instead.</summary>
    private static void OfferChoice(ChatContext ctx, InviteRequest request, Html? problem)
    {
        Html[] lead = problem is { } p ? [p] : [];
        var choices = ctx.Permissions.Where(Access.Admin);
        if (choices.Count > MaxChoices)
        {
            ctx.Reply(Html.Join("\n\n", [.. lead, ctx.T("Invite.Usage")]));
            return;
        }

        var hours = (long)request.Validity.TotalHours;
        var rows = choices
            .Select(c => (IReadOnlyList<InlineKeyboardButton>)[new InlineKeyboardButton(c.Name)
            {
                CallbackData = CallbackCodec.Encode(CallbackData.Of(InviteChoice.RouteKey, c.Id, hours, request.Uses)),
            }])
            .ToList();
        ctx.Reply(Html.Join("\n\n", [.. lead, ctx.T("Invite.Choose"), ctx.T("Invite.Example")]), new InlineKeyboardMarkup(rows));
    }
}
