using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Bot.Domain.Time;
using Bot.Telegram.Rendering;
using Bot.Texts;

namespace Bot.Commands.Events;

/// <summary>/newevent: an organizer creates an event, in one line
/// (<c>/newevent title | date time | place [| key=value]…</c>) or, without arguments, step by step in
/// <see cref="NewEventDialog"/>. A line that cannot be read is answered with what was wrong and a line that
/// works.</summary>
public sealed class NewEventCommand(EventService events, EventCards cards, LocalTime time, ChapterClock clock, Domain.Calendar.CalendarService calendar, Subscriptions.EventAnnouncer announcer) : IBotCommand
{
    private readonly NewEventPublisher publisher = new(events, cards, time, calendar, announcer);

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
                await Create(ctx, form, ct);
                break;
        }
    }

    private async Task Create(ChatContext ctx, NewEventForm form, CancellationToken ct)
    {
        var chapter = form.ChapterName is { } name ? ctx.Permissions.Tree.Find(name) : ctx.Permissions.DefaultToOrganize();
        if (chapter is null)
        {
            var why = form.ChapterName is { } unknown ? ctx.T("NewEvent.Chapter.Unknown", unknown) : ctx.T("NewEvent.Chapter.Which");
            Refuse(ctx, Html.Join("\n", [why, NewEventTexts.ChapterList(ctx)]), FormField.Chapter);
            return;
        }

        switch (await publisher.Create(ctx, chapter, form, ct))
        {
            case CreateEventOutcome.NotOrganizer:
                Refuse(ctx, Html.Join("\n", [ctx.T("NewEvent.Chapter.NotOrganizer", chapter.Name), NewEventTexts.ChapterList(ctx)]), FormField.Chapter);
                break;
            case CreateEventOutcome.Invalid(var problem):
                var refused = NewEventTexts.FromProblem(problem, form);
                Refuse(ctx, NewEventTexts.Problem(ctx, refused, clock), refused.Field);
                break;
        }
    }

    private void Refuse(ChatContext ctx, Html problem, FormField field)
    {
        var example = field == FormField.Chapter ? NewEventTexts.Creatable(ctx.Permissions).FirstOrDefault()?.Name : null;
        ctx.Reply(Html.Join("\n\n", [problem, NewEventTexts.LineHelp(ctx, field, clock, example)]));
    }
}
