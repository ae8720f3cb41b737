using Bot.Domain.Chapters;
using Bot.Domain.Events;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Support;

/// <summary>Test data for the chapter world, written straight into the bot's database: chapters under the root
/// and members with a role, as if they had joined through an invite.</summary>
public static class ChapterBuilder
{
    public static Task<Chapter> Root(this TestBot bot) =>
        bot.Db(db => db.Chapters.SingleAsync(c => c.ParentId == null));

    public static Task<Chapter> AddChapter(this TestBot bot, string name, string? parent = null) =>
        bot.Db(async db =>
        {
            var parentId = parent is null
                ? (await db.Chapters.SingleAsync(c => c.ParentId == null)).Id
                : (await db.Chapters.SingleAsync(c => c.Name == parent)).Id;
            var chapter = new Chapter { Name = name, ParentId = parentId, CreatedAt = bot.Clock.GetUtcNow().UtcDateTime };
            db.Chapters.Add(chapter);
            await db.SaveChangesAsync();
            return chapter;
        });

    /// <summary>A consented member with <paramref name="role"/> in <paramref name="chapter"/> (the root when null).</summary>
    public static Task<Member> AddMember(this TestBot bot, long userId, string name, string? chapter = null, Role role = Role.Member, string? username = null) =>
        bot.Db(async db =>
        {
            var chapterId = chapter is null
                ? (await db.Chapters.SingleAsync(c => c.ParentId == null)).Id
                : (await db.Chapters.SingleAsync(c => c.Name == chapter)).Id;
            var now = bot.Clock.GetUtcNow().UtcDateTime;
            var member = await db.Members.FindAsync(userId);
            if (member is null)
            {
                member = new Member { UserId = userId, DisplayName = name, Username = username, JoinedAt = now, ConsentedAt = now };
                db.Members.Add(member);
            }

            db.Memberships.Add(new Membership { UserId = userId, ChapterId = chapterId, Role = role, Since = now });
            await db.SaveChangesAsync();
            return member;
        });

    /// <summary>An event as an organizer would have posted it, starting <paramref name="startsIn"/> from now.</summary>
    public static Task<Event> AddEvent(this TestBot bot, string title, TimeSpan startsIn, string? chapter = null, int? capacity = null, int maxGuests = 0, TimeSpan? deadlineIn = null, TimeProvider? clock = null) =>
        bot.Db(async db =>
        {
            var now = (clock ?? bot.Clock).GetUtcNow().UtcDateTime;
            var chapterId = chapter is null
                ? (await db.Chapters.SingleAsync(c => c.ParentId == null)).Id
                : (await db.Chapters.SingleAsync(c => c.Name == chapter)).Id;
            var created = new Event
            {
                ChapterId = chapterId,
                Title = title,
                Place = "Gasthaus Krone",
                StartsAt = now + startsIn,
                DeadlineAt = deadlineIn is { } d ? now + d : null,
                Capacity = capacity,
                MaxGuests = maxGuests,
                CreatedAt = now,
            };
            db.Events.Add(created);
            await db.SaveChangesAsync();
            return created;
        });
}
