using Bot.Console;
using Bot.Tests.Support;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Tests.Console;

/// <summary>The local chat mode as someone trying the bot sees it: a typed number is an answer, <c>#N</c> presses a
/// button, chats print with names also after a restart, and Bot:DefaultLanguage is the language of whoever did not
/// choose one.</summary>
public sealed class ChatModeTests
{
    private readonly StringWriter output = new();

    [Fact]
    public void ATypedNumber_IsText_AndHashNumber_PressesThatButton()
    {
        var terminal = new ChatTerminal(TextReader.Null, output);
        terminal.Seed(1000);
        terminal.Show(1000, "How many guests?", new InlineKeyboardMarkup([[
            new InlineKeyboardButton("None") { CallbackData = "dg:guests:0" },
            new InlineKeyboardButton("1 guest") { CallbackData = "dg:guests:1" },
        ]]));

        Assert.Null(ChatTerminal.ButtonNumber("2"));
        Assert.Null(ChatTerminal.ButtonNumber("#"));
        Assert.Null(ChatTerminal.ButtonNumber("#zwei"));
        Assert.Equal("dg:guests:1", terminal.Button(ChatTerminal.ButtonNumber("#2")!.Value)?.Data);
        Assert.Null(terminal.Button(3));
        Assert.Contains("[#1] None\n│   [#2] 1 guest", output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void AfterARestart_MessagesPrintWithTheMembersAndTheGroupsNames()
    {
        var terminal = new ChatTerminal(TextReader.Null, output);
        terminal.Seed(1000);
        terminal.Remember(1003, "Carol Cornelius", "carol");
        terminal.NameChat(ChatTerminal.GroupChatId, "Ortsverband Nord");

        terminal.Show(1003, "Hallo", null);
        terminal.Show(ChatTerminal.GroupChatId, "Neue Veranstaltung", null);

        Assert.Contains("┌ bot → Carol Cornelius", output.ToString());
        Assert.Contains("┌ bot → group Ortsverband Nord", output.ToString());
        Assert.DoesNotContain("chat 1003", output.ToString());
        Assert.Equal(1003, terminal.SwitchTo("carol").Id);
    }

    [Fact]
    public void OnlyBob_HasATelegramLanguage_SoTheOthersReadTheDefault()
    {
        var terminal = new ChatTerminal(TextReader.Null, output);
        terminal.Seed(1000);

        Assert.Null(terminal.Current.LanguageCode);
        Assert.Null(terminal.SwitchTo("alice").LanguageCode);
        Assert.Null(terminal.SwitchTo("dora").LanguageCode);
        Assert.Equal("en", terminal.SwitchTo("bob").LanguageCode);
    }

    [Fact]
    public async Task DefaultLanguageEnglish_AMemberWhoChoseNoLanguage_ReadsEnglish()
    {
        await using var bot = await TestBot.Start(new Dictionary<string, string?> { ["Bot:DefaultLanguage"] = "en" }, clock: new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 13, 0, 0, TimeSpan.Zero)));
        await bot.AddMember(4701, "Alice Amsel");

        var reply = await bot.Ask(4701, "/help", languageCode: null);

        Assert.StartsWith("What you can do here", reply.Text);
    }
}
