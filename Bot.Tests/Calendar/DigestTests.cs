using Bot.Domain.Calendar;
using Bot.Domain.Chapters;
using Bot.Jobs;
using Bot.Persistence;
using Bot.Telegram.Outbox;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Calendar;

/// <summary>The monthly digest pushed to subscribers: once per member and month, across a crash in the middle of
/// the fan-out, and not in anyone's quiet hours.</summary>
public class DigestTests
{
    /// <summary>The server the tests run on in <see cref="DigestTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private const long Olga = 3401;
    private static readonly long[] Members = [3402, 3403, 3404];

    private static readonly DateTimeOffset Friday = new(2026, 11, 20, 13, 0, 0, TimeSpan.Zero);

    /// <summary>1 December 2026, 09:00 in Berlin: the monthly digest's default time.</summary>
    private static readonly DateTime FirstOfDecember = new(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task MonthlyDigest_ACrashInTheMiddleOfTheFanOut_EveryMemberStillGetsItExactlyOnce()
    {
        var crash = new CrashOnce();
        await using var bot = await Started(crash);

        await Assert.ThrowsAsync<IOException>(() => Send(bot, FirstOfDecember));
        await bot.Restart();
        await Send(bot, FirstOfDecember);
        await Send(bot, FirstOfDecember.AddHours(1));

        foreach (var member in Members.Append(Olga))
        {
            await bot.Api.WaitForMessage(member, m => m.Text.StartsWith("🗓 Das steht im Dezember 2026 an", StringComparison.Ordinal));
        }

        Assert.All(Members.Append(Olga), member => Assert.Single(bot.Api.SentMessages(member), m => m.Text.StartsWith("🗓 Das steht im", StringComparison.Ordinal)));
        Assert.Contains("Di 08.12. 19:00 Stammtisch", bot.Api.SentMessages(Members[0]).Last().Text);
        Assert.Equal(4, await bot.Db(db => db.DigestsSent.CountAsync()));
    }

    [Fact]
    public async Task MonthlyDigest_WaitsForTheEndOfAMembersQuietHours_AndSkipsThoseWhoUnsubscribed()
    {
        await using var bot = await Started(new CrashOnce { Crashed = true });
        await bot.Ask(Members[0], "/settings 08:00-10:00");
        await bot.Ask(Members[1], "/unsubscribe digest");

        var first = await Send(bot, FirstOfDecember);
        var later = await Send(bot, FirstOfDecember.AddHours(2));

        Assert.Equal((2, 1), (first, later)); // Olga and the third member at 09:00, the first member at 11:00
        await bot.Api.WaitForMessage(Members[0], m => m.Text.StartsWith("🗓 Das steht im", StringComparison.Ordinal));
        Assert.DoesNotContain(bot.Api.SentMessages(Members[1]), m => m.Text.StartsWith("🗓", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DigestKind.Year, "2026-12-01", "2027-01-01", "2027-12-31")]
    [InlineData(DigestKind.Year, "2027-01-02", "2027-01-01", "2027-12-31")]
    [InlineData(DigestKind.Month, "2028-02-01", "2028-02-01", "2028-02-29")]
    [InlineData(DigestKind.Week, "2026-12-03", "2026-11-30", "2026-12-06")]
    [InlineData(DigestKind.Week, "2026-11-30", "2026-11-30", "2026-12-06")]
    public void Period_IsTheComingYear_TheMonth_OrTheWeekFromMonday(DigestKind kind, string fired, string from, string to) =>
        Assert.Equal((DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)),
            DigestService.Period(kind, DateOnly.Parse(fired, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void DefaultSchedule_FiresAtTheConfiguredTimes_AndHourlyForTwelveHoursAfter()
    {
        var crons = new DigestOptions().Crons()!;

        Assert.Equal("0 0 10-22 1 12 ?", crons[DigestKind.Year]);
        Assert.Equal("0 0 9-21 1 * ?", crons[DigestKind.Month]);
        Assert.Equal("0 0 8-20 ? * MON", crons[DigestKind.Week]);
    }

    [Theory]
    [InlineData("13-01 10:00", "1 09:00", "Monday 08:00")]
    [InlineData("02-30 10:00", "1 09:00", "Monday 08:00")]
    [InlineData("12-01 10:00", "31 09:00", "Monday 08:00")]
    [InlineData("12-01 10:00", "1 9 Uhr", "Monday 08:00")]
    [InlineData("12-01 10:00", "1 09:00", "Someday 08:00")]
    public void UnreadableSchedule_IsRefused(string year, string month, string week) =>
        Assert.Null(new DigestOptions { Year = year, Month = month, Week = week }.Crons());

    private static async Task<int> Send(TestBot bot, DateTime fireUtc)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DigestService>().Send(DigestKind.Month, fireUtc, default);
    }

    private async Task<TestBot> Started(CrashOnce crash)
    {
        var settings = TestBot.Unpaced();
        settings["Bot:ReminderBatchSize"] = "1";
        var bot = await TestBot.Start(settings, services: s =>
        {
            s.AddSingleton(crash);
            s.Replace<IDigestStore, CrashingDigestStore>();
        }, clock: new FakeTimeProvider(Friday), postgres: Postgres);
        await bot.AddMember(Olga, "Olga Organisatorin", role: Role.Organizer);
        await bot.NewEvent(Olga, "Stammtisch | Di 8.12. 19:00 | Krone");
        foreach (var member in Members)
        {
            await bot.AddMember(member, $"Mitglied {member}");
            await bot.Ask(member, "/help");
        }

        return bot;
    }

    /// <summary>The power fails once, after the first batch of the fan-out committed.</summary>
    public sealed class CrashOnce
    {
        public int Batches { get; set; }

        public bool Crashed { get; set; }
    }

    private sealed class CrashingDigestStore(BotDbContext db, OutboxSignal signal, WriterTurn turn, CrashOnce crash) : IDigestStore
    {
        private readonly DigestStore inner = new(db, signal, turn);

        public Task<IReadOnlySet<long>> Sent(DigestKind kind, DateOnly period, CancellationToken ct) => inner.Sent(kind, period, ct);

        public Task Record(IReadOnlyList<DigestRecord> records, CancellationToken ct)
        {
            if (!crash.Crashed && ++crash.Batches == 2)
            {
                crash.Crashed = true;
                throw new IOException("The power failed.");
            }

            return inner.Record(records, ct);
        }
    }
}

[Collection(PostgreSqlServer.Collection)]
public sealed class DigestTestsOnPostgreSql(PostgreSqlServer postgres) : DigestTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
