using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Bot.Domain.Time;
using Bot.Telegram.Rendering;
using Bot.Texts;

namespace Bot.Commands.Events;

/// <summary>/newevent: an organizer creates an event, in one line
/// (<c>/newevent title | date time | place [| key=value]…</c>) or, without arguments, step by step in
/// <see cref="NewEventDialog"/>. A line that cannot be read is answered with what was wrong and a line that
/// works; a line that can is shown as the dialog's summary, and nothing is created before ✅ is pressed there:
/// the same line sent twice is two summaries, not two events.</summary>
public sealed class NewEventCommand(ChapterClock clock) : IBotCommand
{
    public string Name => "newevent";

    public Access Access => Access.Organizer;

    public ChatKinds Chats => ChatKinds.Private;

    public async Task Run(ChatContext ctx, CancellationToken ct)
    {
        if (ctx.Args.Length == 0)
        {
            await ctx.StartDialog<NewEventDialog>(ct);
            return;
        }

        switch (NewEventForm.Parse(ctx.Args, clock))
        {
            case FormResult<NewEventForm>.Failed(var error):
                Refuse(ctx, NewEventTexts.Problem(ctx, error, clock), error.Field);
                break;
            case FormResult<NewEventForm>.Parsed(var form):
                await Preview(ctx, form, ct);
                break;
        }
    }

    private async Task Preview(ChatContext ctx, NewEventForm form, CancellationToken ct)
    {
        var chapter = form.ChapterName is { } name ? ctx.Permissions.Tree.Find(name) : ctx.Permissions.DefaultToOrganize();
        if (chapter is null)
        {
            var why = form.ChapterName is { } unknown ? ctx.T("NewEvent.Chapter.Unknown", unknown) : ctx.T("NewEvent.Chapter.Which");
            Refuse(ctx, Html.Join("\n", [why, NewEventTexts.ChapterList(ctx)]), FormField.Chapter);
            return;
        }

        if (!ctx.Permissions.CanOrganize(chapter.Id))
        {
            Refuse(ctx, Html.Join("\n", [ctx.T("NewEvent.Chapter.NotOrganizer", chapter.Name), NewEventTexts.ChapterList(ctx)]), FormField.Chapter);
            return;
        }

        await ctx.Dialogs.StartAt<NewEventDialog>(ctx, (dialog, data) => dialog.Preview(ctx, data, form, chapter, ct), ct);
    }

    private void Refuse(ChatContext ctx, Html problem, FormField field)
    {
        var example = field == FormField.Chapter ? NewEventTexts.Creatable(ctx.Permissions).FirstOrDefault()?.Name : null;
        ctx.Reply(Html.Join("\n\n", [problem, NewEventTexts.LineHelp(ctx, field, clock, example)]));
    }
}
