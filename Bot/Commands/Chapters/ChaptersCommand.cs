using System.Globalization;
using Bot.Commands.Dialogs;
using Bot.Domain.Chapters;
using Bot.Domain.Notices;
using Bot.Telegram.Rendering;
using static Bot.Commands.Chapters.ChapterAnswers;

namespace Bot.Commands.Chapters;

/// <summary>/chapters: the chapter tree with member counts, as far as this admin can see it.
/// /chapters add &lt;name&gt; [parent]: a new sub-chapter; without a name it asks, and asks for the parent with buttons.
/// /chapters period &lt;chapter&gt; &lt;days&gt;: the chapter's notice period for meeting notices.</summary>
public sealed class ChaptersCommand(ChapterService chapters, NoticeService notices) : IBotCommand, IDialog
{
    private const string NameStep = "name";
    private const string ParentStep = "parent";
    private const string ParentKey = "parent";

    private static readonly string[] AddWords = ["add", "new", "neu", "hinzufügen", "anlegen"];
    private static readonly string[] PeriodWords = ["period", "frist", "ladungsfrist"];

    public string Name => "chapters";

    public Access Access => Access.Admin;

    public ChatKinds Chats => ChatKinds.Private;

    public async Task Run(ChatContext ctx, CancellationToken ct)
    {
        var (first, _) = SplitFirst(ctx.Args);
        if (first.Length == 0)
        {
            await ShowTree(ctx, ct);
        }
        else if (AddWords.Contains(first, StringComparer.OrdinalIgnoreCase))
        {
            await ctx.StartDialog<ChaptersCommand>(ct);
        }
        else if (PeriodWords.Contains(first, StringComparer.OrdinalIgnoreCase))
        {
            await SetPeriod(ctx, SplitFirst(ctx.Args).Remainder, ct);
        }
        else
        {
            ctx.Say("Chapters.Usage");
        }
    }

    /// <summary>Reads <c>add &lt;name&gt; [parent]</c>. Names may hold spaces: with a <c>|</c> the name is left of it and
    /// the parent right of it; without, the longest run of last words that names a chapter is the parent. No parent
    /// means the root, for its admins; anyone else is asked, unless they administer only one chapter.</summary>
    public async Task<DialogStep> Begin(ChatContext ctx, DialogData data, CancellationToken ct)
    {
        var (_, text) = SplitFirst(ctx.Args);
        if (text.Length == 0)
        {
            ctx.Say("Chapters.AskName", Chapter.MaxNameLength);
            return DialogStep.Ask(NameStep);
        }

        var bar = text.IndexOf('|', StringComparison.Ordinal);
        if (bar >= 0)
        {
            var name = text[..bar].Trim();
            var parentName = text[(bar + 1)..].Trim();
            if (parentName.Length == 0)
            {
                return await AddUnderDefault(ctx, data, name, ct);
            }

            if (FindChapter(ctx.Permissions, parentName) is { } named)
            {
                return await Add(ctx, data, name, named, ct);
            }

            data[NameStep] = name;
            return AskParent(ctx, "Chapters.UnknownParent", Echo(parentName));
        }

        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        for (var take = words.Length - 1; take >= 1; take--)
        {
            if (FindChapter(ctx.Permissions, string.Join(' ', words[^take..])) is { } parent)
            {
                return await Add(ctx, data, string.Join(' ', words[..^take]), parent, ct);
            }
        }

        return await AddUnderDefault(ctx, data, string.Join(' ', words), ct);
    }

    public async Task<DialogStep> Answer(ChatContext ctx, string step, DialogData data, string answer, CancellationToken ct)
    {
        switch (step)
        {
            case NameStep:
                if (data.TryGetValue(ParentKey, out var remembered)
                    && long.TryParse(remembered, NumberStyles.None, CultureInfo.InvariantCulture, out var parentId)
                    && ctx.Permissions.Tree.Find(parentId) is { } parent)
                {
                    return await Add(ctx, data, answer, parent, ct);
                }

                var adminOf = ctx.Permissions.Where(Access.Admin);
                if (adminOf.Count == 1)
                {
                    return await Add(ctx, data, answer, adminOf[0], ct);
                }

                data[NameStep] = answer.Trim();
                return AskParent(ctx, "Chapters.AskParent", Echo(data[NameStep]));
            case ParentStep:
                if (FindChapter(ctx.Permissions, answer) is { } chosen && data.TryGetValue(NameStep, out var name))
                {
                    return await Add(ctx, data, name, chosen, ct);
                }

                return AskParent(ctx, "Chapters.UnknownParent", Echo(answer));
            default:
                return DialogStep.Done;
        }
    }

    private async Task<DialogStep> AddUnderDefault(ChatContext ctx, DialogData data, string name, CancellationToken ct)
    {
        var adminOf = ctx.Permissions.Where(Access.Admin);
        var root = ctx.Permissions.Tree.Root;
        var parent = root is not null && ctx.Permissions.IsAdminOf(root.Id) ? root : adminOf.Count == 1 ? adminOf[0] : null;
        if (parent is not null)
        {
            return await Add(ctx, data, name, parent, ct);
        }

        data[NameStep] = name.Trim();
        return AskParent(ctx, "Chapters.AskParent", Echo(data[NameStep]));
    }

    /// <summary>The drawing before each chapter of a tree listed depth first: "├ " for a child with siblings after
    /// it, "└ " for the last, and "│ " below an ancestor whose siblings are still to come.</summary>
    public static IReadOnlyList<string> Branches(IReadOnlyList<int> depths)
    {
        var last = new bool[depths.Count];
        for (var i = 0; i < depths.Count; i++)
        {
            var next = i + 1;
            while (next < depths.Count && depths[next] > depths[i])
            {
                next++;
            }

            last[i] = next == depths.Count || depths[next] < depths[i];
        }

        var result = new List<string>(depths.Count);
        var open = new List<bool>(); // by depth: whether the latest chapter there has siblings still to come
        for (var i = 0; i < depths.Count; i++)
        {
            var depth = depths[i];
            var above = string.Concat(Enumerable.Range(1, Math.Max(0, depth - 1)).Select(level => level < open.Count && open[level] ? "│   " : "    "));
            result.Add(depth == 0 ? "" : above + (last[i] ? "└ " : "├ "));
            while (open.Count <= depth)
            {
                open.Add(false);
            }

            open[depth] = !last[i];
        }

        return result;
    }

    private async Task ShowTree(ChatContext ctx, CancellationToken ct)
    {
        var lines = new List<Html> { ctx.T("Chapters.Header"), Html.Raw("") };
        var overview = await chapters.Overview(ctx.Permissions, ct);
        var branches = Branches(overview.Select(o => o.Depth).ToList());
        for (var i = 0; i < overview.Count; i++)
        {
            var (chapter, _, members) = overview[i];
            var group = chapter.GroupChatId is null ? "" : " · 💬";
            lines.Add(Html.Format($"{branches[i]}<b>{chapter.Name}</b> · 👤 {members}{group}"));
        }

        lines.Add(Html.Raw(""));
        lines.Add(ctx.T("Chapters.Legend"));
        ctx.Reply(Html.Join("\n", lines));
    }

    private async Task<DialogStep> Add(ChatContext ctx, DialogData data, string name, Chapter? parent, CancellationToken ct)
    {
        switch (await chapters.AddChapter(ctx.Permissions, name, parent, ct))
        {
            case AddChapterOutcome.Added added:
                ctx.Say("Chapters.Added", added.Chapter.Name, added.Parent.Name);
                return DialogStep.Done;
            case AddChapterOutcome.NotAdmin:
                ctx.Say("Chapters.NotAdmin", parent?.Name ?? "");
                return DialogStep.Done;
            case AddChapterOutcome.NameTaken taken:
                RememberParent(data, parent);
                ctx.Say("Chapters.NameTaken", taken.Existing.Name);
                return DialogStep.Ask(NameStep);
            default:
                RememberParent(data, parent);
                ctx.Say("Chapters.InvalidName", Chapter.MaxNameLength);
                return DialogStep.Ask(NameStep);
        }
    }

    /// <summary>Reads <c>&lt;chapter&gt; &lt;days&gt;</c>: the last word is the number, the words before it name the chapter.</summary>
    private async Task SetPeriod(ChatContext ctx, string text, CancellationToken ct)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2 || !int.TryParse(words[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var days))
        {
            ctx.Say("Chapters.Period.Usage", NoticePeriod.MaxDays);
            return;
        }

        var name = string.Join(' ', words[..^1]);
        if (FindChapter(ctx.Permissions, name) is not { } chapter)
        {
            ctx.Say("Chapters.Period.Unknown", Echo(name));
            return;
        }

        switch (await notices.SetPeriod(ctx.Permissions, chapter.Id, days, ct))
        {
            case PeriodOutcome.Set set:
                ctx.Say("Chapters.Period.Set", set.Chapter.Name, set.Days);
                break;
            case PeriodOutcome.OutOfRange:
                ctx.Say("Chapters.Period.Usage", NoticePeriod.MaxDays);
                break;
            default:
                ctx.Say("Chapters.Period.NotAdmin", chapter.Name);
                break;
        }
    }

    private static void RememberParent(DialogData data, Chapter? parent)
    {
        if (parent is not null)
        {
            data[ParentKey] = parent.Id.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static DialogStep AskParent(ChatContext ctx, string key, string shown)
    {
        ctx.Reply(ctx.T(key, shown), ChapterButtons(ctx.Permissions.Where(Access.Admin), ParentStep));
        return DialogStep.Ask(ParentStep);
    }
}
