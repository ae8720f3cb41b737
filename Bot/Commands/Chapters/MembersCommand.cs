using Bot.Commands.Callbacks;
using Bot.Domain.Chapters;
using Bot.Telegram.Api;
using Bot.Telegram.Rendering;
using static Bot.Commands.Chapters.ChapterAnswers;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Commands.Chapters;

/// <summary>/members [chapter]: who belongs to a chapter and the chapters below it, with their roles. Names are
/// for organizers and admins of that chapter (the domain checks it for the chapter asked about), and they never
/// go into a group: asked there, the answer comes privately.</summary>
public sealed class MembersCommand(ChapterService chapters) : IBotCommand, IAnswersInPrivate
{
    public string Name => "members";

    public Access Access => Access.Organizer;

    public ChatKinds Chats => ChatKinds.Any;

    public async Task Run(ChatContext ctx, CancellationToken ct)
    {
        var permissions = ctx.Permissions;
        if (ctx.Args.Length > 0)
        {
            if (FindChapter(permissions, ctx.Args) is { } named)
            {
                await Show(ctx, chapters, named, ctx.ReplyChatId, ct);
            }
            else
            {
                Ask(ctx, ctx.ReplyChatId, ctx.T("Members.UnknownChapter", Echo(ctx.Args)));
            }

            return;
        }

        var chapter = (!ctx.IsPrivate ? permissions.Tree.ByGroup(ctx.Chat.Id) : null) ?? permissions.Top(Access.Organizer);
        if (chapter is not null)
        {
            await Show(ctx, chapters, chapter, ctx.ReplyChatId, ct);
        }
        else
        {
            Ask(ctx, ctx.ReplyChatId, ctx.T("Members.AskChapter"));
        }
    }

    /// <summary>The list, grouped by chapter in tree order; within a chapter admins first, then by name.</summary>
    internal static async Task Show(ChatContext ctx, ChapterService chapters, Chapter chapter, long chatId, CancellationToken ct)
    {
        if (await chapters.Members(ctx.Permissions, chapter, ct) is not MembersOutcome.Listed listed)
        {
            ctx.Outbox.Send(chatId, ctx.T("Members.Denied", chapter.Name));
            return;
        }

        if (listed.Entries.Count == 0)
        {
            ctx.Outbox.Send(chatId, ctx.T("Members.Empty", chapter.Name));
            return;
        }

        var order = ctx.Permissions.Tree.InOrder().Select((c, i) => (c.Id, i)).ToDictionary(p => p.Id, p => p.i);
        var lines = new List<Html> { ctx.T("Members.Header", chapter.Name) };
        foreach (var group in listed.Entries.GroupBy(e => e.Chapter.Id).OrderBy(g => order.GetValueOrDefault(g.Key)))
        {
            var entries = group.OrderByDescending(e => e.Role).ThenBy(e => e.Member.DisplayName, StringComparer.CurrentCultureIgnoreCase).ToList();
            lines.Add(Html.Raw(""));
            lines.Add(ctx.T("Members.ChapterHeader", entries[0].Chapter.Name, entries.Count));
            lines.AddRange(entries.Select(e => Html.Format($"• {Who(e.Member)} – {RoleName(ctx, e.Role)}{(e.Member.Reachable ? "" : " 📵")}")));
        }

        if (listed.Entries.Any(e => !e.Member.Reachable))
        {
            lines.Add(Html.Raw(""));
            lines.Add(ctx.T("Members.Unreachable"));
        }

        ctx.Outbox.Send(chatId, Html.Join("\n", lines));
    }

    /// <summary>Offers the chapters whose members this person may see; a button shows one of them.</summary>
    private static void Ask(ChatContext ctx, long chatId, Html question)
    {
        var buttons = ctx.Permissions.Where(Access.Organizer).Take(MaxChoices)
            .Select(c => new InlineKeyboardButton(Label(c.Name)) { CallbackData = CallbackCodec.Encode(CallbackData.Of(MembersChoice.RouteKey, c.Id)) });
        ctx.Outbox.Send(chatId, question, Rows(buttons));
    }
}

/// <summary>A chapter chosen under /members' question. The data names only a chapter: the policy decides again
/// whether the presser may see its members, and the list goes to the presser alone.</summary>
public sealed class MembersChoice(ChapterService chapters) : ICallbackHandler
{
    public const string RouteKey = "members";

    public string Route => RouteKey;

    public Access Access => Access.Organizer;

    public async Task Handle(CallbackContext ctx, CallbackData data, CancellationToken ct)
    {
        if (!data.TryGetLong(0, out var id) || ctx.Permissions.Tree.Find(id) is not { } chapter || !ctx.Permissions.CanSee(chapter.Id))
        {
            ctx.Answer(ctx.Plain("Callback.Stale"));
            return;
        }

        ctx.Answer();
        await MembersCommand.Show(ctx, chapters, chapter, ctx.From.Id, ct);
    }
}
