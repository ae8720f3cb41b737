using System.Globalization;
using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Bot.Persistence;
using Bot.Telegram.Outbox;
using Bot.Tests.Fakes;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Benchmarks;

/// <summary>What one run measured.</summary>
/// <param name="CpuShare">CPU time this process (bot and fake server together) used from the fan-out to the last
/// send, as a share of one core over that wall time: far below what the work needs means the machine starved it.</param>
internal sealed record RunResult(FanOut FanOut, DispatchReport Dispatch, double CpuShare, TimeSpan CpuPerMessage);

/// <summary>One end-to-end run: the real bot host on a fresh SQLite file against the fake Bot API on loopback,
/// <c>members</c> members who said yes to an event (every private chat open, so every send succeeds), one
/// reminder fan-out, then every reminder sent.</summary>
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
        };
        if (concurrency > 0)
        {
            settings["Telegram:Limits:MaxConcurrency"] = concurrency.ToString(CultureInfo.InvariantCulture);
        }

        // Production logs at Information at most; capturing every debug line in memory would be measured too.
        await using var bot = await TestBot.Start(settings, services => services.Configure<LoggerFilterOptions>(o => o.MinLevel = LogLevel.Warning));
        var eventId = await Seed(bot, members, ct);

        var process = System.Diagnostics.Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var wall = System.Diagnostics.Stopwatch.StartNew();
        var fanOut = await ReminderStep.SendDue(bot.Services, eventId, ct);
        if (fanOut.Reminders != members)
        {
            throw new InvalidOperationException($"The fan-out found {fanOut.Reminders} members due, not {members}.");
        }

        var sends = await WaitForSends(bot.Api, members, timeout, ct);
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var elapsed = wall.Elapsed;
        var created = await bot.Db(db => db.Outbox.AsNoTracking()
            .Where(o => o.Tag == $"reminder:{eventId}")
            .ToDictionaryAsync(o => o.ChatId!.Value, o => o.CreatedAt, ct));
        var notSent = await WaitForRecords(bot, $"reminder:{eventId}", ct);
        var warnings = bot.Logs.Entries.Count(l => l.Level >= LogLevel.Warning);
        return new RunResult(fanOut, DispatchReport.Of(sends, rate, created, notSent, warnings), cpu / elapsed, cpu / members);
    }

    /// <summary>The event, then members, their memberships and their yes answers in one SaveChanges; the fake lets the bot write to each.</summary>
    private static async Task<long> Seed(TestBot bot, int members, CancellationToken ct)
    {
        var root = await bot.Root();
        return await bot.Db(async db =>
        {
            var now = DateTime.UtcNow;
            var reminded = new Event
            {
                ChapterId = root.Id,
                Title = "Infostand & Haustürwahlkampf",
                Place = "Marktplatz <am Brunnen>",
                StartsAt = now.AddDays(1),
                CreatedAt = now,
                NextTicket = members + 1,
            };
            db.Events.Add(reminded);
            await db.SaveChangesAsync(ct);
            for (var i = 0; i < members; i++)
            {
                var userId = FirstUserId + i;
                db.Members.Add(new Member { UserId = userId, DisplayName = $"Mitglied {i}", JoinedAt = now, ConsentedAt = now });
                db.Memberships.Add(new Membership { UserId = userId, ChapterId = root.Id, Role = Role.Member, Since = now });
                db.Rsvps.Add(new Rsvp { EventId = reminded.Id, UserId = userId, Answer = Answer.Yes, Ticket = i + 1, AnsweredAt = now });
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

    /// <summary>Every reminder the fake received, once all <paramref name="members"/> came (or the time ran out).</summary>
    private static async Task<IReadOnlyList<RecordedRequest>> WaitForSends(FakeBotApi api, int members, TimeSpan timeout, CancellationToken ct)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var sends = api.RequestsOf("sendMessage").Where(r => r.ChatId >= FirstUserId).ToList();
            if (sends.Count(r => r.Succeeded) >= members || DateTime.UtcNow > until)
            {
                return sends;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }
    }
}
