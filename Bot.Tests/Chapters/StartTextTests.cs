using Bot.Tests.Support;

namespace Bot.Tests.Chapters;

/// <summary>/start as someone who already belongs sees it: no invite link to open, and where to begin.</summary>
public class StartTextTests
{
    /// <summary>The server the tests run on in <see cref="StartTextTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    [Fact]
    public async Task ExistingMember_IsWelcomedBack_NotSentToAnInviteLink()
    {
        await using var bot = await TestBot.Start(postgres: Postgres);
        await bot.AddMember(4801, "Alice Amsel");

        var german = await bot.Ask(4801, "/start");
        var english = await bot.Ask(4801, "/start", "en");

        Assert.StartsWith("👋 Willkommen zurück! Du bist Mitglied in Landesverband.", german.Text);
        Assert.DoesNotContain("Einladungslink", german.Text);
        Assert.StartsWith("👋 Welcome back! You are a member of Landesverband.", english.Text);
        Assert.DoesNotContain("invite link", english.Text);
    }
}

[Collection(PostgreSqlServer.Collection)]
public sealed class StartTextTestsOnPostgreSql(PostgreSqlServer postgres) : StartTextTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
