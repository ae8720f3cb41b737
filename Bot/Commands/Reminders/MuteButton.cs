using Bot.Commands.Callbacks;
using Bot.Domain.Chapters;
using Bot.Domain.Reminders;
using Microsoft.EntityFrameworkCore;

namespace Bot.Commands.Reminders;

/// <summary>🔕 under a reminder: no further reminders for that event to the member who pressed it. Pressing it
/// again, or on an old reminder, changes nothing and says the same; a press for an event the member never answered
/// (a forged button) stores nothing.</summary>
public sealed class MuteButton : ICallbackHandler
{
    public string Route => ReminderMessage.MuteRoute;

    public Access Access => Access.Member;

    public async Task Handle(CallbackContext ctx, CallbackData data, CancellationToken ct)
    {
        if (!data.TryGetLong(0, out var eventId) || data.ArgumentCount != 1
            || !await ctx.Db.Rsvps.AnyAsync(r => r.EventId == eventId && r.UserId == ctx.From.Id, ct))
        {
            ctx.Answer(ctx.Plain("Callback.Stale"));
            return;
        }

        if (await ctx.Db.ReminderMutes.FindAsync([eventId, ctx.From.Id], ct) is null)
        {
            ctx.Db.ReminderMutes.Add(new ReminderMute { EventId = eventId, UserId = ctx.From.Id, MutedAt = ctx.Clock.GetUtcNow().UtcDateTime });
        }

        ctx.Answer(ctx.Plain("Reminder.Muted"));
        if (ctx.Message is { } message)
        {
            ctx.Outbox.EditKeyboard(message.Chat.Id, message.MessageId, null);
        }
    }
}
