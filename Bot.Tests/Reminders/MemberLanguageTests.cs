using System.Text.Json.Nodes;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Reminders;

/// <summary>Issue 15, point 11: the language a member's Telegram app reports is not their choice. They read what they
/// chose in /settings; until they choose, what their app reports now (German or English); else Bot:DefaultLanguage.</summary>
public class MemberLanguageTests
{
    /// <summary>The server the tests run on in <see cref="MemberLanguageTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private const long Anna = 5301;

    [Fact]
    public async Task MemberWhoseAppSwitchesToEnglish_ReadsEnglish_AndMyDataSaysItFollowsTheApp()
    {
        await using var bot = await TestBot.Start(TestBot.Unpaced(), postgres: Postgres);
        await JoinedWithAGermanApp(bot);

        var help = await bot.Ask(Anna, "/help", "en");
        var summary = await bot.Ask(Anna, "/mydata", "en");

        Assert.Contains("What you can do here", help.Text);
        Assert.Contains("Language: English, as your Telegram app reports it (you can choose one in /settings)", summary.Text);
        Assert.Equal("en", await StoredLanguage(bot));
    }

    [Fact]
    public async Task MemberWhoChoseGerman_KeepsReadingGerman_WhenTheirAppReportsEnglish()
    {
        await using var bot = await TestBot.Start(TestBot.Unpaced(), postgres: Postgres);
        await JoinedWithAGermanApp(bot);
        var settings = await bot.Ask(Anna, "/settings", "en");
        await bot.PressButton(Anna, settings, "Deutsch");

        var help = await bot.Ask(Anna, "/help", "en");
        var summary = await bot.Ask(Anna, "/mydata", "en");
        var file = await bot.Api.WaitForMessage(Anna, m => m.Document is not null && m.MessageId > summary.MessageId);

        Assert.Contains("Was du hier tun kannst", help.Text);
        Assert.Contains("Sprache: Deutsch, von dir in /settings gewählt", summary.Text);
        var member = JsonNode.Parse(file.Document!.Content)!["chapters"]!["member"]!;
        Assert.Equal(("de", true), ((string?)member["language"], (bool)member["language_chosen"]!));
    }

    [Fact]
    public async Task MemberWhoseAppNowReportsALanguageTheBotDoesNotSpeak_ReadsTheConfiguredDefault()
    {
        await using var bot = await TestBot.Start(new Dictionary<string, string?>(TestBot.Unpaced()) { ["Bot:DefaultLanguage"] = "en" }, postgres: Postgres);
        await JoinedWithAGermanApp(bot);

        var help = await bot.Ask(Anna, "/help", "fr");
        var summary = await bot.Ask(Anna, "/mydata", "fr");

        Assert.Contains("What you can do here", help.Text);
        Assert.Contains("Language: English, the bot's default, as your Telegram app reports none I speak", summary.Text);
    }

    /// <summary>Anna became a member while her app reported German, which was stored then.</summary>
    private static async Task JoinedWithAGermanApp(TestBot bot)
    {
        await bot.AddMember(Anna, "Anna Amsel");
        await bot.Db(async db =>
        {
            (await db.Members.SingleAsync(m => m.UserId == Anna)).Language = "de";
            return await db.SaveChangesAsync();
        });
    }

    private static Task<string?> StoredLanguage(TestBot bot) =>
        bot.Db(db => db.Members.Where(m => m.UserId == Anna).Select(m => m.Language).SingleAsync());
}

[Collection(PostgreSqlServer.Collection)]
public sealed class MemberLanguageTestsOnPostgreSql(PostgreSqlServer postgres) : MemberLanguageTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
