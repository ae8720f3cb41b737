using Bot.Commands.Events;
using Bot.Domain.Canvassing;
using Bot.Domain.Chapters;
using Bot.Domain.Messaging;
using Bot.Domain.Time;
using Bot.Telegram.Rendering;

namespace Bot.Commands.Shifts;

/// <summary>/newshift: an organizer posts a canvassing shift, in one line
/// (<c>/newshift area | date start-end | meeting point | slots=N [| key=value]…</c>) or, without arguments, step by
/// step in <see cref="NewShiftDialog"/>. A line that cannot be read is answered with what was wrong and a line that
/// works.</summary>
public sealed class NewShiftCommand(ShiftService shifts, ShiftCards cards, ShiftCard card, ChapterClock clock) : IBotCommand
{
    public string Name => "newshift";

    public Access Access => Access.Organizer;

    public ChatKinds Chats => ChatKinds.Private;

    public async Task Run(ChatContext ctx, CancellationToken ct)
    {
        if (ctx.Args.Length == 0)
        {
            await ctx.StartDialog<NewShiftDialog>(ct);
            return;
        }

        var parsed = NewShiftForm.Parse(ctx.Args, clock);
        if (parsed.Form is not { } form)
        {
            ctx.Reply(Html.Join("\n\n", [Problem(ctx, parsed.Error!, clock), LineHelp(ctx, clock)]));
            return;
        }

        var chapter = form.ChapterName is { } name ? ctx.Permissions.Tree.Find(name) : ctx.Permissions.DefaultToOrganize();
        if (chapter is null)
        {
            ctx.Reply(Html.Join("\n\n", [form.ChapterName is { } unknown ? ctx.T("Shift.Chapter.Unknown", unknown) : ctx.T("Shift.Chapter.Which"), Chapters(ctx), LineHelp(ctx, clock)]));
            return;
        }

        if (await Publish(ctx, shifts, cards, card, chapter, form, ct) is { } refused)
        {
            ctx.Reply(Html.Join("\n\n", [refused, LineHelp(ctx, clock)]));
        }
    }

    /// <summary>Creates the shift and makes it known: a confirmation and the card to the organizer, the card in the
    /// chapter's linked group. Returns what was refused, or null when it was posted.</summary>
    internal static async Task<Html?> Publish(ChatContext ctx, ShiftService shifts, ShiftCards cards, ShiftCard card, Chapter chapter, NewShiftForm form, CancellationToken ct)
    {
        switch (await shifts.Create(ctx.Permissions, form.Draft(chapter.Id), ct))
        {
            case CreateShiftOutcome.Created { Shift: var created }:
                List<Html> parts = [ctx.T("Shift.Created", created.Area, card.Span(created, ctx.Culture))];
                parts.AddRange(new[] { form.Start, form.End }.Select(t => WhenTexts.DstNote(ctx.Texts, ctx.Culture, t)).OfType<Html>());
                parts.Add(chapter.GroupChatId is null ? ctx.T("Shift.Created.NoGroup", chapter.Name) : ctx.T("Shift.Created.Group", chapter.Name));
                ctx.Reply(Html.Join("\n\n", parts));
                await cards.Post(ctx.ReplyChatId, created.Id, ctx.Permissions, ctx.Culture, Urgency.Interactive, ct);
                if (chapter.GroupChatId is { } group)
                {
                    // The group reads the bot's default language; its card shows counts, never names.
                    await cards.Post(group, created.Id, null, ctx.Texts.CultureFor(null), Urgency.Bulk, ct);
                }

                return null;
            case CreateShiftOutcome.NotOrganizer:
                return Html.Join("\n", [ctx.T("Shift.Chapter.NotOrganizer", chapter.Name), Chapters(ctx)]);
            case CreateShiftOutcome.Invalid(var problem):
                return ctx.T($"Shift.Problem.{problem}", Shift.MaxSlots);
            default:
                throw new InvalidOperationException("Created or refused.");
        }
    }

    /// <summary>The mistake, with an example for a date.</summary>
    internal static Html Problem(ChatContext ctx, ShiftFormError error, ChapterClock clock) =>
        error.When is { } when
            ? Html.Format($"⚠️ {WhenTexts.Error(ctx.Texts, ctx.Culture, when, error.Typed, clock.Today)}")
            : ctx.T(error.Key, error.Typed, error.Limit);

    internal static Html LineHelp(ChatContext ctx, ChapterClock clock) =>
        ctx.T("Shift.Line.Help", WhenTexts.Sample(ctx.Culture, WhenTexts.SampleDay(clock.Today), "10-13"));

    private static Html Chapters(ChatContext ctx) =>
        ctx.T("Shift.Chapter.Options", string.Join(", ", ctx.Permissions.Organized().Take(20).Select(c => c.Name)), 0);
}
