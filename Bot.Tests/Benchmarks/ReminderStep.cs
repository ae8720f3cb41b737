using Bot.Domain.Events;
using Bot.Domain.Messaging;
using Bot.Persistence;
using Bot.Telegram.Outbox;
using Bot.Telegram.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Benchmarks;

/// <summary>What one reminder fan-out cost before the first message went out.</summary>
internal sealed record FanOut(int Reminders, TimeSpan Scheduling, TimeSpan Queueing);

/// <summary>
/// THE REMINDER STEP: the one piece of the benchmark that stands in for the reminder fan-out. When
/// <c>ReminderService.SendDue(fireTime)</c> is merged, <see cref="SendDue"/> becomes a call to it (scheduling =
/// finding who is due, queueing = its batched outbox writes) and the rest of the benchmark stays as it is.
/// Until then it does what the fan-out will do: find everyone with a yes or maybe for the event, then write one
/// bulk outbox message per member through the real <see cref="Outbox"/>, <see cref="BatchSize"/> per
/// transaction, waking the dispatcher after each commit.
/// </summary>
internal static class ReminderStep
{
    public const int BatchSize = 500;

    public static async Task<FanOut> SendDue(IServiceProvider services, long eventId, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        List<long> due;
        Event reminded;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            reminded = await db.Events.AsNoTracking().SingleAsync(e => e.Id == eventId, ct);
            due = await db.Rsvps
                .Where(r => r.EventId == eventId && r.UserId != null && (r.Answer == Answer.Yes || r.Answer == Answer.Maybe))
                .OrderBy(r => r.UserId)
                .Select(r => r.UserId!.Value)
                .ToListAsync(ct);
        }

        var scheduling = clock.Elapsed;
        var signal = services.GetRequiredService<OutboxSignal>();
        var text = Html.Format(
            $"⏰ Erinnerung: <b>{reminded.Title}</b> beginnt am {reminded.StartsAt:dd.MM.yyyy} um {reminded.StartsAt:HH:mm} Uhr.\nOrt: {reminded.Place}");
        foreach (var batch in due.Chunk(BatchSize))
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var userId in batch)
            {
                outbox.Send(userId, text, urgency: Urgency.Bulk, tag: $"reminder:{eventId}");
            }

            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            signal.Notify();
        }

        return new FanOut(due.Count, scheduling, clock.Elapsed - scheduling);
    }
}
