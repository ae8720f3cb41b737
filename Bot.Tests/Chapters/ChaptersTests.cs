using Bot.Domain.Chapters;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Chapters;

/// <summary>/chapters: the tree as admins see it, and new sub-chapters.</summary>
public class ChaptersTests
{
    /// <summary>The server the tests run on in <see cref="ChaptersTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private const long Admin = TestBot.AdminId;
    private const long Dora = 3201;

    [Fact]
    public async Task Tree_IsIndentedByDepth_WithMemberCountsAndLinkedGroups()
    {
        await using var bot = await Started();
        await bot.AddChapter("Ortsverband Nord", "Kreisverband Süd");
        await bot.AddMember(3202, "Anna", "Kreisverband Süd");
        await bot.AddMember(3203, "Berta", "Kreisverband Süd");
        await bot.AddMember(3204, "Clara", "Ortsverband Nord");
        await bot.LinkGroup("Ortsverband Nord", -4201);

        var tree = await bot.Ask(Admin, "/chapters", "en");

        Assert.StartsWith(
            """
            Chapters

            Landesverband · 👤 1
            ├ Kreisverband Nord · 👤 0
            └ Kreisverband Süd · 👤 2
                └ Ortsverband Nord · 👤 1 · 💬

            👤 members directly in the chapter · 💬 linked group chat
            """,
            tree.Text.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("Anna", tree.Text);
    }

    [Fact]
    public async Task Tree_ForTheAdminOfADistrict_ShowsOnlyWhatTheyCanSee()
    {
        await using var bot = await Started();
        await bot.AddPerson(Dora, "Dora Dietz", "Kreisverband Süd", Role.Admin);

        var tree = await bot.Ask(Dora, "/chapters", "en");

        Assert.Contains("Landesverband", tree.Text);
        Assert.Contains("Kreisverband Süd", tree.Text);
        Assert.DoesNotContain("Kreisverband Nord", tree.Text);
    }

    [Fact]
    public async Task Add_WithANameOfSeveralWords_TakesTheParentFromTheEnd()
    {
        await using var bot = await Started();

        var reply = await bot.Ask(Admin, "/chapters add Ortsverband Nord Kreisverband Süd", "en");

        Assert.Equal("✅ Ortsverband Nord is now a sub-chapter of Kreisverband Süd. Invite its members with /invite; /chapters shows the tree.", reply.Text);
        Assert.Equal("Kreisverband Süd", await ParentOf(bot, "Ortsverband Nord"));
    }

    [Fact]
    public async Task Add_WithABar_TakesTheNameLeftAndTheParentRightOfIt()
    {
        await using var bot = await Started();

        await bot.Ask(Admin, "/chapters add Jugend Kreisverband Süd | Kreisverband Nord", "en");
        await bot.Ask(Admin, "/chapters add Freunde im Landesverband |", "en");

        Assert.Equal("Kreisverband Nord", await ParentOf(bot, "Jugend Kreisverband Süd"));
        Assert.Equal("Landesverband", await ParentOf(bot, "Freunde im Landesverband"));
    }

    [Fact]
    public async Task Add_WithoutAParent_GoesUnderTheRoot()
    {
        await using var bot = await Started();

        var reply = await bot.Ask(Admin, "/chapters add Kreisverband West", "en");

        Assert.StartsWith("✅ Kreisverband West is now a sub-chapter of Landesverband.", reply.Text);
        Assert.Equal("Landesverband", await ParentOf(bot, "Kreisverband West"));
    }

    [Fact]
    public async Task Add_ByTheAdminOfADistrict_GoesUnderTheirDistrict_AndNotAbove()
    {
        await using var bot = await Started();
        await bot.AddPerson(Dora, "Dora Dietz", "Kreisverband Süd", Role.Admin);

        var above = await bot.Ask(Dora, "/chapters add Kreisverband West | Landesverband", "en");
        var below = await bot.Ask(Dora, "/chapters add Ortsverband Ost", "en");

        Assert.Equal("Only admins of Landesverband or a chapter above it can add sub-chapters there. /chapters shows where you can.", above.Text);
        Assert.False(await bot.Db(db => db.Chapters.AnyAsync(c => c.Name == "Kreisverband West")));
        Assert.StartsWith("✅ Ortsverband Ost is now a sub-chapter of Kreisverband Süd.", below.Text);
    }

    [Fact]
    public async Task Add_ATakenName_AsksForAnother_AndKeepsTheParent()
    {
        await using var bot = await Started();

        var taken = await bot.Ask(Admin, "/chapters add kreisverband nord | Kreisverband Süd", "en");
        var added = await bot.Ask(Admin, "Ortsverband Nord", "en");

        Assert.Equal("There is already a chapter called Kreisverband Nord. Please send another name, or /cancel.", taken.Text);
        Assert.StartsWith("✅ Ortsverband Nord is now a sub-chapter of Kreisverband Süd.", added.Text);
    }

    [Fact]
    public async Task Add_AHugeName_IsRefusedBriefly()
    {
        await using var bot = await Started();

        var reply = await bot.Ask(Admin, "/chapters add " + new string('x', 3000), "en");

        Assert.Equal("A chapter's name has 1 to 64 characters on one line. Please send another name, or /cancel.", reply.Text);
        Assert.Equal(3, await bot.Db(db => db.Chapters.CountAsync()));
    }

    [Fact]
    public async Task Add_WithUnknownParent_OffersTheChaptersAsButtons()
    {
        await using var bot = await Started();

        var question = await bot.Ask(Admin, "/chapters add Ortsverband Ost | Atlantis", "en");
        var added = await bot.PressForReply(Admin, question, "Kreisverband Süd");

        Assert.Equal("I don't know a chapter called Atlantis. Choose one of these, or send the name as /chapters shows it.", question.Text);
        Assert.StartsWith("✅ Ortsverband Ost is now a sub-chapter of Kreisverband Süd.", added.Text);
    }

    [Fact]
    public async Task Add_WithoutArguments_AsksForTheNameThenTheParent()
    {
        await using var bot = await Started();

        var name = await bot.Ask(Admin, "/chapters add", "en");
        var parent = await bot.Ask(Admin, "Ortsverband <Ost> & Umgebung", "en");
        var added = await bot.PressForReply(Admin, parent, "Kreisverband Nord");

        Assert.Equal("What should the new chapter be called? Send its name (at most 64 characters), or /cancel.", name.Text);
        Assert.Equal("Under which chapter should Ortsverband <Ost> & Umgebung go? Choose one, or send its name.", parent.Text);
        Assert.Equal(["Landesverband", "Kreisverband Nord", "Kreisverband Süd"], parent.Buttons.Select(b => b.Text));
        Assert.StartsWith("✅ Ortsverband <Ost> & Umgebung is now a sub-chapter of Kreisverband Nord.", added.Text);
    }

    [Fact]
    public async Task UnknownSubcommand_ExplainsTheForms()
    {
        await using var bot = await Started();

        var reply = await bot.Ask(Admin, "/chapters delete Kreisverband Nord", "de");

        Assert.StartsWith("/chapters zeigt den Verbandsbaum.", reply.Text);
        Assert.Equal(3, await bot.Db(db => db.Chapters.CountAsync()));
    }

    private async Task<TestBot> Started()
    {
        var bot = await TestBot.Start(postgres: Postgres);
        await bot.AddChapter("Kreisverband Nord");
        await bot.AddChapter("Kreisverband Süd");
        return bot;
    }

    private static Task<string?> ParentOf(TestBot bot, string chapter) =>
        bot.Db(db => db.Chapters.Where(c => c.Name == chapter)
            .Join(db.Chapters, c => c.ParentId, p => (long?)p.Id, (c, p) => p.Name)
            .SingleOrDefaultAsync());

    [Fact]
    public void ChapterTree_DrawsABranchForEveryChildButTheLast_AndALineBelowAnAncestorWithSiblingsToCome()
    {
        // Landesverband > (Nord > (Kiez A, Kiez B), Süd)
        var branches = Bot.Commands.Chapters.ChaptersCommand.Branches([0, 1, 2, 2, 1]);

        Assert.Equal(["", "├ ", "│   ├ ", "│   └ ", "└ "], branches);
    }
}

[Collection(PostgreSqlServer.Collection)]
public sealed class ChaptersTestsOnPostgreSql(PostgreSqlServer postgres) : ChaptersTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
