using Bot.Commands.Callbacks;
using Bot.Domain.Chapters;
using Bot.Telegram.Api;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Commands.Dialogs;

/// <summary>Buttons inside a dialog: pressing one answers the current step with the button's token, exactly
/// as if it had been typed, so a dialog handles buttons and text in one place.</summary>
public sealed class DialogChoice : ICallbackHandler
{
    public const string RouteKey = "dg";

    public string Route => RouteKey;

    public Access Access => Access.Anyone;

    /// <summary>A button that answers <paramref name="step"/> with <paramref name="token"/>; both are short
    /// tokens of letters, digits, '_' and '-'.</summary>
    public static InlineKeyboardButton Button(string label, string step, string token) =>
        new(label) { CallbackData = CallbackCodec.Encode(CallbackData.Of(RouteKey, step, token)) };

    /// <summary>Whether the keyboard offers a dialog's choices.</summary>
    public static bool AreIn(InlineKeyboardMarkup? keyboard) =>
        keyboard is not null && keyboard.InlineKeyboard.SelectMany(row => row)
            .Any(b => CallbackCodec.TryDecode(b.CallbackData, out var data) && data.Route == RouteKey);

    public async Task Handle(CallbackContext ctx, CallbackData data, CancellationToken ct)
    {
        if (data.Token(0) is not { } step || data.Token(1) is not { } token || !await ctx.Dialogs.Continue(ctx, token, ct, step))
        {
            ctx.Answer(ctx.Plain("Callback.Stale"));
            return;
        }

        // The question's buttons went with the answer (DialogRunner), so an old choice cannot be pressed again.
        ctx.Answer();
    }
}
