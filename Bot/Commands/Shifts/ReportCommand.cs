using System.Globalization;
using Bot.Commands.Callbacks;
using Bot.Domain.Canvassing;
using Bot.Domain.Chapters;
using Bot.Telegram.Rendering;
using Bot.Texts;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Commands.Shifts;

/// <summary>/report &lt;doors&gt; &lt;conversations&gt; [note]: the results of the shift the member worked most
/// recently; a second report replaces the first. The question after a shift ends carries quick-number buttons
/// (doors, then conversations) that end here too.</summary>
public sealed class ReportCommand(ShiftService shifts, ShiftCard card, TextCatalog texts) : IBotCommand, ICallbackHandler
{
    public const string ReportRoute = "rp";

    private static readonly int[] DoorChoices = [0, 10, 20, 30, 50, 80];
    private static readonly int[] ConversationChoices = [0, 2, 5, 10, 15, 20];

    public string Name => "report";

    public Access Access => Access.Member;

    public ChatKinds Chats => ChatKinds.Private;

    public string Route => ReportRoute;

    public async Task Run(ChatContext ctx, CancellationToken ct)
    {
        var parts = ctx.Args.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || !Count(parts[0], out var doors) || !Count(parts[1], out var conversations))
        {
            ctx.Say(parts.Length == 0 ? "Report.Usage" : "Report.Unreadable", TextCut.Quote(ctx.Args));
            return;
        }

        Answer(ctx, await shifts.Report(ctx.Permissions, null, doors, conversations, parts.Length == 3 ? parts[2] : null, ct));
    }

    public async Task Handle(CallbackContext ctx, CallbackData data, CancellationToken ct)
    {
        if (!data.TryGetLong(0, out var shiftId) || !data.TryGetLong(1, out var doors) || doors > ShiftReport.MaxDoors || data.ArgumentCount is not (2 or 3))
        {
            ctx.Answer(ctx.Plain("Callback.Stale"));
            return;
        }

        if (data.ArgumentCount == 2)
        {
            ctx.Answer();
            if (ctx.Message is { } question)
            {
                ctx.Outbox.EditKeyboard(ctx.Chat.Id, question.MessageId, null);
            }

            ctx.Reply(ctx.T("Report.AskConversations", doors), Conversations(shiftId, (int)doors));
            return;
        }

        if (!data.TryGetLong(2, out var conversations) || conversations > doors)
        {
            ctx.Answer(ctx.Plain("Callback.Stale"));
            return;
        }

        var outcome = await shifts.Report(ctx.Permissions, shiftId, (int)doors, (int)conversations, null, ct);
        ctx.Answer();
        if (outcome is ReportOutcome.Recorded && ctx.Message is { } message)
        {
            ctx.Outbox.EditKeyboard(ctx.Chat.Id, message.MessageId, null);
        }

        Answer(ctx, outcome);
    }

    /// <summary>The question after a shift: its buttons are the first step, the number of doors.</summary>
    public (Html Text, InlineKeyboardMarkup Keyboard) Question(Shift shift, CultureInfo culture) =>
        (texts.Html("Report.Ask", culture, shift.Area, card.Span(shift, culture)),
            Keyboard(DoorChoices.Select(n => (n, CallbackData.Of(ReportRoute, shift.Id, n)))));

    private static InlineKeyboardMarkup Conversations(long shiftId, int doors) =>
        Keyboard(ConversationChoices.Where(n => n <= doors).DefaultIfEmpty(0).Select(n => (n, CallbackData.Of(ReportRoute, shiftId, doors, n))));

    private static InlineKeyboardMarkup Keyboard(IEnumerable<(int Number, CallbackData Data)> choices) =>
        new(choices.Chunk(3).Select(row => row.Select(c => new InlineKeyboardButton(c.Number.ToString(CultureInfo.InvariantCulture))
        {
            CallbackData = CallbackCodec.Encode(c.Data),
        })));

    private void Answer(ChatContext ctx, ReportOutcome outcome)
    {
        switch (outcome)
        {
            case ReportOutcome.Recorded recorded:
                ctx.Say(recorded.Replaced ? "Report.Replaced" : "Report.Recorded", recorded.Shift.Area, card.Span(recorded.Shift, ctx.Culture),
                    recorded.Report.Doors, recorded.Report.Conversations);
                break;
            case ReportOutcome.NotEnded notEnded:
                ctx.Say("Report.NotEnded", notEnded.Shift.Area);
                break;
            case ReportOutcome.Invalid { Problem: ReportProblem.NoteTooLong }:
                ctx.Say("Report.NoteTooLong", ShiftReport.MaxNoteLength);
                break;
            case ReportOutcome.Invalid:
                ctx.Say("Report.Numbers", ShiftReport.MaxDoors);
                break;
            default:
                ctx.Say("Report.NothingWorked");
                break;
        }
    }

    private static bool Count(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value <= ShiftReport.MaxDoors;
}
