using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Bot.Domain.Reminders;
using Bot.Persistence;
using Bot.Telegram.Outbox;
using Bot.Tests.Fakes;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Benchmarks;

/// <summary>What one reminder fan-out (one <c>ReminderService.SendDue</c>) cost before the first message went out.</summary>
/// <param name="Reminders">What <c>SendDue</c> returned: reminders sent.</param>
/// <param name="DryRun"><c>ReminderService.Due</c> just before: the same look, no writes.</param>
/// <param name="Scheduling"><c>SendDue</c>'s own look: from the call until its first batch write began (reading the
/// events, answers, settings and ledger, and deciding who is due).</param>
/// <param name="Queueing"><c>SendDue</c>'s writes: from its first batch write until it returned (ledger and outbox
/// rows, <paramref name="BatchSize"/> per transaction, then the events' plans).</param>
internal sealed record FanOut(int Reminders, TimeSpan DryRun, TimeSpan Scheduling, TimeSpan Queueing, int Batches, int BatchSize);

/// <summary>What one run measured.</summary>
/// <param name="CpuShare">CPU time this process (bot and fake server together) used from the fan-out to the last
/// send, as a share of one core over that wall time: far below what the work needs means the machine starved it.</param>
/// <param name="SampleRequest">One reminder's sendMessage body as the fake received it, to replay without the bot.</param>
/// <param name="JitPerMessage">Of <paramref name="CpuPerMessage"/>, the time spent compiling code meanwhile (a new host's
/// queries and resolvers, tiering up): a cost of the host's first minutes, not of a send, and the largest part of the
/// spread between runs.</param>
internal sealed record RunResult(FanOut FanOut, DispatchReport Dispatch, double CpuShare, TimeSpan CpuPerMessage, TimeSpan JitPerMessage, string SampleRequest);

/// <summary>One end-to-end run: the real bot host on a fresh SQLite file against the fake Bot API on loopback,
/// <c>members</c> members who said yes to an event (every private chat open, so every send succeeds), one
/// reminder sweep by the real <see cref="ReminderService"/> at the minute the event's 24 h reminder is due, then
/// every reminder sent.</summary>
internal static class FanOutRun
{
    private const long FirstUserId = 5_000_000;

    public static async Task<RunResult> Once(int members, int rate, int concurrency, TimeSpan timeout, CancellationToken ct)
    {
        var paid = rate > 30;
        var settings = new Dictionary<string, string?>
        {
            // Telegram's default per-chat limits stay; only the overall rate is the one under test.
            ["Telegram:Limits:GlobalPerSecond"] = paid ? "30" : rate.ToString(CultureInfo.InvariantCulture),
            ["Telegram:Limits:PaidBroadcast"] = paid ? "true" : "false",
            ["Telegram:Limits:PaidBroadcastPerSecond"] = rate.ToString(CultureInfo.InvariantCulture),
            // No quiet hours, so nothing moves the reminder off the minute it is due.
            ["Bot:QuietHours"] = "",
        };
        if (concurrency > 0)
        {
            settings["Telegram:Limits:MaxConcurrency"] = concurrency.ToString(CultureInfo.InvariantCulture);
        }

        // Production logs at Information at most; capturing every debug line in memory would be measured too.
        // TestBot keeps Jobs:AutoStart=false: no sweep runs but the one called below, so it is the host's first.
        await using var bot = await TestBot.Start(settings, services =>
        {
            services.Configure<LoggerFilterOptions>(o => o.MinLevel = LogLevel.Warning);
            StoreProbe.Register(services);
        });

        // The sweep's time as Quartz passes it (second 0 of the current minute, on the real clock the host and the
        // fake run on); the event starts exactly one day later, so its 24 h reminder is due at this very minute and
        // its 2 h one is not.
        var at = bot.Clock.GetUtcNow().UtcDateTime;
        at = new DateTime(at.Ticks - (at.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
        var eventId = await Seed(bot, members, startsAt: at + TimeSpan.FromDays(1), ct);

        var dryRun = Stopwatch.StartNew();
        int due;
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            due = (await scope.ServiceProvider.GetRequiredService<ReminderService>().Due(at, ct)).Count;
        }

        dryRun.Stop();
        if (due != members)
        {
            throw new InvalidOperationException($"ReminderService.Due found {due} reminders due, not {members}.");
        }

        var probe = bot.Services.GetRequiredService<StoreProbe>();
        probe.Take();
        // What earlier hosts of this process left behind (the unreported warm-up run's compiled queries and delegates,
        // whose dynamic methods the finalizer thread frees) is freed now, not during the measured fan-out: a profile
        // found 27 % of the measured run's CPU samples there. Twice, as freeing a dynamic method may take two rounds.
        for (var round = 0; round < 2; round++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        GC.Collect();
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var jitBefore = JitInfo.GetCompilationTime();
        var wall = Stopwatch.StartNew();
        int sent;
        long start, end;
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            var reminders = scope.ServiceProvider.GetRequiredService<ReminderService>();
            start = Stopwatch.GetTimestamp();
            sent = await reminders.SendDue(new DateTimeOffset(at), ct);
            end = Stopwatch.GetTimestamp();
        }


        if (sent != members)
        {
            throw new InvalidOperationException($"ReminderService.SendDue sent {sent} reminders, not {members}.");
        }

        var calls = probe.Take();
        var batches = calls.Where(c => c.Method == nameof(IReminderStore.Send)).ToList();
        var firstWrite = batches.Count == 0 ? end : batches.Min(c => c.StartedAt);
        var batchSize = bot.Services.GetRequiredService<ReminderDefaults>().BatchSize;
        var fanOut = new FanOut(sent, dryRun.Elapsed, Stopwatch.GetElapsedTime(start, firstWrite), Stopwatch.GetElapsedTime(firstWrite, end), batches.Count, batchSize);

        await WaitForSends(bot.Api, members, timeout, ct);
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var jit = JitInfo.GetCompilationTime() - jitBefore;
        var elapsed = wall.Elapsed;
        var tag = Bot.Telegram.Outbox.OutboxNotices.ReminderTag(eventId);
        var created = await bot.Db(db => db.Outbox.AsNoTracking()
            .Where(o => o.Tag == tag)
            .ToDictionaryAsync(o => o.ChatId!.Value, o => o.CreatedAt, ct));
        var notSent = await WaitForRecords(bot, tag, ct);

        // Read again after the records settled, so a reminder sent twice would show too.
        var sends = bot.Api.RequestsOf("sendMessage").Where(r => r.ChatId >= FirstUserId).ToList();
        var received = sends.Where(r => r.Succeeded).Select(r => r.ChatId).ToList();
        if (received.Count != members || received.Distinct().Count() != members)
        {
            throw new InvalidOperationException(
                $"The fake received {received.Count} reminders for {received.Distinct().Count()} members, not one for each of {members} (within {timeout}).");
        }

        var ledger = await bot.Db(db => db.RemindersSent.CountAsync(r => r.EventId == eventId, ct));
        if (ledger != members)
        {
            throw new InvalidOperationException($"The ledger holds {ledger} reminders for the event, not {members}.");
        }

        var warnings = bot.Logs.Entries.Count(l => l.Level >= LogLevel.Warning);
        return new RunResult(fanOut, DispatchReport.Of(sends, rate, created, notSent, warnings), cpu / elapsed, cpu / members, jit / members, sends[0].Body);
    }

    /// <summary>The event, then members, their memberships and their yes answers (given a day before the reminder is
    /// due) in one SaveChanges; the fake lets the bot write to each. No plan and version 0: the first sweep looks at
    /// every event anyway.</summary>
    private static async Task<long> Seed(TestBot bot, int members, DateTime startsAt, CancellationToken ct)
    {
        var root = await bot.Root();
        return await bot.Db(async db =>
        {
            var before = startsAt - TimeSpan.FromDays(2);
            var reminded = new Event
            {
                ChapterId = root.Id,
                Title = "Infostand & Haustürwahlkampf",
                Place = "Marktplatz <am Brunnen>",
                StartsAt = startsAt,
                CreatedAt = before,
                NextTicket = members + 1,
            };
            db.Events.Add(reminded);
            await db.SaveChangesAsync(ct);
            for (var i = 0; i < members; i++)
            {
                var userId = FirstUserId + i;
                db.Members.Add(new Member { UserId = userId, DisplayName = $"Mitglied {i}", JoinedAt = before, ConsentedAt = before });
                db.Memberships.Add(new Membership { UserId = userId, ChapterId = root.Id, Role = Role.Member, Since = before });
                db.Rsvps.Add(new Rsvp { EventId = reminded.Id, UserId = userId, Answer = Answer.Yes, Ticket = i + 1, AnsweredAt = before + TimeSpan.FromHours(1) });
                bot.Api.OpenPrivateChat(userId);
            }

            await db.SaveChangesAsync(ct);
            return reminded.Id;
        });
    }

    /// <summary>The fan-out's rows not (yet) recorded as sent, after giving the dispatcher a moment to record the
    /// last answers: a send is recorded only after Telegram answered it.</summary>
    private static async Task<int> WaitForRecords(TestBot bot, string tag, CancellationToken ct)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var notSent = await bot.Db(db => db.Outbox.CountAsync(o => o.Tag == tag && o.Status != OutboxStatus.Sent, ct));
            if (notSent == 0 || DateTime.UtcNow > until)
            {
                return notSent;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }
    }

    /// <summary>Waits until the fake received all <paramref name="members"/> reminders (or the time ran out).</summary>
    private static async Task WaitForSends(FakeBotApi api, int members, TimeSpan timeout, CancellationToken ct)
    {
        var until = DateTime.UtcNow + timeout;
        while (api.RequestsOf("sendMessage").Count(r => r.ChatId >= FirstUserId && r.Succeeded) < members && DateTime.UtcNow <= until)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }
    }
}
