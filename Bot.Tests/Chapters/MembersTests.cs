using Bot.Commands.Callbacks;
using Bot.Commands.Chapters;
using Bot.Domain.Chapters;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Telegram.Bot.Types;

namespace Bot.Tests.Chapters;

/// <summary>/members: names for organizers and admins, and for nobody else.</summary>
public class MembersTests
{
    /// <summary>The server the tests run on in <see cref="MembersTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private const long Olga = 3101;
    private const long Max = 3102;
    private const long Stranger = 3103;
    private const long Nina = 3104;
    private const long Group = -4101;

    [Fact]
    public async Task Organizer_SeesNamesUsernamesAndRoles_ByChapter()
    {
        await using var bot = await Started();

        var list = await bot.Ask(Olga, "/members", "en");

        Assert.Equal(
            """
            Members of Kreisverband Süd

            Kreisverband Süd (2)
            • Olga Ostermann – organizer
            • Max Mustermann (@max) – member

            Ortsverband Nord (1)
            • Nina Nowak – member
            """,
            list.Text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Member_GetsNoNames_EvenNamingTheirOwnChapter()
    {
        await using var bot = await Started();

        var plain = await bot.Ask(Max, "/members", "en");
        var named = await bot.Ask(Max, "/members Kreisverband Süd", "en");

        Assert.StartsWith("Sorry, /members is for organizers. If you would like to organize, ask an admin of ", plain.Text);
        Assert.Equal(plain.Text, named.Text);
        Assert.DoesNotContain(bot.Api.SentMessages(Max), m => m.Text.Contains("Ostermann") || m.Text.Contains("Nowak"));
    }

    [Fact]
    public async Task Stranger_GetsNoNames()
    {
        await using var bot = await Started();

        var reply = await bot.Ask(Stranger, "/members Kreisverband Süd", "en");

        Assert.Equal("Sorry, /members is for members. To join your chapter, open the invite link it sent you.", reply.Text);
        Assert.DoesNotContain(bot.Api.SentMessages(Stranger), m => m.Text.Contains("Mustermann"));
    }

    [Fact]
    public async Task OrganizerOfASubChapter_DoesNotSeeTheNamesAbove()
    {
        await using var bot = await Started();
        await bot.Db(async db =>
        {
            (await db.Memberships.SingleAsync(m => m.UserId == Nina)).Role = Role.Organizer;
            return await db.SaveChangesAsync();
        });

        var above = await bot.Ask(Nina, "/members Kreisverband Süd", "en");
        var own = await bot.Ask(Nina, "/members", "en");

        Assert.Equal("Only organizers and admins of Kreisverband Süd can see who belongs to it.", above.Text);
        Assert.Contains("Ortsverband Nord (1)", own.Text);
        Assert.DoesNotContain(bot.Api.SentMessages(Nina), m => m.Text.Contains("Mustermann") || m.Text.Contains("Ostermann"));
    }

    [Fact]
    public async Task UnknownOrHiddenChapter_IsAnsweredAlike()
    {
        await using var bot = await Started();
        await bot.AddChapter("Kreisverband West");

        var unknown = await bot.Ask(Olga, "/members Atlantis", "en");
        var hidden = await bot.Ask(Olga, "/members Kreisverband West", "en");

        Assert.Equal("I don't know a chapter called Atlantis. Choose one of these, or send /members with the chapter's name.", unknown.Text);
        Assert.Equal("I don't know a chapter called Kreisverband West. Choose one of these, or send /members with the chapter's name.", hidden.Text);
    }

    [Fact]
    public async Task InALinkedGroup_TheListGoesToThePrivateChat_AndTheGroupSeesNoNames()
    {
        await using var bot = await Started();
        await bot.LinkGroup("Kreisverband Süd", Group);

        var notice = await bot.AskInGroup(Olga, Group, "/members");
        var list = await bot.Api.WaitForMessage(Olga);

        Assert.StartsWith("I have sent you the answer to /members in our private chat", notice.Text);
        Assert.Contains("Max Mustermann", list.Text);
        Assert.DoesNotContain(bot.Api.SentMessages(Group), m => m.Text.Contains("Mustermann"));
    }

    [Fact]
    public async Task UnreachableMembers_AreMarked()
    {
        await using var bot = await Started();
        await bot.Db(async db =>
        {
            (await db.Members.SingleAsync(m => m.UserId == Max)).Reachable = false;
            return await db.SaveChangesAsync();
        });

        var list = await bot.Ask(Olga, "/members", "en");

        Assert.Contains("• Max Mustermann (@max) – member 📵", list.Text);
        Assert.EndsWith("📵 I cannot reach them: they blocked me or deleted their account.", list.Text);
    }

    [Fact]
    public async Task OrganizerOfSeveralChapters_ChoosesOneWithAButton()
    {
        await using var bot = await Started();
        await bot.AddChapter("Kreisverband West");
        await bot.AddPerson(Olga, "Olga Ostermann", "Kreisverband West", Role.Organizer);

        var question = await bot.Ask(Olga, "/members", "en");
        var list = await bot.PressForReply(Olga, question, "Ortsverband Nord");

        Assert.Equal("Whose members would you like to see? Choose a chapter:", question.Text);
        Assert.Equal(["Kreisverband Süd", "Ortsverband Nord", "Kreisverband West"], question.Buttons.Select(b => b.Text));
        Assert.StartsWith("Members of Ortsverband Nord", list.Text);
        Assert.DoesNotContain("Mustermann", list.Text);
    }

    [Fact]
    public async Task ForgedChapterButton_ShowsNoNames()
    {
        await using var bot = await Started();
        await bot.AddChapter("Kreisverband West");
        await bot.AddMember(Stranger + 10, "Wilma Westphal", "Kreisverband West");
        var west = await bot.Db(db => db.Chapters.SingleAsync(c => c.Name == "Kreisverband West"));
        var root = await bot.Root();
        var question = await bot.Ask(Olga, "/members Atlantis", "en");

        var hidden = bot.Api.UserPresses(Olga, Olga, question.MessageId, CallbackCodec.Encode(CallbackData.Of(MembersChoice.RouteKey, west.Id)));
        var above = bot.Api.UserPresses(Olga, Olga, question.MessageId, CallbackCodec.Encode(CallbackData.Of(MembersChoice.RouteKey, root.Id)));
        await bot.Api.WaitFor(() => bot.Api.AnswerTo(hidden.CallbackQuery!.Id) is not null && bot.Api.AnswerTo(above.CallbackQuery!.Id) is not null);
        await bot.Api.WaitFor(() => bot.Api.SentMessages(Olga).Count == 2, what: "the refusal for the chapter above");

        Assert.Equal("This button is no longer valid.", bot.Api.AnswerTo(hidden.CallbackQuery!.Id)!.Text);
        Assert.Equal("Only organizers and admins of Landesverband can see who belongs to it.", bot.Api.SentMessages(Olga)[1].Text);
        Assert.DoesNotContain(bot.Api.SentMessages(Olga), m => m.Text.Contains("Westphal"));
    }

    [Theory]
    [InlineData("👍")]
    [InlineData("🇩🇪")]
    [InlineData("👨‍👩‍👧")]
    [InlineData("👍🏽")]
    public async Task TelegramNameLongerThanTheLimit_IsKeptUpToTheLastWholeSymbol(string symbol)
    {
        await using var bot = await Started();
        // The symbol straddles the 128th UTF-16 unit, where the name is cut. Cut there, half an emoji was left, which
        // PostgreSQL refused to store: Max got an apology and the list kept his old name. SQLite stored it, and the
        // list showed a broken character, or half a flag or family.
        var letters = new string('x', Member.MaxNameLength - "Max ".Length - (symbol.Length / 2));
        bot.Api.AddUser(new User { Id = Max, IsBot = false, FirstName = "Max", LastName = letters + symbol + " Mustermann", Username = "max", LanguageCode = "en" });

        var help = await bot.Ask(Max, "/help", "en");
        var list = await bot.Ask(Olga, "/members", "en");

        Assert.DoesNotContain("Sorry, something went wrong", help.Text);
        Assert.Contains("\n• Max " + letters + " (@max) – member\n", list.Text.ReplaceLineEndings("\n"));
    }

    /// <summary>Olga organizes Kreisverband Süd, where Max is a member; Nina belongs to Ortsverband Nord below it.</summary>
    private async Task<TestBot> Started()
    {
        var bot = await TestBot.Start(postgres: Postgres);
        await bot.AddChapter("Kreisverband Süd");
        await bot.AddChapter("Ortsverband Nord", "Kreisverband Süd");
        await bot.AddPerson(Olga, "Olga Ostermann", "Kreisverband Süd", Role.Organizer);
        await bot.AddPerson(Max, "Max Mustermann", "Kreisverband Süd", username: "max");
        await bot.AddPerson(Nina, "Nina Nowak", "Ortsverband Nord");
        return bot;
    }
}

[Collection(PostgreSqlServer.Collection)]
public sealed class MembersTestsOnPostgreSql(PostgreSqlServer postgres) : MembersTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
