using Bot.Commands.Callbacks;
using Bot.Domain.Chapters;
using Bot.Domain.Reminders;

namespace Bot.Commands.Reminders;

/// <summary>🔕 under a reminder: no further reminders for that event to the member who pressed it. Pressing it
/// again, or on an old reminder, changes nothing and says the same; a press for an event the member never answered
/// (a forged button) stores nothing.</summary>
public sealed class MuteButton(SettingsService settings) : ICallbackHandler
{
    public string Route => ReminderMessage.MuteRoute;

    public Access Access => Access.Member;

    public async Task Handle(CallbackContext ctx, CallbackData data, CancellationToken ct)
    {
        if (!data.TryGetLong(0, out var eventId) || data.ArgumentCount != 1
            || await settings.Mute(ctx.From.Id, eventId, ct) != MuteOutcome.Muted)
        {
            ctx.Answer(ctx.Plain("Callback.Stale"));
            return;
        }

        ctx.Answer(ctx.Plain("Reminder.Muted"));
        if (ctx.Message is { } message)
        {
            ctx.Outbox.EditKeyboard(message.Chat.Id, message.MessageId, null);
        }
    }
}
