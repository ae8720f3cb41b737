using System.Text.RegularExpressions;
using Bot.Domain.Chapters;
using Bot.Tests.Fakes;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Events;

/// <summary>Issue 15, point 5: a date without a year is the next one to come, and the examples the bot gives work
/// on the day it gives them. The clock stands at Thursday 3 December 2026, 14:00 in Berlin.</summary>
public partial class DatesAsMeantTests
{
    /// <summary>The server the tests run on in <see cref="DatesAsMeantTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private const long Olga = 3201;
    private static readonly DateTimeOffset Thursday = new(2026, 12, 3, 13, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task OneLineEvent_On23NovemberTypedOn3December_IsNextYearsAndTheReplySaysSo()
    {
        await using var bot = await Started();

        var reply = await bot.NewEvent(Olga, "Stammtisch | 23.11. 19:00 | Gasthaus Krone");

        Assert.Contains("23.11.2027", reply.Text);
        Assert.DoesNotContain("⚠️", reply.Text);
    }

    [Fact]
    public async Task EditDialog_TheExampleItShowsForANewTime_IsAcceptedAsTyped()
    {
        await using var bot = await Started();
        await bot.AddEvent("Stammtisch", TimeSpan.FromDays(3), clock: bot.Clock);
        var card = await bot.Ask(Olga, "/events");
        var what = await Press(bot, card, "✏️ Ändern");
        var question = await Press(bot, what, "📅 Datum und Uhrzeit");
        var example = ExampleIn(question.Source);

        var confirm = await bot.Ask(Olga, example);

        Assert.Contains("Soll ich bei", confirm.Text);
        Assert.DoesNotContain("⚠️", confirm.Text);
    }

    private static string ExampleIn(string html) => Code().Match(html).Groups[1].Value;

    private async Task<TestBot> Started()
    {
        var bot = await TestBot.Start(TestBot.Unpaced(), clock: new FakeTimeProvider(Thursday), postgres: Postgres);
        await bot.AddMember(Olga, "Olga Organisatorin", role: Role.Organizer);
        return bot;
    }

    /// <summary>Presses the labelled button once the message is recorded as sent; returns the bot's next message.</summary>
    private static async Task<FakeMessage> Press(TestBot bot, FakeMessage message, string label)
    {
        await bot.Api.WaitFor(() => bot.Db(db => db.Outbox.AnyAsync(o => o.ChatId == Olga && o.SentMessageId == message.MessageId)).Result, what: "the message recorded as sent");
        var before = bot.Api.SentMessages(Olga).Count;
        var press = bot.Api.UserPresses(Olga, Olga, message.MessageId, message.Button(label).CallbackData!);
        await bot.Api.WaitFor(() => bot.Api.AnswerTo(press.CallbackQuery!.Id) is not null && bot.Api.SentMessages(Olga).Count > before, what: $"the press of '{label}' answered");
        return bot.Api.SentMessages(Olga)[before];
    }

    [GeneratedRegex("<code>([^<]+)</code>")]
    private static partial Regex Code();
}

[Collection(PostgreSqlServer.Collection)]
public sealed class DatesAsMeantTestsOnPostgreSql(PostgreSqlServer postgres) : DatesAsMeantTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
