using Bot.Domain.Canvassing;
using Bot.Tests.Fakes;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Shifts;

/// <summary>A chapter on a fixed clock (Monday 2 November 2026, 10:00 in Berlin) with an organizer and three members,
/// and the steps the shift tests share.</summary>
internal static class ShiftScenario
{
    public const long Olga = 7001;
    public const long Alice = 7002;
    public const long Bob = 7003;
    public const long Carol = 7004;

    /// <summary>Saturday 14 November 2026, 10:00–13:00 in Berlin.</summary>
    public const string Line = "/newshift Wahlbereich 12 | 14.11. 10-13 | Marktplatz | slots=2 | min=2 | campaign=Gesprächsoffensive";

    public static readonly DateTimeOffset Monday = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    public static async Task<(TestBot Bot, FakeTimeProvider Clock)> Started(PostgreSqlServer? postgres = null)
    {
        var clock = new FakeTimeProvider(Monday);
        var bot = await TestBot.Start(TestBot.Unpaced(), clock: clock, postgres: postgres);
        await bot.AddMember(Olga, "Olga Organisatorin", role: Domain.Chapters.Role.Organizer);
        await bot.AddMember(Alice, "Alice Amsel");
        await bot.AddMember(Bob, "Bob Buchfink");
        await bot.AddMember(Carol, "Carol Cornelius");
        return (bot, clock);
    }

    /// <summary>The organizer posts <paramref name="line"/>; returns the shift and the organizer's card.</summary>
    public static async Task<(Shift Shift, FakeMessage Card)> Post(TestBot bot, string line = Line)
    {
        var before = bot.Api.SentMessages(Olga).Count;
        var confirmation = await bot.Ask(Olga, line);
        Assert.StartsWith("✅", confirmation.Text);
        await bot.Api.WaitFor(() => bot.Api.SentMessages(Olga).Skip(before).Any(IsCard), what: "the organizer's card");
        var card = bot.Api.SentMessages(Olga).Skip(before).Last(IsCard);
        var shift = await bot.Db(db => db.Shifts.OrderBy(s => s.Id).LastAsync());
        return (shift, card);
    }

    public static bool IsCard(FakeMessage message) => message.Buttons.Any(b => b.Text.StartsWith("🙋", StringComparison.Ordinal));

    /// <summary>The member asks for /shifts and gets the first card.</summary>
    public static async Task<FakeMessage> CardFor(TestBot bot, long userId)
    {
        var before = bot.Api.SentMessages(userId).Count;
        bot.Api.UserSends(userId, userId, "/shifts", "de");
        await bot.Api.WaitFor(() => bot.Api.SentMessages(userId).Skip(before).Any(IsCard), what: "a shift card");
        var card = bot.Api.SentMessages(userId).Skip(before).First(IsCard);
        await Recorded(bot, userId, card.MessageId);
        return card;
    }

    /// <summary>The member presses the button whose label starts with <paramref name="label"/>; returns the answer.</summary>
    public static async Task<CallbackAnswer> Press(TestBot bot, long userId, FakeMessage message, string label)
    {
        await Recorded(bot, userId, message.MessageId);
        var shown = bot.Api.ShownMessage(userId, message.MessageId) ?? message;
        var button = shown.Buttons.First(b => b.Text.StartsWith(label, StringComparison.Ordinal));
        var press = bot.Api.UserPresses(userId, userId, message.MessageId, button.CallbackData!);
        await bot.Api.WaitFor(() => bot.Api.AnswerTo(press.CallbackQuery!.Id) is not null, what: $"the answer to {label}");
        return bot.Api.AnswerTo(press.CallbackQuery!.Id)!;
    }

    /// <summary>Runs the shift sweep as its job would at <paramref name="at"/>.</summary>
    public static async Task<int> Sweep(TestBot bot, DateTime at)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ShiftSweep>().Run(new DateTimeOffset(at, TimeSpan.Zero), CancellationToken.None);
    }

    /// <summary>The bot records a message as sent only after Telegram answered: a press before that finds no copy.</summary>
    public static async Task Recorded(TestBot bot, long chatId, long messageId)
    {
        for (var i = 0; i < 100 && !await bot.Db(db => db.Outbox.AnyAsync(o => o.ChatId == chatId && o.SentMessageId == messageId)); i++)
        {
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until every queued message went out, so a test can assert that nothing more is coming.</summary>
    public static async Task Settled(TestBot bot)
    {
        for (var i = 0; i < 200 && await bot.Db(db => db.Outbox.AnyAsync(o => o.Status == Bot.Telegram.Outbox.OutboxStatus.Pending)); i++)
        {
            await Task.Delay(50);
        }
    }
}
