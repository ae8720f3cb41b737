using System.Diagnostics;
using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Bot.Domain.Reminders;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Benchmarks;

/// <summary>One measured <c>ReminderService.SendDue</c>, with what its store read and wrote.</summary>
/// <param name="Wall">The whole call.</param>
/// <param name="Reading">Its store reads: events (<c>EventsToLookAt</c>), answers and settings (<c>Answers</c>) and the ledger (<c>Sent</c>).</param>
/// <param name="EventsLookedAt">Events whose answers the sweep read.</param>
/// <param name="AnswersRead">Yes and maybe answers read.</param>
/// <param name="LedgerRows">Ledger rows read.</param>
/// <param name="PlansWritten">Plans stored afterwards (one per event looked at).</param>
/// <param name="Allocated">Managed bytes allocated by the whole process during the call (the host's idle
/// dispatcher and polling included, a few kB).</param>
/// <param name="PeakHeap">The most the managed heap held above its size before the call (after a full collection),
/// sampled every 5 ms: garbage not yet collected included, as the process has to hold it.</param>
/// <param name="Collections">Garbage collections during the call, per generation (0, 1, 2).</param>
/// <param name="Sent">Reminders sent: 0 here, by construction.</param>
internal sealed record SweepMeasure(
    TimeSpan Wall, TimeSpan Reading, int EventsLookedAt, int AnswersRead, int LedgerRows, int PlansWritten,
    long Allocated, long PeakHeap, int[] Collections, int Sent);

/// <summary>The sweep mode's results. <paramref name="Unexpected"/>: what did not read as the reminder service's
/// class comment promises (empty when all did).</summary>
internal sealed record SweepResult(
    int Events, int Members, TimeSpan SeedMembers, TimeSpan SeedAnswers, TimeSpan Checkpoint, long DatabaseBytes,
    SweepMeasure First, IReadOnlyList<SweepMeasure> Quiet, SweepMeasure AfterChange, long PeakWorkingSet, IReadOnlyList<string> Unexpected);

/// <summary>"Scheduling grows with events, not members": <c>events</c> events × <c>members</c> members all answering
/// yes, starting spread over the next 7 days, none with a reminder due at the minutes measured. Then the real
/// service's first sweep (no event has a plan yet, so it reads every answer, event by event), the quiet minutes after it (which should read
/// one plan row per event and no answers), and one sweep after one member changed one answer (which should read
/// that event's answers only). Nothing is sent.</summary>
internal static class SweepRun
{
    private const long FirstUserId = 5_000_000;

    /// <summary>Answers are given an hour before the first sweep: a lead time already past then is skipped.</summary>
    private static readonly TimeSpan AnsweredBefore = TimeSpan.FromHours(1);

    public static async Task<SweepResult> Once(int events, int members, int quietMinutes, CancellationToken ct)
    {
        var settings = new Dictionary<string, string?> { ["Bot:QuietHours"] = "" };

        // TestBot keeps Jobs:AutoStart=false: no sweep runs but the ones called below, so the first is the host's first.
        await using var bot = await TestBot.Start(settings, services =>
        {
            services.Configure<LoggerFilterOptions>(o => o.MinLevel = LogLevel.Warning);
            StoreProbe.Register(services);
        });

        var t0 = DateTime.UtcNow;
        t0 = new DateTime(t0.Ticks - (t0.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
        var (eventIds, seedMembers, seedAnswers, checkpoint, bytes) = await Seed(bot, events, members, t0, ct);

        var unexpected = new List<string>();
        var first = await Measure(bot, t0, ct);
        Expect(unexpected, "first sweep", first, events, events * members);

        var quiet = new List<SweepMeasure>();
        for (var minute = 1; minute <= quietMinutes; minute++)
        {
            var measure = await Measure(bot, t0 + TimeSpan.FromMinutes(minute), ct);
            Expect(unexpected, $"quiet minute {minute}", measure, 0, 0);
            quiet.Add(measure);
        }

        // One member changes one answer, written as EventService writes it: the answer and the event's version in
        // one transaction. From yes to no, so the next sweep reads one answer fewer for that event.
        var changed = eventIds[eventIds.Count / 2];
        var changedAt = t0 + TimeSpan.FromMinutes(quietMinutes) + TimeSpan.FromSeconds(30);
        await bot.Db(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Rsvps.Where(r => r.EventId == changed && r.UserId == FirstUserId)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Answer, Answer.No).SetProperty(r => r.AnsweredAt, changedAt), ct);
            await db.Events.Where(e => e.Id == changed).ExecuteUpdateAsync(s => s.SetProperty(e => e.Version, e => e.Version + 1), ct);
            await tx.CommitAsync(ct);
            return 0;
        });
        var afterChange = await Measure(bot, t0 + TimeSpan.FromMinutes(quietMinutes + 1), ct);
        Expect(unexpected, "sweep after the change", afterChange, 1, members - 1);

        using var process = Process.GetCurrentProcess();
        return new SweepResult(events, members, seedMembers, seedAnswers, checkpoint, bytes, first, quiet, afterChange, process.PeakWorkingSet64, unexpected);
    }

    private static void Expect(List<string> unexpected, string which, SweepMeasure measure, int events, int answers)
    {
        if (measure.EventsLookedAt != events || measure.AnswersRead != answers)
        {
            unexpected.Add($"{which} read {measure.AnswersRead:N0} answers of {measure.EventsLookedAt:N0} events, expected {answers:N0} of {events:N0}");
        }
    }

    /// <summary>One <c>SendDue(at)</c> on a fresh scope, as the job runs it, after a full collection so its memory
    /// is its own.</summary>
    private static async Task<SweepMeasure> Measure(TestBot bot, DateTime at, CancellationToken ct)
    {
        var probe = bot.Services.GetRequiredService<StoreProbe>();
        probe.Take();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var collections = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        int sent;
        TimeSpan wall;
        long peak;
        using (var sampler = HeapSampler.Start())
        {
            await using var scope = bot.Services.CreateAsyncScope();
            var reminders = scope.ServiceProvider.GetRequiredService<ReminderService>();
            var start = Stopwatch.GetTimestamp();
            sent = await reminders.SendDue(new DateTimeOffset(at), ct);
            wall = Stopwatch.GetElapsedTime(start);
            peak = sampler.Stop();
        }

        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        collections = [.. Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - collections[g])];
        if (sent != 0)
        {
            throw new InvalidOperationException($"The sweep at {at:O} sent {sent} reminders; the seed was meant to leave none due.");
        }

        var calls = probe.Take();
        var work = calls.Where(c => c.Method is nameof(IReminderStore.EventsToLookAt) or nameof(IReminderStore.Answers)).ToList();
        var ledger = calls.Where(c => c.Method == nameof(IReminderStore.Sent)).ToList();
        return new SweepMeasure(
            wall,
            work.Concat(ledger).Aggregate(TimeSpan.Zero, (sum, c) => sum + c.Took),
            work.Sum(c => c.Events),
            work.Sum(c => c.Rows),
            ledger.Sum(c => c.Rows),
            calls.Where(c => c.Method == nameof(IReminderStore.Plan)).Sum(c => c.Rows),
            allocated,
            peak,
            collections,
            sent);
    }

    /// <summary>The events (through EF: a hundred rows), then members, memberships and every member's yes to every
    /// event by raw SQL in one transaction, as a recursive CTE and one INSERT ... SELECT (EF's change tracking would
    /// take minutes for a million rows). Then the WAL is checkpointed, as it long would have been in production.</summary>
    private static async Task<(List<long> Ids, TimeSpan Members, TimeSpan Answers, TimeSpan Checkpoint, long Bytes)> Seed(
        TestBot bot, int events, int members, DateTime t0, CancellationToken ct)
    {
        var root = await bot.Root();
        var answeredAt = t0 - AnsweredBefore;
        var created = t0 - TimeSpan.FromDays(2);
        var ids = await bot.Db(async db =>
        {
            var added = Enumerable.Range(0, events).Select(i => new Event
            {
                ChapterId = root.Id,
                Title = $"Termin {i + 1}",
                Place = "Gasthaus Krone",
                StartsAt = StartOf(i, events, t0),
                CreatedAt = created,
                NextTicket = members + 1,
            }).ToList();
            db.Events.AddRange(added);
            await db.SaveChangesAsync(ct);
            return added.Select(e => e.Id).ToList();
        });

        var clock = Stopwatch.StartNew();
        TimeSpan seedMembers = default;
        await bot.Db(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlAsync($"""
                WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < {members})
                INSERT INTO members (user_id, display_name, joined_at, consented_at, reachable)
                SELECT {FirstUserId} + i, 'Mitglied ' || i, {created}, {created}, 1 FROM n
                """, ct);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO memberships (user_id, chapter_id, role, since)
                SELECT user_id, {root.Id}, {(int)Role.Member}, {created} FROM members WHERE user_id >= {FirstUserId}
                """, ct);
            seedMembers = clock.Elapsed;
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO rsvps (event_id, user_id, answer, guests, ticket, answered_at)
                SELECT e.id, m.user_id, {(int)Answer.Yes}, 0, m.user_id - {FirstUserId} + 1, {answeredAt}
                FROM events e CROSS JOIN members m
                WHERE m.user_id >= {FirstUserId}
                ORDER BY e.id, m.user_id
                """, ct);
            await tx.CommitAsync(ct);
            return 0;
        });
        var seedAnswers = clock.Elapsed - seedMembers;

        clock.Restart();
        await bot.Db(db => db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", ct));
        var checkpoint = clock.Elapsed;

        // The raw rows read back through EF, so their timestamps compare as the sweep compares them.
        var seeded = await bot.Db(db => db.Rsvps.CountAsync(r => r.AnsweredAt == answeredAt && r.Answer == Answer.Yes, ct));
        if (seeded != events * members)
        {
            throw new InvalidOperationException($"Seeded {seeded} answers, not {events * members}.");
        }

        var file = await bot.Db(db => Task.FromResult(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource));
        return (ids, seedMembers, seedAnswers, checkpoint, new FileInfo(file).Length);
    }

    /// <summary>Event <paramref name="i"/>'s start: spread evenly from 4 hours to 7 days ahead, none so that a lead
    /// time (24 h, 2 h) falls due at a measured minute (the last one at most an hour after the first sweep): the 2 h
    /// reminders all come after them, and a start between 23 h and 26 h ahead moves 3 hours later. (Before 23 h the
    /// 24 h reminder was already past when the members answered, an hour before the first sweep, so it is skipped,
    /// not caught up.)</summary>
    private static DateTime StartOf(int i, int events, DateTime t0)
    {
        var first = TimeSpan.FromHours(4);
        var startsIn = first + ((TimeSpan.FromDays(7) - first) * i / events);
        return t0 + (startsIn >= TimeSpan.FromHours(23) && startsIn < TimeSpan.FromHours(26) ? startsIn + TimeSpan.FromHours(3) : startsIn);
    }

    /// <summary>Samples the managed heap's size on a thread of its own; <see cref="Stop"/> returns the most seen above
    /// the size at the start.</summary>
    private sealed class HeapSampler : IDisposable
    {
        private readonly long baseline = GC.GetTotalMemory(forceFullCollection: false);
        private readonly Thread thread;
        private volatile bool stopped;
        private long peak;

        private HeapSampler()
        {
            peak = baseline;
            thread = new Thread(() =>
            {
                while (!stopped)
                {
                    peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
                    Thread.Sleep(5);
                }
            })
            { IsBackground = true, Name = "heap sampler" };
        }

        public static HeapSampler Start()
        {
            var sampler = new HeapSampler();
            sampler.thread.Start();
            return sampler;
        }

        public long Stop()
        {
            if (!stopped)
            {
                stopped = true;
                thread.Join();
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
            }

            return peak - baseline;
        }

        public void Dispose() => Stop();
    }
}
