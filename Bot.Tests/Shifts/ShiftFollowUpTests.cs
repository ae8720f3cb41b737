using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Bot.Tests.Shifts.ShiftScenario;

namespace Bot.Tests.Shifts;

/// <summary>SPEC.md "Shifts" after the sign-up: the staffing warning 48 hours before, the question for results after
/// the end (once, also across a restart), /report, /results with its CSV, and what stays after /deleteme.</summary>
public class ShiftFollowUpTests
{
    /// <summary>The server the tests run on in <see cref="ShiftFollowUpTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private Task<(TestBot Bot, FakeTimeProvider Clock)> Started() => ShiftScenario.Started(Postgres);

    private const string Erase = "🗑 Yes, erase my data";

    [Fact]
    public async Task Understaffed48HoursBefore_TheOrganizerIsWarnedOnce_AndMembersSubscribedToShiftsAreAskedForHelpOnce()
    {
        var (bot, _) = await Started();
        await using var _bot = bot;
        var (shift, _) = await Post(bot);
        await Press(bot, Alice, await CardFor(bot, Alice), "🙋");
        await bot.Ask(Alice, "/subscribe shifts");
        await bot.Ask(Bob, "/subscribe shifts");
        await bot.Ask(Carol, "/help");

        Assert.Equal(0, await Sweep(bot, shift.StartsAt - TimeSpan.FromHours(48) - TimeSpan.FromMinutes(1)));
        Assert.Equal(1, await Sweep(bot, shift.StartsAt - TimeSpan.FromHours(48)));
        Assert.Equal(0, await Sweep(bot, shift.StartsAt - TimeSpan.FromHours(47)));

        var warning = await bot.Api.WaitForMessage(Olga, m => m.Text.Contains("weniger als die 2 gebrauchten"));
        Assert.Contains("erst 1 eingetragen", warning.Text);
        var help = await bot.Api.WaitForMessage(Bob, m => m.Text.Contains("Hilfe gesucht"));
        Assert.StartsWith("🙋", help.Buttons.Single().Text);
        await Settled(bot);
        Assert.Single(bot.Api.SentMessages(Olga), m => m.Text.Contains("gebrauchten"));
        Assert.Single(bot.Api.SentMessages(Bob), m => m.Text.Contains("Hilfe gesucht"));
        Assert.DoesNotContain(bot.Api.SentMessages(Alice), m => m.Text.Contains("Hilfe gesucht"));
        Assert.DoesNotContain(bot.Api.SentMessages(Carol), m => m.Text.Contains("Hilfe gesucht"));

        await Press(bot, Bob, help, "🙋");
        Assert.Equal(2, await bot.Db(db => db.ShiftSignUps.CountAsync()));
    }

    [Fact]
    public async Task AfterTheEnd_EachParticipantIsAskedOnce_AlsoAfterARestart()
    {
        var (bot, clock) = await Started();
        await using var _bot = bot;
        var (shift, _) = await Post(bot);
        await Press(bot, Alice, await CardFor(bot, Alice), "🙋");
        clock.SetUtcNow(shift.EndsAt);

        Assert.Equal(1, await Sweep(bot, shift.EndsAt));
        var question = await bot.Api.WaitForMessage(Alice, m => m.Text.Contains("Danke für die Haustürgespräche"));
        await bot.Restart();
        Assert.Equal(0, await Sweep(bot, shift.EndsAt + TimeSpan.FromMinutes(1)));
        await Settled(bot);

        Assert.Single(bot.Api.SentMessages(Alice), m => m.Text.Contains("Danke für die Haustürgespräche"));
        Assert.DoesNotContain(bot.Api.SentMessages(Bob), m => m.Text.Contains("Danke für die Haustürgespräche"));

        await Press(bot, Alice, question, "30");
        var conversations = await bot.Api.WaitForMessage(Alice, m => m.Text.Contains("30 Türen"));
        await Press(bot, Alice, conversations, "10");
        await bot.Api.WaitForMessage(Alice, m => m.Text.Contains("Notiert für"));
        var report = await bot.Db(db => db.ShiftReports.SingleAsync());
        Assert.Equal((30, 10), (report.Doors, report.Conversations));
    }

    [Fact]
    public async Task EveryoneSignedUp_IsRemindedADayBefore_Once()
    {
        var (bot, _) = await Started();
        await using var _bot = bot;
        var (shift, _) = await Post(bot);
        await Press(bot, Alice, await CardFor(bot, Alice), "🙋");

        await Sweep(bot, shift.StartsAt - TimeSpan.FromDays(1));
        Assert.Equal(0, await Sweep(bot, shift.StartsAt - TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1)));

        var reminder = await bot.Api.WaitForMessage(Alice, m => m.Text.Contains("Erinnerung"));
        Assert.Contains("Wahlbereich 12", reminder.Text);
        await Settled(bot);
        Assert.Single(bot.Api.SentMessages(Alice), m => m.Text.Contains("Erinnerung"));
        Assert.DoesNotContain(bot.Api.SentMessages(Bob), m => m.Text.Contains("Erinnerung"));
    }

    [Fact]
    public async Task Report_ByHand_ASecondReplacesTheFirst()
    {
        var (bot, clock) = await Started();
        await using var _bot = bot;
        var (shift, _) = await Post(bot);
        await Press(bot, Alice, await CardFor(bot, Alice), "🙋");
        Assert.Contains("keine beendete Schicht", (await bot.Ask(Alice, "/report 40 12")).Text);
        clock.SetUtcNow(shift.EndsAt + TimeSpan.FromHours(1));

        Assert.Contains("Notiert für", (await bot.Ask(Alice, "/report 40 12 viel Zuspruch")).Text);
        Assert.Contains("jetzt 45 Türen, 13 Gespräche", (await bot.Ask(Alice, "/report 45 13")).Text);
        Assert.Contains("kann ich nicht lesen", (await bot.Ask(Alice, "/report viele einige")).Text);
        Assert.Contains("höchstens so viele wie Türen", (await bot.Ask(Alice, "/report 5 6")).Text);

        var report = await bot.Db(db => db.ShiftReports.SingleAsync());
        Assert.Equal((45, 13), (report.Doors, report.Conversations));
    }

    [Fact]
    public async Task Results_GiveOrganizersTotalsPerAreaAndCampaign_AndACsvFile_WithoutNames()
    {
        var (bot, clock) = await Started();
        await using var _bot = bot;
        var (shift, _) = await Post(bot);
        await Press(bot, Alice, await CardFor(bot, Alice), "🙋");
        await Press(bot, Bob, await CardFor(bot, Bob), "🙋");
        clock.SetUtcNow(shift.EndsAt + TimeSpan.FromHours(1));
        await bot.Ask(Alice, "/report 40 12 Hund im Hof");
        await bot.Ask(Bob, "/report 20 3");

        var totals = await bot.Ask(Olga, "/results");
        var file = await bot.Api.WaitForMessage(Olga, m => m.Document is not null);

        Assert.Contains("Wahlbereich 12", totals.Text);
        Assert.Contains("1 Schichten · 2 Personen · 60 Türen · 15 Gespräche · 0,25 je Tür", totals.Text);
        Assert.Contains("Gesprächsoffensive (Kampagne)", totals.Text);
        Assert.Contains("Hund im Hof", totals.Text);
        Assert.Equal("results.csv", file.Document!.FileName);
        Assert.Contains("2026-11-14,10:00,13:00,\"Wahlbereich 12\",\"Gesprächsoffensive\",2,60,15,\"Hund im Hof\"", file.Document.Content);
        var names = await bot.Db(db => db.Members.Where(m => m.UserId == Alice || m.UserId == Bob).Select(m => m.DisplayName).ToListAsync());
        Assert.All(names, name => Assert.DoesNotContain(name, totals.Text + file.Document.Content));
        Assert.Contains("Keine beendete Schicht", (await bot.Ask(Olga, "/results Wahlbereich 99")).Text);
    }

    [Fact]
    public async Task Results_ForAnAreaNameTooLongToExist_QuoteItShortened_NeverWithHalfAnEmoji()
    {
        var (bot, _) = await Started();
        await using var _bot = bot;
        var area = new string('x', 39) + string.Concat(Enumerable.Repeat("🏠", 50));

        var reply = await bot.Ask(Olga, "/results " + area);

        // 40 UTF-16 units of it would end in half of the first 🏠: PostgreSQL refused to store that reply, and Olga got
        // an apology instead.
        Assert.Equal($"Keine beendete Schicht in einem Wahlbereich oder einer Kampagne namens „{new string('x', 39)}…“.", reply.Text);
    }

    [Fact]
    public async Task Results_AreNotForMembers()
    {
        var (bot, clock) = await Started();
        await using var _bot = bot;
        var (shift, _) = await Post(bot);
        await Press(bot, Alice, await CardFor(bot, Alice), "🙋");
        clock.SetUtcNow(shift.EndsAt + TimeSpan.FromHours(1));
        await bot.Ask(Alice, "/report 40 12");

        var reply = await bot.Ask(Alice, "/results");

        Assert.DoesNotContain("Türen", reply.Text);
        Assert.DoesNotContain(bot.Api.SentMessages(Alice), m => m.Document is not null);
    }

    [Fact]
    public async Task DeleteMe_ErasesSignUpsAndNotes_AndLeavesTheCountsAnonymous()
    {
        var (bot, clock) = await Started();
        await using var _bot = bot;
        var (shift, _) = await Post(bot);
        await Press(bot, Alice, await CardFor(bot, Alice), "🙋");
        clock.SetUtcNow(shift.EndsAt + TimeSpan.FromHours(1));
        await bot.Ask(Alice, "/report 40 12 Hund im Hof", "en");
        await bot.Ask(Alice, "/mydata", "en");
        var file = await bot.Api.WaitForMessage(Alice, m => m.Document is not null);
        Assert.Contains("Hund im Hof", file.Document!.Content);
        Assert.Contains("Wahlbereich 12", file.Document.Content);

        var warning = await bot.Ask(Alice, "/deleteme", "en");
        var press = bot.Api.UserPresses(Alice, Alice, warning.MessageId, warning.Button(Erase).CallbackData!);
        await bot.Api.WaitFor(() => bot.Api.AnswerTo(press.CallbackQuery!.Id) is not null, what: "the erasure");
        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Alice, warning.MessageId)?.Edited == true, what: "the warning replaced");

        var report = await bot.Db(db => db.ShiftReports.SingleAsync());
        Assert.Equal(((long?)null, 40, 12, (string?)null), (report.UserId, report.Doors, report.Conversations, report.Note));
        Assert.Equal(0, await bot.Db(db => db.ShiftSignUps.CountAsync()));
        Assert.Contains("1 Schichten · 1 Personen · 40 Türen", (await bot.Ask(Olga, "/results")).Text);
    }
}

[Collection(PostgreSqlServer.Collection)]
public sealed class ShiftFollowUpTestsOnPostgreSql(PostgreSqlServer postgres) : ShiftFollowUpTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
