using System.Globalization;
using Bot.Domain.Chapters;
using Bot.Domain.Notices;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Notices;

/// <summary>A notice to a whole state association: every member's line of the record is filled in, through the
/// real dispatcher and the fake Bot API at Telegram's paid broadcast rate.</summary>
public class NoticeFanOutTests
{
    /// <summary>The server the tests run on in <see cref="NoticeFanOutTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private const long Olga = 4201;
    private const long FirstMember = 7_000_000;
    private const int Members = 5_000;

    [Fact]
    public async Task NoticeToFiveThousandMembers_LeavesACompleteRecord()
    {
        // The dispatcher paces against the clock it runs on: this test runs on the real one, and takes its dates from it.
        var settings = TestBot.Unpaced();
        settings["Telegram:Limits:PaidBroadcast"] = "true";
        settings["Telegram:Limits:PaidBroadcastPerSecond"] = "1000";
        await using var bot = await TestBot.Start(settings, postgres: Postgres);
        await bot.AddMember(Olga, "Olga Organisatorin", role: Role.Organizer);
        await Seed(bot);
        var meetingDay = DateOnly.FromDateTime(bot.Clock.GetUtcNow().UtcDateTime).AddDays(40);

        bot.Api.UserSends(Olga, Olga, $"/notice Landesparteitag | {meetingDay.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)} 10:00 | Messehalle | Wahlen");
        var reply = await bot.Api.WaitForMessage(Olga, m => m.Text.StartsWith("📨", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        // Olga, the 5,000 and the configured admin, who never started the bot.
        await NoticeJourneyTests.RecordSettled(bot, Members + 2, TimeSpan.FromSeconds(90));

        Assert.Contains("geht an 5002 Mitglieder", reply.Text);
        var record = await bot.Db(db => db.NoticeDeliveries.AsNoTracking().ToListAsync());
        var handed = record.Where(d => d.HandedAt is not null).ToList();
        Assert.Equal(Members + 1, handed.Count);
        Assert.Equal(Members + 1, handed.Select(d => (d.UserId, d.MessageId)).Distinct().Count(d => d.MessageId is not null));
        Assert.Equal(NotReached.NeverStarted, Assert.Single(record, d => d.UserId == TestBot.AdminId).NotReached);
        Assert.Equal(Members + 1, bot.Api.RequestsOf("sendMessage").Count(r => r.Succeeded && r.Text is { } t && t.StartsWith("📜", StringComparison.Ordinal)));
    }

    private static Task Seed(TestBot bot) =>
        bot.Db(async db =>
        {
            var root = await db.Chapters.SingleAsync(c => c.ParentId == null);
            var now = bot.Clock.GetUtcNow().UtcDateTime;
            for (var i = 0; i < Members; i++)
            {
                var id = FirstMember + i;
                db.Members.Add(new Member { UserId = id, DisplayName = $"Mitglied {i}", JoinedAt = now, ConsentedAt = now });
                db.Memberships.Add(new Membership { UserId = id, ChapterId = root.Id, Role = Role.Member, Since = now });
                bot.Api.OpenPrivateChat(id);
            }

            return await db.SaveChangesAsync();
        });
}

[Collection(PostgreSqlServer.Collection)]
public sealed class NoticeFanOutTestsOnPostgreSql(PostgreSqlServer postgres) : NoticeFanOutTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
