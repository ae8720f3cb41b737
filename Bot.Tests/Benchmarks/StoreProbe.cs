using System.Diagnostics;
using Bot.Domain.Events;
using Bot.Domain.Reminders;
using Bot.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Benchmarks;

/// <summary>One call the reminder sweep made to its store: when it began (a <see cref="Stopwatch"/> timestamp),
/// how long it took, and how much it read or wrote (<see cref="Events"/>: events; <see cref="Rows"/>: answers for
/// <c>Answers</c>, ledger rows for <c>Sent</c>, reminders for <c>Send</c>, plans for <c>Plan</c>).</summary>
internal sealed record StoreCall(string Method, long StartedAt, TimeSpan Took, int Events, int Rows);

/// <summary>What the sweep's store calls were, recorded by <see cref="ProbedReminderStore"/>: the only way to tell,
/// inside one <c>ReminderService.SendDue</c>, its look (reading answers, deciding who is due) from its writes, and
/// to see how many answers a sweep read at all.</summary>
internal sealed class StoreProbe
{
    private readonly Lock gate = new();
    private readonly List<StoreCall> calls = [];

    public void Record(StoreCall call)
    {
        lock (gate)
        {
            calls.Add(call);
        }
    }

    /// <summary>The calls since the last take.</summary>
    public IReadOnlyList<StoreCall> Take()
    {
        lock (gate)
        {
            var taken = calls.ToList();
            calls.Clear();
            return taken;
        }
    }

    /// <summary>Wraps the bot's own <see cref="ReminderStore"/> for every scope; nothing else of the host changes.</summary>
    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<StoreProbe>();
        services.AddScoped<IReminderStore>(sp => new ProbedReminderStore(ActivatorUtilities.CreateInstance<ReminderStore>(sp), sp.GetRequiredService<StoreProbe>()));
    }
}

/// <summary>A pass-through to the real store that only times each call (a timestamp read before and after).</summary>
internal sealed class ProbedReminderStore(IReminderStore inner, StoreProbe probe) : IReminderStore
{
    public async Task<IReadOnlyList<UpcomingEvent>> EventsToLookAt(DateTime now, DateTime until, string basis, bool everything, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        var events = await inner.EventsToLookAt(now, until, basis, everything, ct);
        probe.Record(new StoreCall(nameof(EventsToLookAt), start, Stopwatch.GetElapsedTime(start), events.Count, 0));
        return events;
    }

    public async Task<IReadOnlyList<ReminderCandidate>> Answers(IReadOnlyCollection<long> eventIds, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        var answers = await inner.Answers(eventIds, ct);
        probe.Record(new StoreCall(nameof(Answers), start, Stopwatch.GetElapsedTime(start), 0, answers.Count));
        return answers;
    }

    public async Task<IReadOnlyList<SentReminder>> Sent(IReadOnlyCollection<long> eventIds, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        var sent = await inner.Sent(eventIds, ct);
        probe.Record(new StoreCall(nameof(Sent), start, Stopwatch.GetElapsedTime(start), eventIds.Count, sent.Count));
        return sent;
    }

    public async Task<(Event Event, Waitlist Waitlist)> EventNow(long eventId, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        var current = await inner.EventNow(eventId, ct);
        probe.Record(new StoreCall(nameof(EventNow), start, Stopwatch.GetElapsedTime(start), 1, 0));
        return current;
    }

    public async Task Send(IReadOnlyList<DueReminder> batch, DateTime at, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        await inner.Send(batch, at, ct);
        probe.Record(new StoreCall(nameof(Send), start, Stopwatch.GetElapsedTime(start), batch.Select(d => d.EventId).Distinct().Count(), batch.Count));
    }

    public async Task Plan(IReadOnlyList<ReminderPlan> plans, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        await inner.Plan(plans, ct);
        probe.Record(new StoreCall(nameof(Plan), start, Stopwatch.GetElapsedTime(start), plans.Count, plans.Count));
    }
}
