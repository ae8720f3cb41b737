using System.Text.Json.Nodes;
using Bot.Tests.Support;
using Telegram.Bot.Types;

namespace Bot.Tests.Privacy;

/// <summary>Issue 15, point 9: the /mydata file is readable as it arrives, not only by a JSON parser.</summary>
public class MyDataFileTests
{
    /// <summary>The server the tests run on in <see cref="MyDataFileTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private const long Jurgen = 5401;

    [Fact]
    public async Task MyDataFile_ShowsUmlautsAndEmojiAsTheyAre_InUtf8()
    {
        await using var bot = await TestBot.Start(TestBot.Unpaced(), postgres: Postgres);
        bot.Api.AddUser(new User { Id = Jurgen, FirstName = "Jürgen", LastName = "Grün 🌻" });
        await bot.AddMember(Jurgen, "Jürgen Grün 🌻");

        var summary = await bot.Ask(Jurgen, "/mydata");
        var file = await bot.Api.WaitForMessage(Jurgen, m => m.Document is not null && m.MessageId > summary.MessageId);

        // The fake reads the upload as UTF-8: any other encoding would not give these characters back.
        Assert.Contains("\"display_name\": \"Jürgen Grün 🌻\"", file.Document!.Content);
        Assert.DoesNotContain("\\u", file.Document.Content);
        Assert.Equal("Jürgen Grün 🌻", (string?)JsonNode.Parse(file.Document.Content)!["chapters"]!["member"]!["display_name"]);
    }
}

[Collection(PostgreSqlServer.Collection)]
public sealed class MyDataFileTestsOnPostgreSql(PostgreSqlServer postgres) : MyDataFileTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
