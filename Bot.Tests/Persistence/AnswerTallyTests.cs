using Bot.Domain.Events;
using Bot.Persistence;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Persistence;

/// <summary>A press counts the other answers in the database instead of reading them all. The card's counts and the
/// waitlist it then shows must be what reading every answer shows: erased members' answers included, the presser's own
/// left out, changes of this unit of work not yet saved counted.</summary>
public class AnswerTallyTests
{
    /// <summary>The server the tests run on in <see cref="AnswerTallyTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private const long Presser = 7201;
    private static readonly DateTime Answered = new(2026, 11, 23, 11, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(null)]
    [InlineData(3)]
    public async Task CountsOnThePressedCard_AreTheCountsOfEveryAnswer_ErasedMembersIncluded(int? capacity)
    {
        await using var bot = await TestBot.Start(postgres: Postgres);
        var eventId = await Seed(bot, capacity);

        var (counted, read) = await TallyAndRead(bot, eventId, _ => Task.CompletedTask);

        AssertSameWaitlist(counted, read);
        Assert.Equal((3, 1, 1), (read.Confirmed + read.Waitlisted, read.Maybe, read.No));
        Assert.Equal(capacity is null ? 0 : 2, read.Waitlisted);
    }

    [Fact]
    public async Task AnswersChangedEarlierInTheSameUnitOfWork_AreCounted_ThoughNotSavedYet()
    {
        await using var bot = await TestBot.Start(postgres: Postgres);
        var eventId = await Seed(bot, capacity: null);

        var (counted, read) = await TallyAndRead(bot, eventId, async store =>
        {
            (await store.AnswerOf(eventId, 7203, CancellationToken.None))!.Answer = Answer.No;
            store.Add(new Rsvp { EventId = eventId, UserId = 7299, Answer = Answer.Yes, Ticket = 9, AnsweredAt = Answered });
        });

        AssertSameWaitlist(counted, read);
        Assert.Equal((4, 0, 2), (read.Confirmed, read.Maybe, read.No));
    }

    /// <summary>The presser said yes with a guest; others: two yes (one of an erased member, with two guests), a maybe
    /// and a no.</summary>
    private static async Task<long> Seed(TestBot bot, int? capacity)
    {
        var root = await bot.Root();
        return await bot.Db(async db =>
        {
            var @event = new Event { ChapterId = root.Id, Title = "Stammtisch", Place = "Krone", StartsAt = Answered.AddDays(7), CreatedAt = Answered, Capacity = capacity, NextTicket = 5 };
            db.Events.Add(@event);
            await db.SaveChangesAsync();
            db.Rsvps.AddRange(
                new Rsvp { EventId = @event.Id, UserId = Presser, Answer = Answer.Yes, Guests = 1, Ticket = 1, AnsweredAt = Answered },
                new Rsvp { EventId = @event.Id, UserId = null, Answer = Answer.Yes, Guests = 2, Ticket = 2, AnsweredAt = Answered },
                new Rsvp { EventId = @event.Id, UserId = 7202, Answer = Answer.Yes, Ticket = 3, AnsweredAt = Answered },
                new Rsvp { EventId = @event.Id, UserId = 7203, Answer = Answer.Maybe, AnsweredAt = Answered },
                new Rsvp { EventId = @event.Id, UserId = 7204, Answer = Answer.No, AnsweredAt = Answered });
            await db.SaveChangesAsync();
            return @event.Id;
        });
    }

    /// <summary>The waitlist from the tally plus the presser's own answer, and the one from reading every answer, in
    /// one unit of work after <paramref name="meanwhile"/>.</summary>
    private static async Task<(Waitlist Counted, Waitlist Read)> TallyAndRead(TestBot bot, long eventId, Func<IEventStore, Task> meanwhile)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IEventStore>();
        var @event = (await store.Event(eventId, CancellationToken.None))!;
        await meanwhile(store);
        var own = await store.AnswerOf(eventId, Presser, CancellationToken.None);
        var tally = await store.TallyOfOthers(eventId, Presser, listYes: @event.Capacity is not null, CancellationToken.None);
        return (Waitlist.Of(@event, tally, own), Waitlist.Of(@event, await store.Rsvps(eventId, CancellationToken.None)));
    }

    private static void AssertSameWaitlist(Waitlist counted, Waitlist read)
    {
        Assert.Equal((read.Taken, read.Confirmed, read.Guests, read.Waitlisted, read.Maybe, read.No),
            (counted.Taken, counted.Confirmed, counted.Guests, counted.Waitlisted, counted.Maybe, counted.No));
        Assert.Equal(read.HasPlace(Presser), counted.HasPlace(Presser));
        Assert.Equal(read.WaitlistPlace(7202), counted.WaitlistPlace(7202));
    }
}

[Collection(PostgreSqlServer.Collection)]
public sealed class AnswerTallyTestsOnPostgreSql(PostgreSqlServer postgres) : AnswerTallyTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
