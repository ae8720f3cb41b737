using System.Globalization;
using System.Text.RegularExpressions;
using Bot.Commands.Dialogs;
using Bot.Domain.Chapters;
using Bot.Telegram.Api;
using Bot.Telegram.Rendering;
using static Bot.Commands.Chapters.ChapterAnswers;
using Telegram.Bot.Types;

namespace Bot.Commands.Chapters;

/// <summary>/role &lt;user&gt; &lt;role&gt; [chapter]: gives someone who joined a role in a chapter. The user is an
/// @username, a numeric id, or the sender of the message the command answers; whatever is missing or wrong is
/// asked for, with buttons. Only admins of the chapter or one above it may (the domain decides, and logs it).</summary>
public sealed partial class RoleCommand(ChapterService chapters, IServiceProvider services)
    : IBotCommand, IDialog
{
    private const string UserStep = "user";
    private const string RoleStep = "role";
    private const string ChapterStep = "chapter";

    public string Name => "role";

    public Access Access => Access.Admin;

    public ChatKinds Chats => ChatKinds.Any;

    public Task Run(ChatContext ctx, CancellationToken ct) => ctx.StartDialog<RoleCommand>(ct);

    /// <summary>Reads the one-line form (and the replied-to message) and goes on from the first thing missing.</summary>
    public async Task<DialogStep> Begin(ChatContext ctx, DialogData data, CancellationToken ct)
    {
        var (first, rest) = SplitFirst(ctx.Args);
        if (LooksLikeUser(first))
        {
            var found = await Lookup(ctx, first, ct);
            if (found is not TargetOutcome.Found { Member: var target })
            {
                return Refuse(ctx, found, first);
            }

            data[UserStep] = Id(target.UserId);
        }
        else if (ctx.Update.Message?.ReplyToMessage?.From is { IsBot: false } replied)
        {
            if (await chapters.Target(ctx.Permissions, replied.Id, ct) is not TargetOutcome.Found { Member: var target })
            {
                ctx.Say("Role.NotJoined", Html.Bold(UpdateRouter.Person(replied).DisplayName));
                return DialogStep.Done;
            }

            data[UserStep] = Id(target.UserId);
            rest = ctx.Args;
        }
        else if (Roles.TryParse(first, out var early))
        {
            // "/role organizer" without saying whom: keep the role, ask for the person.
            data[RoleStep] = ((int)early).ToString(CultureInfo.InvariantCulture);
            ctx.Say("Role.AskUser");
            return DialogStep.Ask(UserStep);
        }
        else
        {
            if (first.Length == 0)
            {
                ctx.Say("Role.AskUser");
            }
            else
            {
                ctx.Say("Role.UnknownUser", Echo(first));
            }

            return DialogStep.Ask(UserStep);
        }

        var (word, chapterName) = SplitFirst(rest);
        if (word.Length == 0)
        {
            return await AskRole(ctx, data, ct);
        }

        if (!Roles.TryParse(word, out var role))
        {
            return await AskRole(ctx, data, ct, word);
        }

        data[RoleStep] = ((int)role).ToString(CultureInfo.InvariantCulture);
        if (chapterName.Length > 0)
        {
            return await ChapterAnswered(ctx, data, chapterName, ct);
        }

        return await ChooseChapter(ctx, data, ct);
    }

    public async Task<DialogStep> Answer(ChatContext ctx, string step, DialogData data, string answer, CancellationToken ct)
    {
        switch (step)
        {
            case UserStep:
                var name = answer.Trim();
                var found = await Lookup(ctx, LooksLikeUser(name) ? name : "@" + name, ct);
                if (found is not TargetOutcome.Found { Member: var target })
                {
                    return Refuse(ctx, found, name);
                }

                data[UserStep] = Id(target.UserId);
                return data.ContainsKey(RoleStep) ? await ChooseChapter(ctx, data, ct) : await AskRole(ctx, data, ct);
            case RoleStep:
                if (!Roles.TryParse(answer, out var role))
                {
                    return await AskRole(ctx, data, ct, answer);
                }

                data[RoleStep] = ((int)role).ToString(CultureInfo.InvariantCulture);
                return await ChooseChapter(ctx, data, ct);
            case ChapterStep:
                return await ChapterAnswered(ctx, data, answer, ct);
            default:
                return DialogStep.Done;
        }
    }

    private async Task<DialogStep> AskRole(ChatContext ctx, DialogData data, CancellationToken ct, string? unknown = null)
    {
        if (await Stored(ctx, data, ct) is not { } target)
        {
            return DialogStep.Done;
        }

        var buttons = Enum.GetValues<Role>().Select(r => DialogChoice.Button(RoleName(ctx, r), RoleStep, r.ToString().ToLowerInvariant()));
        var question = unknown is null ? ctx.T("Role.AskRole", Who(target)) : ctx.T("Role.UnknownRole", Echo(unknown));
        ctx.Reply(question, Rows(buttons, perRow: 3));
        return DialogStep.Ask(RoleStep);
    }

    /// <summary>The chapter when it goes without saying: the group's own, else the only one of the target's where
    /// this admin may give roles, else the only one where this admin may. Otherwise asks.</summary>
    private async Task<DialogStep> ChooseChapter(ChatContext ctx, DialogData data, CancellationToken ct)
    {
        if (await Stored(ctx, data, ct) is not { } target)
        {
            return DialogStep.Done;
        }

        var choices = await chapters.ChoicesFor(ctx.Permissions, target, ct);
        var obvious = (!ctx.IsPrivate ? ctx.Permissions.Tree.ByGroup(ctx.Chat.Id) : null)
            ?? (choices.Theirs == 1 ? choices.Chapters[0] : null)
            ?? (choices.Chapters.Count == 1 ? choices.Chapters[0] : null);
        if (obvious is not null)
        {
            return await Grant(ctx, data, obvious, ct);
        }

        ctx.Reply(ctx.T("Role.AskChapter", Who(target), RoleName(ctx, StoredRole(data))), ChapterButtons(choices.Chapters, ChapterStep));
        return DialogStep.Ask(ChapterStep);
    }

    private async Task<DialogStep> ChapterAnswered(ChatContext ctx, DialogData data, string answer, CancellationToken ct)
    {
        if (FindChapter(ctx.Permissions, answer) is { } chapter)
        {
            return await Grant(ctx, data, chapter, ct);
        }

        var choices = await Stored(ctx, data, ct) is { } target ? (await chapters.ChoicesFor(ctx.Permissions, target, ct)).Chapters : ctx.Permissions.Where(Access.Admin);
        ctx.Reply(ctx.T("Role.UnknownChapter", Echo(answer)), ChapterButtons(choices, ChapterStep));
        return DialogStep.Ask(ChapterStep);
    }

    private async Task<DialogStep> Grant(ChatContext ctx, DialogData data, Chapter chapter, CancellationToken ct)
    {
        if (await Stored(ctx, data, ct) is not { } target)
        {
            return DialogStep.Done;
        }

        var role = StoredRole(data);
        switch (await chapters.Grant(ctx.Permissions, target, role, chapter, ct))
        {
            case RoleOutcome.Granted:
                ctx.Say("Role.Granted", Who(target), RoleName(ctx, role), chapter.Name);
                await Tell(ctx, target, role, chapter, ct);
                break;
            case RoleOutcome.Unchanged:
                ctx.Say("Role.Unchanged", Who(target), RoleName(ctx, role), chapter.Name);
                break;
            case RoleOutcome.NotAdmin:
                ctx.Say("Role.NotAdmin", chapter.Name);
                break;
            case RoleOutcome.NotJoined notJoined:
                ctx.Say("Role.NotJoined", Who(notJoined.Member));
                break;
        }

        return DialogStep.Done;
    }

    /// <summary>The new role takes effect at once: the target hears of it, with what they can do now, and their
    /// private chat's menu follows their highest level.</summary>
    private async Task Tell(ChatContext ctx, Member target, Role role, Chapter chapter, CancellationToken ct)
    {
        var permissions = await chapters.PermissionsOf(target.UserId, ct);
        var highest = permissions.Highest;
        var commands = services.GetServices<IBotCommand>().ToList();
        CommandMenuPublisher.PublishFor(ctx.Outbox, commands, ctx.Texts, target.UserId, highest, target.Language);
        CommandMenuPublisher.PublishInGroups(ctx.Outbox, commands, ctx.Texts, permissions, target.UserId, target.Language);
        if (target.UserId == ctx.From.Id)
        {
            return;
        }

        var culture = ctx.Texts.CultureFor(target.Language);
        var beyondMember = CommandMenu.Available(commands, highest, ChatKinds.Private).Where(c => c.Access > Access.Member).ToList();
        var lines = new List<Html> { ctx.Texts.Html("Role.Changed", culture, chapter.Name, RoleName(ctx, role, culture)) };
        if (beyondMember.Count > 0)
        {
            lines.Add(Html.Raw(""));
            lines.Add(ctx.Texts.Html("Role.NowAvailable", culture));
            lines.AddRange(beyondMember.Select(c => Html.Format($"/{c.Name} – {CommandMenu.Description(c, ctx.Texts, culture)}")));
        }

        lines.Add(Html.Raw(""));
        lines.Add(ctx.Texts.Html("Role.HelpHint", culture));
        ctx.Outbox.Send(target.UserId, Html.Join("\n", lines));
    }

    /// <summary>The person an @username or id names, as the domain lets this admin know of them.</summary>
    private async Task<TargetOutcome> Lookup(ChatContext ctx, string reference, CancellationToken ct) =>
        reference.StartsWith('@')
            ? Username().IsMatch(reference) ? await chapters.Target(ctx.Permissions, reference, ct) : new TargetOutcome.Unknown()
            : long.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? await chapters.Target(ctx.Permissions, id, ct) : new TargetOutcome.Unknown();

    /// <summary>Why the person named cannot be given a role: nobody this admin may know of goes by that name (asked
    /// again, in the same words whether nobody has it or somebody this admin may not see), or they never joined.</summary>
    private static DialogStep Refuse(ChatContext ctx, TargetOutcome outcome, string typed)
    {
        if (outcome is TargetOutcome.NotJoined notJoined)
        {
            ctx.Say("Role.NotJoined", Who(notJoined.Member));
            return DialogStep.Done;
        }

        ctx.Say("Role.UnknownUser", Echo(typed));
        return DialogStep.Ask(UserStep);
    }

    /// <summary>The person chosen in an earlier step, if they can still be given a role.</summary>
    private async Task<Member?> Stored(ChatContext ctx, DialogData data, CancellationToken ct) =>
        data.TryGetValue(UserStep, out var id) && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var userId)
            && await chapters.Target(ctx.Permissions, userId, ct) is TargetOutcome.Found found
            ? found.Member
            : null;

    private static Role StoredRole(DialogData data) =>
        data.TryGetValue(RoleStep, out var value) && int.TryParse(value, CultureInfo.InvariantCulture, out var role) && Enum.IsDefined((Role)role)
            ? (Role)role
            : Role.Member;

    private static bool LooksLikeUser(string word) =>
        word.StartsWith('@') || (word.Length > 0 && word.All(char.IsAsciiDigit));

    private static string Id(long userId) => userId.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^@[A-Za-z0-9_]{1,32}$")]
    private static partial Regex Username();
}
