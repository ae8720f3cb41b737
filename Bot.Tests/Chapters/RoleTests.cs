using Bot.Domain.Chapters;
using Bot.Telegram.Api;
using Bot.Tests.Fakes;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Telegram.Bot.Types;

namespace Bot.Tests.Chapters;

/// <summary>/role as admins use it, and what the person given a role notices.</summary>
public class RoleTests
{
    /// <summary>The server the tests run on in <see cref="RoleTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private const long Admin = TestBot.AdminId;
    private const long Bob = 3001;
    private const long Carol = 3002;
    private const long Dave = 3003;
    private const long Group = -4001;

    [Fact]
    public async Task UnknownPersonTypedInEmoji_IsQuotedBackShortened_NeverWithHalfAnEmoji()
    {
        await using var bot = await Started();
        var thumbs = string.Concat(Enumerable.Repeat("👍", 30));

        var reply = await bot.Ask(Admin, "/role " + thumbs, "en");

        // Cut at 39 UTF-16 units, the last would be half of the twentieth 👍: on PostgreSQL the answer then failed to be
        // stored and the admin got an apology instead.
        Assert.StartsWith("I don't know " + string.Concat(Enumerable.Repeat("👍", 19)) + "…. Send the @username", reply.Text);
    }

    [Fact]
    public async Task Grant_TakesEffectAtOnce_TheOrganizersHelpOffersMembers()
    {
        await using var bot = await Started();
        var before = await bot.Ask(Bob, "/help", "en");

        var reply = await bot.Ask(Admin, "/role @bob organizer", "en");
        var after = await bot.Ask(Bob, "/help", "en");

        Assert.Equal("✅ Bob Baumann (@bob) is now organizer in Kreisverband Süd. I have told them, and their menu shows what they can do now.", reply.Text);
        Assert.DoesNotContain("/members", before.Text);
        Assert.Contains("/members", after.Text);
    }

    [Fact]
    public async Task Grant_ByNumericId_InGerman()
    {
        await using var bot = await Started();

        var reply = await bot.Ask(Admin, $"/role {Bob} Organisator", "de");

        Assert.StartsWith("✅ Bob Baumann (@bob) ist jetzt Organisator:in in Kreisverband Süd.", reply.Text);
    }

    [Fact]
    public async Task Grant_IsKeptInTheAuditLog_WithWhoDidItAndTheRoleBefore()
    {
        await using var bot = await Started();
        var chapter = await bot.Db(db => db.Chapters.SingleAsync(c => c.Name == "Kreisverband Süd"));

        await bot.Ask(Admin, "/role @bob organizer", "en");
        await bot.Ask(Admin, "/role @bob admin", "en");

        var log = await bot.Db(db => db.RoleChanges.Where(r => r.UserId == Bob).OrderBy(r => r.Id).ToListAsync());
        Assert.Collection(
            log,
            first => Assert.Equal((chapter.Id, (long?)Admin, (Role?)Role.Member, Role.Organizer), (first.ChapterId, first.ActorId, first.OldRole, first.NewRole)),
            second => Assert.Equal((chapter.Id, (long?)Admin, (Role?)Role.Organizer, Role.Admin), (second.ChapterId, second.ActorId, second.OldRole, second.NewRole)));
    }

    [Fact]
    public async Task Grant_TellsThePersonWhatTheyCanDoNow_InTheirLanguage()
    {
        await using var bot = await Started();

        await bot.Ask(Admin, "/role @bob organizer", "en");
        var told = await bot.Api.WaitForMessage(Bob);

        Assert.StartsWith("🔔 Your role in Kreisverband Süd is now: organizer.", told.Text);
        Assert.Contains("/members – The members of a chapter and their roles", told.Text);
        Assert.DoesNotContain("/role", told.Text);
    }

    [Fact]
    public async Task Grant_RefreshesThePersonsMenu_WithTheOrganizerCommands()
    {
        await using var bot = await Started();

        await bot.Ask(Admin, "/role @bob organizer", "en");
        await bot.Api.WaitFor(() => bot.Api.CommandsFor(BotCommandScope.Chat(Bob)) is not null, what: "Bob's own menu");

        var menu = bot.Api.CommandsFor(BotCommandScope.Chat(Bob))!;
        Assert.Contains(menu, c => c.Command == "members" && c.Description == "The members of a chapter and their roles");
        Assert.Contains(menu, c => c.Command == "help");
        Assert.DoesNotContain(menu, c => c.Command == "role");
    }

    [Fact]
    public async Task Demotion_TakesTheOrganizerCommandsOutOfTheMenuAgain()
    {
        await using var bot = await Started();
        await bot.Ask(Admin, "/role @bob organizer", "en");

        await bot.Ask(Admin, "/role @bob member", "en");
        await bot.Api.WaitFor(() => bot.Api.CommandsFor(BotCommandScope.Chat(Bob)) is { } menu && !menu.Any(c => c.Command == "members"), what: "the member menu");
        var help = await bot.Ask(Bob, "/help", "en");

        Assert.DoesNotContain("/members", help.Text);
    }

    [Fact]
    public async Task Startup_GivesConfiguredAdminsTheirCommandsInTheirOwnMenu()
    {
        await using var bot = await TestBot.Start(postgres: Postgres);

        await bot.Api.WaitFor(() => bot.Api.CommandsFor(BotCommandScope.Chat(Admin)) is not null, what: "the admin's menu");

        var menu = bot.Api.CommandsFor(BotCommandScope.Chat(Admin))!;
        Assert.Contains(menu, c => c.Command == "role");
        Assert.Contains(menu, c => c.Command == "chapters");
        Assert.Contains(menu, c => c.Command == "members");
    }

    [Fact]
    public async Task Role_HoldsInSubChapters()
    {
        await using var bot = await Started();
        await bot.AddChapter("Ortsverband Nord", "Kreisverband Süd");
        await bot.AddPerson(Carol, "Carola Conrad", "Ortsverband Nord", username: "carol");

        // Dave administers the district: that makes him admin of the neighbourhood chapter below it too.
        await bot.AddPerson(Dave, "Dave Dorn", "Kreisverband Süd", Role.Admin);
        var reply = await bot.Ask(Dave, "/role @carol organizer", "en");

        Assert.StartsWith("✅ Carola Conrad", reply.Text);
        Assert.Contains("in Ortsverband Nord", reply.Text);
        Assert.Equal(Role.Organizer, await bot.Db(db => db.Memberships.Where(m => m.UserId == Carol).Select(m => m.Role).SingleAsync()));
    }

    [Fact]
    public async Task AdminOfASubChapter_CannotGrantRolesInTheParent()
    {
        await using var bot = await Started();
        await bot.AddChapter("Ortsverband Nord", "Kreisverband Süd");
        await bot.AddPerson(Dave, "Dave Dorn", "Ortsverband Nord", Role.Admin);
        await bot.AddPerson(Bob, "Bob Baumann", "Ortsverband Nord", username: "bob");

        var reply = await bot.Ask(Dave, "/role @bob organizer Kreisverband Süd", "en");

        Assert.Equal("Only admins of Kreisverband Süd or a chapter above it can give roles there. /chapters shows where you can.", reply.Text);
        Assert.All(await bot.Db(db => db.Memberships.Where(m => m.UserId == Bob).Select(m => m.Role).ToListAsync()), r => Assert.Equal(Role.Member, r));
        Assert.False(await bot.Db(db => db.RoleChanges.AnyAsync(r => r.ActorId == Dave)));
    }

    [Fact]
    public async Task AdminOfASubChapter_LearnsNothingAboutMembersOutsideIt()
    {
        await using var bot = await Started();
        await bot.AddChapter("Ortsverband Nord", "Kreisverband Süd");
        await bot.AddPerson(Dave, "Dave Dorn", "Ortsverband Nord", Role.Admin);

        var byName = await bot.Ask(Dave, "/role @bob organizer", "en");
        var byId = await bot.Ask(Dave, $"/role {Bob} organizer", "en");
        var nobody = await bot.Ask(Dave, "/role @nobody organizer", "en");

        Assert.StartsWith("I don't know @bob.", byName.Text);
        Assert.StartsWith($"I don't know {Bob}.", byId.Text);
        Assert.Equal(nobody.Text.Replace("@nobody", "@bob", StringComparison.Ordinal), byName.Text);
        Assert.DoesNotContain(bot.Api.SentMessages(Dave), m => m.Text.Contains("Baumann"));
    }

    [Theory]
    [InlineData("/role @nobody organizer", "I don't know @nobody.")]
    [InlineData("/role 99999 admin", "I don't know 99999.")]
    [InlineData("/role bob admin", "I don't know bob.")]
    [InlineData("/role @bob chief", "I don't know the role chief.")]
    [InlineData("/role @bob organizer Atlantis", "I don't know a chapter called Atlantis.")]
    [InlineData("/role @bob organizer <b>Atlantis</b> & co", "I don't know a chapter called <b>Atlantis</b> & co.")]
    [InlineData("/role @bob_the_builder_with_a_name_beyond_32_characters admin", "I don't know @bob_the_builder_with")]
    public async Task Role_WithWrongArguments_SaysWhatIsWrong(string command, string expected)
    {
        await using var bot = await Started();

        var reply = await bot.Ask(Admin, command, "en");

        Assert.StartsWith(expected, reply.Text);
        Assert.Equal(Role.Member, await bot.Db(db => db.Memberships.Where(m => m.UserId == Bob).Select(m => m.Role).SingleAsync()));
    }

    [Fact]
    public async Task Role_WithHugeArguments_AnswersBriefly()
    {
        await using var bot = await Started();

        var user = await bot.Ask(Admin, "/role @" + new string('x', 4000) + " admin", "en");
        var chapter = await bot.Ask(Admin, "/role @bob admin " + string.Join(' ', Enumerable.Repeat("Atlantis", 400)), "en");

        Assert.StartsWith("I don't know @xxxx", user.Text);
        Assert.InRange(user.Text.Length, 1, 300);
        Assert.StartsWith("I don't know a chapter called Atlantis", chapter.Text);
        Assert.InRange(chapter.Text.Length, 1, 300);
    }

    [Fact]
    public async Task Role_ForSomeoneWhoNeverJoined_SaysTheyMustJoinThroughAnInvite()
    {
        await using var bot = await Started();
        // An admin by configuration once (so never asked to agree to the privacy notice), no longer configured.
        await bot.AddMember(Carol, "Carola Conrad", "Kreisverband Süd");
        await bot.Db(db => db.Members.Where(m => m.UserId == Carol).ExecuteUpdateAsync(s => s.SetProperty(m => m.ConsentedAt, (DateTime?)null)));

        var reply = await bot.Ask(Admin, $"/role {Carol} organizer", "en");

        Assert.Equal("Carola Conrad has not joined one of your chapters through an invite yet. Send them an invite link (/invite); once they have joined, you can give them a role.", reply.Text);
        Assert.Equal(Role.Member, await bot.Db(db => db.Memberships.Where(m => m.UserId == Carol).Select(m => m.Role).SingleAsync()));
    }

    [Fact]
    public async Task Role_AsAReplyInALinkedGroup_GivesTheSenderTheRoleInTheGroupsChapter()
    {
        await using var bot = await Started();
        await bot.AddChapter("Ortsverband Nord", "Kreisverband Süd");
        await bot.AddPerson(Bob, "Bob Baumann", "Ortsverband Nord", username: "bob");
        await bot.LinkGroup("Kreisverband Süd", Group);
        var hello = bot.Api.UserSends(Bob, Group, "Hallo, ich würde gern Termine organisieren.");

        var reply = await bot.ReplyInGroup(Admin, Group, hello.Message!, "/role organizer");

        Assert.Equal("✅ Bob Baumann (@bob) is now organizer in Kreisverband Süd. I have told them, and their menu shows what they can do now.", reply.Text);
        var roles = await bot.Db(db => db.Memberships.Where(m => m.UserId == Bob).Join(db.Chapters, m => m.ChapterId, c => c.Id, (m, c) => new { c.Name, m.Role }).ToListAsync());
        Assert.Contains(roles, r => r.Name == "Kreisverband Süd" && r.Role == Role.Organizer);
        Assert.Contains(roles, r => r.Name == "Ortsverband Nord" && r.Role == Role.Member);
    }

    [Fact]
    public async Task Role_AsAReplyToSomeoneWhoNeverJoined_SaysTheyMustJoinFirst()
    {
        await using var bot = await Started();
        await bot.LinkGroup("Kreisverband Süd", Group);
        bot.Api.AddUser(new User { Id = Carol, IsBot = false, FirstName = "Carola", LastName = "Conrad" });
        var hello = bot.Api.UserSends(Carol, Group, "Hallo!");

        var reply = await bot.ReplyInGroup(Admin, Group, hello.Message!, "/role organizer");

        Assert.StartsWith("Carola Conrad has not joined one of your chapters through an invite yet.", reply.Text);
        Assert.False(await bot.Db(db => db.Members.AnyAsync(m => m.UserId == Carol)));
    }

    [Fact]
    public async Task Role_InALinkedGroup_ByANonAdmin_IsRefused()
    {
        await using var bot = await Started();
        await bot.LinkGroup("Kreisverband Süd", Group);

        var reply = await bot.AskInGroup(Bob, Group, "/role @bob admin");

        Assert.Equal("Sorry, /role is for admins of a chapter. Ask an admin of Kreisverband Süd if something needs doing. Type /help to see what you can do.", reply.Text);
        Assert.Equal(Role.Member, await bot.Db(db => db.Memberships.Where(m => m.UserId == Bob).Select(m => m.Role).SingleAsync()));
    }

    [Fact]
    public async Task Role_WithoutArguments_AsksStepByStep_WithButtons()
    {
        await using var bot = await Started();

        var who = await bot.Ask(Admin, "/role", "en");
        var which = await bot.Ask(Admin, "@bob", "en");
        var done = await bot.PressForReply(Admin, which, "organizer");

        Assert.StartsWith("Who should get a role?", who.Text);
        Assert.Equal("Which role should Bob Baumann (@bob) get?", which.Text);
        Assert.Equal(["member", "organizer", "admin"], which.Buttons.Select(b => b.Text));
        Assert.StartsWith("✅ Bob Baumann (@bob) is now organizer in Kreisverband Süd.", done.Text);
    }

    [Fact]
    public async Task Role_WhenTheChapterIsNotClear_AsksWithAButtonPerChapter()
    {
        await using var bot = await Started();
        await bot.AddChapter("Kreisverband Nord");
        await bot.AddPerson(Bob, "Bob Baumann", "Kreisverband Nord", username: "bob");

        var question = await bot.Ask(Admin, "/role @bob organizer", "en");
        var done = await bot.PressForReply(Admin, question, "Kreisverband Nord");

        Assert.Equal("In which chapter should Bob Baumann (@bob) be organizer? Choose one, or send its name.", question.Text);
        Assert.Equal(["Kreisverband Nord", "Kreisverband Süd"], question.Buttons.Select(b => b.Text).Take(2));
        Assert.StartsWith("✅ Bob Baumann (@bob) is now organizer in Kreisverband Nord.", done.Text);
    }

    [Fact]
    public async Task Role_AskedAgainMidDialog_StartsOver()
    {
        await using var bot = await Started();
        await bot.Ask(Admin, "/role @bob", "en");

        var again = await bot.Ask(Admin, "/role", "en");
        var which = await bot.Ask(Admin, "@bob", "en");

        Assert.StartsWith("Who should get a role?", again.Text);
        Assert.Equal("Which role should Bob Baumann (@bob) get?", which.Text);
    }

    [Fact]
    public async Task ForgedChapterButton_OfAChapterAbove_IsRefusedByThePolicy()
    {
        await using var bot = await Started();
        await bot.AddChapter("Ortsverband Nord", "Kreisverband Süd");
        await bot.AddChapter("Ortsverband Ost", "Kreisverband Süd");
        await bot.AddPerson(Dave, "Dave Dorn", "Ortsverband Nord", Role.Admin);
        await bot.AddPerson(Dave, "Dave Dorn", "Ortsverband Ost", Role.Admin);
        await bot.AddPerson(Bob, "Bob Baumann", "Ortsverband Nord", username: "bob");
        await bot.AddPerson(Bob, "Bob Baumann", "Ortsverband Ost", username: "bob");
        var district = await bot.Db(db => db.Chapters.SingleAsync(c => c.Name == "Kreisverband Süd"));
        var question = await bot.Ask(Dave, "/role @bob organizer", "en");

        // Bob belongs to both chapters Dave administers; Dave sends data for the district above them instead.
        var before = bot.Api.SentMessages(Dave).Count;
        bot.Api.UserPresses(Dave, Dave, question.MessageId, $"1.dg~chapter~c{district.Id}");
        await bot.Api.WaitFor(() => bot.Api.SentMessages(Dave).Count > before);

        Assert.Equal(["Ortsverband Nord", "Ortsverband Ost"], question.Buttons.Select(b => b.Text));
        Assert.StartsWith("Only admins of Kreisverband Süd", bot.Api.SentMessages(Dave)[before].Text);
        Assert.All(await bot.Db(db => db.Memberships.Where(m => m.UserId == Bob).Select(m => m.Role).ToListAsync()), r => Assert.Equal(Role.Member, r));
    }

    [Fact]
    public async Task StaleRoleButton_FromAnEarlierQuestion_ChangesNothing()
    {
        await using var bot = await Started();
        var which = await bot.Ask(Admin, "/role @bob", "en");
        await bot.Ask(Admin, "/cancel", "en");

        var press = bot.Api.UserPresses(Admin, Admin, which.MessageId, which.Button("admin").CallbackData!);
        await bot.Api.WaitFor(() => bot.Api.AnswerTo(press.CallbackQuery!.Id) is not null);

        Assert.Equal("This button is no longer valid.", bot.Api.AnswerTo(press.CallbackQuery!.Id)!.Text);
        Assert.Equal(Role.Member, await bot.Db(db => db.Memberships.Where(m => m.UserId == Bob).Select(m => m.Role).SingleAsync()));
    }

    /// <summary>The admin writes in English; Bob is a member of Kreisverband Süd with the username bob.</summary>
    private async Task<TestBot> Started()
    {
        var bot = await TestBot.Start(postgres: Postgres);
        await bot.AddChapter("Kreisverband Süd");
        await bot.AddPerson(Bob, "Bob Baumann", "Kreisverband Süd", username: "bob");
        return bot;
    }
}

/// <summary>People, group chats and buttons, for the chapter tests.</summary>
internal static class ChapterTestSteps
{
    /// <summary>A member as if they had joined through an invite: Telegram knows them by this name (which the bot
    /// keeps current whenever they write), their private chat is open, and they read <paramref name="language"/>.</summary>
    public static async Task<Member> AddPerson(this TestBot bot, long userId, string name, string? chapter = null, Role role = Role.Member,
        string? username = null, string language = "en")
    {
        var parts = name.Split(' ', 2);
        bot.Api.AddUser(new User { Id = userId, IsBot = false, FirstName = parts[0], LastName = parts.Length > 1 ? parts[1] : null, Username = username, LanguageCode = language });
        bot.Api.OpenPrivateChat(userId);
        var member = await bot.AddMember(userId, name, chapter, role, username);
        await bot.Db(db => db.Members.Where(m => m.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(m => m.Language, language)));
        return member;
    }

    public static Task LinkGroup(this TestBot bot, string chapter, long chatId) =>
        bot.Db(async db =>
        {
            (await db.Chapters.SingleAsync(c => c.Name == chapter)).GroupChatId = chatId;
            return await db.SaveChangesAsync();
        });

    /// <summary>The user writes in a group and the test waits for the bot's next message there.</summary>
    public static async Task<FakeMessage> AskInGroup(this TestBot bot, long userId, long groupId, string text, string languageCode = "en")
    {
        var before = bot.Api.SentMessages(groupId).Count;
        bot.Api.UserSends(userId, groupId, text, languageCode);
        await bot.Api.WaitFor(() => bot.Api.SentMessages(groupId).Count > before, what: $"a reply to '{text}' in the group");
        return bot.Api.SentMessages(groupId)[before];
    }

    /// <summary>The user answers <paramref name="repliedTo"/> in a group with <paramref name="text"/>.</summary>
    public static async Task<FakeMessage> ReplyInGroup(this TestBot bot, long userId, long groupId, Message repliedTo, string text, string languageCode = "en")
    {
        var before = bot.Api.SentMessages(groupId).Count;
        bot.Api.EnqueueUpdate(new Update
        {
            Id = bot.Api.NextUpdateId(),
            Message = new Message
            {
                Id = (int)(repliedTo.MessageId + 1),
                Chat = repliedTo.Chat,
                Date = bot.Clock.GetUtcNow().UtcDateTime,
                From = new User { Id = userId, IsBot = false, FirstName = $"User{userId}", LanguageCode = languageCode },
                Text = text,
                ReplyToMessage = repliedTo,
            },
        });
        await bot.Api.WaitFor(() => bot.Api.SentMessages(groupId).Count > before, what: $"a reply to '{text}' in the group");
        return bot.Api.SentMessages(groupId)[before];
    }

    /// <summary>The user presses the button labelled <paramref name="label"/> and the test waits for the next message in that chat.</summary>
    public static async Task<FakeMessage> PressForReply(this TestBot bot, long userId, FakeMessage message, string label)
    {
        var before = bot.Api.SentMessages(message.ChatId).Count;
        bot.Api.UserPresses(userId, message.ChatId, message.MessageId, message.Button(label).CallbackData!);
        await bot.Api.WaitFor(() => bot.Api.SentMessages(message.ChatId).Count > before, what: $"an answer to pressing '{label}'");
        return bot.Api.SentMessages(message.ChatId)[before];
    }
}

[Collection(PostgreSqlServer.Collection)]
public sealed class RoleTestsOnPostgreSql(PostgreSqlServer postgres) : RoleTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
