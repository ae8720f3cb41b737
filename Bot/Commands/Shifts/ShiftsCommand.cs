using Bot.Commands.Callbacks;
using Bot.Domain.Canvassing;
using Bot.Domain.Chapters;
using Bot.Domain.Messaging;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Commands.Shifts;

/// <summary>/shifts: the upcoming shifts of the member's chapters and the chapters above them, each as a card with
/// its buttons, a few at a time with a button for more.</summary>
public sealed class ShiftsCommand(ShiftService shifts, ShiftCards cards) : IBotCommand, ICallbackHandler
{
    public const int PageSize = 5;
    private const string PageRoute = "shp";

    public string Name => "shifts";

    public Access Access => Access.Member;

    public ChatKinds Chats => ChatKinds.Private;

    public string Route => PageRoute;

    public Task Run(ChatContext ctx, CancellationToken ct) => ShowPage(ctx, 0, ct);

    public async Task Handle(CallbackContext ctx, CallbackData data, CancellationToken ct)
    {
        if (!data.TryGetLong(0, out var from) || from > int.MaxValue || data.ArgumentCount != 1 || ctx.Access < Access.Member)
        {
            ctx.Answer(ctx.Plain("Callback.Stale"));
            return;
        }

        ctx.Answer();
        if (ctx.Message is { } message)
        {
            ctx.Outbox.EditKeyboard(ctx.Chat.Id, message.MessageId, null);
        }

        await ShowPage(ctx, (int)from, ct);
    }

    private async Task ShowPage(ChatContext ctx, int from, CancellationToken ct)
    {
        var upcoming = await shifts.Upcoming(ctx.Permissions, ct);
        if (upcoming.Count == 0)
        {
            ctx.Say("Shifts.None");
            return;
        }

        if (from >= upcoming.Count)
        {
            from = 0;
        }

        var page = upcoming.Skip(from).Take(PageSize).ToList();
        foreach (var shift in page)
        {
            await cards.Post(ctx.Chat.Id, shift.Id, ctx.Permissions, ctx.Culture, Urgency.Interactive, ct);
        }

        var shown = from + page.Count;
        if (shown < upcoming.Count)
        {
            var more = new InlineKeyboardButton(ctx.Plain("Shifts.More", upcoming.Count - shown))
            {
                CallbackData = CallbackCodec.Encode(CallbackData.Of(PageRoute, shown)),
            };
            ctx.Reply(ctx.T("Shifts.Page", from + 1, shown, upcoming.Count), new InlineKeyboardMarkup([[more]]));
        }
    }
}
