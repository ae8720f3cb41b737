using Bot.Commands;

namespace Bot.Tests.Commands;

public sealed class CommandParsingTests
{
    [Theory]
    [InlineData("/help", "help", null, "")]
    [InlineData("/HELP", "help", null, "")]
    [InlineData("/help@chapter_bot", "help", "chapter_bot", "")]
    [InlineData("/newevent Stammtisch | morgen 19:00 | Krone", "newevent", null, "Stammtisch | morgen 19:00 | Krone")]
    [InlineData("/role@chapter_bot @alice organizer", "role", "chapter_bot", "@alice organizer")]
    [InlineData("/start join_AbC-123", "start", null, "join_AbC-123")]
    [InlineData("/events\n  next week", "events", null, "next week")]
    public void Command_IsReadIntoNameBotAndArguments(string text, string name, string? bot, string args)
    {
        var parsed = UpdateRouter.ParseCommand(text);

        Assert.Equal(new UpdateRouter.ParsedCommand(name, bot, args), parsed);
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("/")]
    [InlineData("/ help")]
    [InlineData("/hälp")]
    [InlineData("/help!")]
    [InlineData("//help")]
    [InlineData("/a_command_name_that_is_much_too_long_for_telegram")]
    [InlineData("price/person")]
    public void Text_ThatIsNotACommand_IsNotReadAsOne(string text) =>
        Assert.Null(UpdateRouter.ParseCommand(text));
}
