using Bot.Persistence;
using Bot.Commands;
using Bot.Commands.Dialogs;
using Bot.Domain.Chapters;
using Bot.Telegram.Api;
using Bot.Telegram.Rendering;
using Bot.Tests.Fakes;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Tests.Commands;

/// <summary>Stored dialogs through the whole host: a small survey (name, then drink and sugar by buttons) that
/// exists only in these tests.</summary>
public class DialogTests
{
    /// <summary>The server the tests run on in <see cref="DialogTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private const long Alice = 3001;
    private const long Bob = 3002;
    private const long Group = -4001;

    [Fact]
    public async Task Survey_CollectsTheAnswersAcrossMessagesAndButtons()
    {
        await using var bot = await StartBot();

        var name = await bot.Ask(Alice, "/survey", "en");
        var drink = await bot.Ask(Alice, "Ann", "en");
        var sugar = await Press(bot, Alice, Alice, drink, "Tea");
        var result = await Press(bot, Alice, Alice, sugar, "No");

        Assert.Equal("What is your name?", name.Text);
        Assert.Equal("Tea or coffee, Ann?", drink.Text);
        Assert.Equal("Sugar?", sugar.Text);
        Assert.Equal("Ann: tea, no sugar", result.Text);
        Assert.Null(await DialogOf(bot, Alice, Alice));
    }

    [Fact]
    public async Task PressedChoice_LosesItsButtons_AndTheUserSeesAnEmptyAnswer()
    {
        await using var bot = await StartBot();
        await bot.Ask(Alice, "/survey", "en");
        var drink = await bot.Ask(Alice, "Ann", "en");

        var press = bot.Api.UserPresses(Alice, Alice, drink.MessageId, drink.Button("Coffee").CallbackData!);
        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Alice, drink.MessageId)!.Buttons.Count == 0, what: "the buttons removed");
        // The answer and the edit are sent side by side; either may reach Telegram first.
        await bot.Api.WaitFor(() => bot.Api.AnswerTo(press.CallbackQuery!.Id) is not null, what: "the answer");

        var answer = bot.Api.AnswerTo(press.CallbackQuery!.Id)!;
        Assert.Null(answer.Text);
        Assert.False(answer.ShowAlert);
    }

    [Fact]
    public async Task TypedAnswer_ToAChoice_IsTakenLikeTheButton()
    {
        await using var bot = await StartBot();
        await bot.Ask(Alice, "/survey", "en");
        await bot.Ask(Alice, "Ann", "en");

        var unclear = await bot.Ask(Alice, "milk", "en");
        var sugar = await bot.Ask(Alice, "coffee", "en");

        Assert.Equal("Please choose tea or coffee.", unclear.Text);
        Assert.Equal("Sugar?", sugar.Text);
    }

    [Fact]
    public async Task Dialog_SurvivesARestart()
    {
        await using var bot = await StartBot();
        await bot.Ask(Alice, "/survey", "en");
        var drink = await bot.Ask(Alice, "Ann", "en");

        await bot.Restart();
        var sugar = await Press(bot, Alice, Alice, drink, "Coffee");
        await bot.Restart();
        var result = await bot.Ask(Alice, "yes", "en");

        Assert.Equal("Sugar?", sugar.Text);
        Assert.Equal("Ann: coffee, with sugar", result.Text);
    }

    [Fact]
    public async Task Cancel_InADialog_LeavesIt_AndSaysSo()
    {
        await using var bot = await StartBot();
        await bot.Ask(Alice, "/survey", "en");

        var cancelled = await bot.Ask(Alice, "/cancel", "en");
        var afterwards = await bot.Ask(Alice, "Ann", "en");

        Assert.Equal("Cancelled. Type /help to see what you can do.", cancelled.Text);
        Assert.Equal("I understand commands and buttons. Type /help to see what you can do.", afterwards.Text);
        Assert.Null(await DialogOf(bot, Alice, Alice));
    }

    [Fact]
    public async Task Cancel_TakesTheButtonsOffTheQuestionLeftOpen()
    {
        await using var bot = await StartBot();
        await bot.Ask(Alice, "/survey", "en");
        var drink = await bot.Ask(Alice, "Ann", "en");

        await bot.Ask(Alice, "/cancel", "en");

        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Alice, drink.MessageId)!.Buttons.Count == 0, what: "the drink buttons removed");
        Assert.Equal(2, drink.Buttons.Count);
    }

    [Fact]
    public async Task CommandTypedMidDialog_TakesTheButtonsOffTheQuestionLeftOpen()
    {
        await using var bot = await StartBot();
        await bot.Ask(Alice, "/survey", "en");
        var drink = await bot.Ask(Alice, "Ann", "en");

        var left = await bot.Ask(Alice, "/start", "en");

        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Alice, drink.MessageId)!.Buttons.Count == 0, what: "the drink buttons removed");
        Assert.StartsWith("ℹ️ I ended what you had started", left.Text);
    }

    [Fact]
    public async Task TypedAnswer_ToAChoice_TakesItsButtonsOff_AndTheNextQuestionKeepsItsOwn()
    {
        await using var bot = await StartBot();
        await bot.Ask(Alice, "/survey", "en");
        var drink = await bot.Ask(Alice, "Ann", "en");

        var sugar = await bot.Ask(Alice, "tea", "en");

        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Alice, drink.MessageId)!.Buttons.Count == 0, what: "the drink buttons removed");
        Assert.Equal(["Yes", "No"], bot.Api.ShownMessage(Alice, sugar.MessageId)!.Buttons.Select(b => b.Text));
        var result = await Press(bot, Alice, Alice, sugar, "No");
        Assert.Equal("Ann: tea, no sugar", result.Text);
    }

    [Fact]
    public async Task SameDialogStartedAgain_TakesTheOldQuestionsButtonsOff_EachOnlyOnce()
    {
        await using var bot = await StartBot();
        await bot.Ask(Alice, "/survey", "en");
        var drink = await bot.Ask(Alice, "Ann", "en");
        var sugar = await bot.Ask(Alice, "tea", "en");

        await bot.Ask(Alice, "/survey", "en");
        var drinkAgain = await bot.Ask(Alice, "Anna", "en");
        var sugarAgain = await Press(bot, Alice, Alice, drinkAgain, "Coffee");
        await Press(bot, Alice, Alice, sugarAgain, "Yes");

        await bot.Api.WaitFor(() => bot.Api.ShownMessage(Alice, sugarAgain.MessageId)!.Buttons.Count == 0, what: "the last buttons removed");
        Assert.All(new[] { drink, sugar, drinkAgain, sugarAgain }, question => Assert.Empty(bot.Api.ShownMessage(Alice, question.MessageId)!.Buttons));
        var edits = bot.Api.RequestsOf("editMessageReplyMarkup");
        Assert.Equal(4, edits.Count);
    }

    [Fact]
    public async Task Cancel_WithoutADialog_SaysThereIsNothingToCancel()
    {
        await using var bot = await StartBot();

        var reply = await bot.Ask(Alice, "/cancel", "en");

        Assert.Equal("There is nothing to cancel.", reply.Text);
    }

    [Fact]
    public async Task ButtonOfAnEarlierStep_PressedLater_IsRefusedAsStale_AndChangesNothing()
    {
        await using var bot = await StartBot();
        await bot.Ask(Alice, "/survey", "en");
        var drink = await bot.Ask(Alice, "Ann", "en");
        await Press(bot, Alice, Alice, drink, "Tea");
        var before = await DialogOf(bot, Alice, Alice);
        var sentBefore = bot.Api.SentMessages(Alice).Count;

        // The drink question as it was sent, buttons and all: a client that has not caught up with the edit.
        var stale = bot.Api.UserPresses(Alice, Alice, drink.MessageId, drink.Button("Coffee").CallbackData!);
        await bot.Api.WaitFor(() => bot.Api.AnswerTo(stale.CallbackQuery!.Id) is not null, what: "the stale press answered");
        var after = await DialogOf(bot, Alice, Alice);
        var result = await bot.Ask(Alice, "no", "en");

        Assert.Equal("This button is no longer valid.", bot.Api.AnswerTo(stale.CallbackQuery!.Id)!.Text);
        Assert.Equal(("sugar", before!.Data), (after!.Step, after.Data));
        Assert.Equal(sentBefore + 1, bot.Api.SentMessages(Alice).Count);
        Assert.Equal("Ann: tea, no sugar", result.Text);
    }

    [Fact]
    public async Task ChoiceButton_AfterTheDialogEnded_IsRefusedAsStale()
    {
        await using var bot = await StartBot();
        await bot.Ask(Alice, "/survey", "en");
        var drink = await bot.Ask(Alice, "Ann", "en");
        await bot.Ask(Alice, "/cancel", "en");

        var press = bot.Api.UserPresses(Alice, Alice, drink.MessageId, drink.Button("Tea").CallbackData!);
        await bot.Api.WaitFor(() => bot.Api.AnswerTo(press.CallbackQuery!.Id) is not null, what: "the press answered");

        Assert.Equal("This button is no longer valid.", bot.Api.AnswerTo(press.CallbackQuery!.Id)!.Text);
        Assert.Null(await DialogOf(bot, Alice, Alice));
    }

    [Fact]
    public async Task AnotherCommand_InTheMiddle_EndsTheDialog_AndSaysSo()
    {
        await using var bot = await StartBot();
        await bot.Ask(Alice, "/survey", "en");

        var left = await bot.Ask(Alice, "/start", "en");
        var welcome = await bot.Api.WaitForMessage(Alice, m => m.MessageId > left.MessageId);
        var afterwards = await bot.Ask(Alice, "Ann", "en");

        Assert.Equal("ℹ️ I ended what you had started, because you sent /start. If you still need it, just start it again.", left.Text);
        Assert.Contains("Welcome", welcome.Text);
        Assert.Equal("I understand commands and buttons. Type /help to see what you can do.", afterwards.Text);
        Assert.Null(await DialogOf(bot, Alice, Alice));
    }

    [Fact]
    public async Task SameDialog_StartedAgainInTheMiddle_StartsOver()
    {
        await using var bot = await StartBot();
        await bot.Ask(Alice, "/survey", "en");
        await bot.Ask(Alice, "Ann", "en");

        var again = await bot.Ask(Alice, "/survey", "en");
        var stored = await DialogOf(bot, Alice, Alice);
        var drink = await bot.Ask(Alice, "Anna", "en");

        Assert.Equal("What is your name?", again.Text);
        Assert.Equal(("name", "{}"), (stored?.Step, stored?.Data));
        Assert.Equal("Tea or coffee, Anna?", drink.Text);
    }

    [Fact]
    public async Task Help_InTheMiddle_KeepsTheDialog()
    {
        await using var bot = await StartBot();
        await bot.Ask(Alice, "/survey", "en");

        var help = await bot.Ask(Alice, "/help", "en");
        var drink = await bot.Ask(Alice, "Ann", "en");

        Assert.Contains("/survey", help.Text);
        Assert.Equal("Tea or coffee, Ann?", drink.Text);
    }

    [Fact]
    public async Task TwoUsers_InTheSameChat_HaveSeparateDialogs()
    {
        await using var bot = await StartBot();
        await bot.AskIn(Alice, Group, "/survey", "en");
        await bot.AskIn(Bob, Group, "/survey", "en");

        var aliceDrink = await bot.AskIn(Alice, Group, "Ann", "en");
        var bobDrink = await bot.AskIn(Bob, Group, "Bert", "en");
        var aliceSugar = await Press(bot, Alice, Group, aliceDrink, "Tea");
        var bobSugar = await Press(bot, Bob, Group, bobDrink, "Coffee");
        var bobResult = await Press(bot, Bob, Group, bobSugar, "Yes");
        var aliceResult = await Press(bot, Alice, Group, aliceSugar, "No");

        Assert.Equal(("Tea or coffee, Ann?", "Tea or coffee, Bert?"), (aliceDrink.Text, bobDrink.Text));
        Assert.Equal("Bert: coffee, with sugar", bobResult.Text);
        Assert.Equal("Ann: tea, no sugar", aliceResult.Text);
    }

    [Fact]
    public async Task SameUser_InTwoChats_HasSeparateDialogs()
    {
        await using var bot = await StartBot();
        await bot.AskIn(Alice, Group, "/survey", "en");
        await bot.Ask(Alice, "/survey", "en");

        var inGroup = await bot.AskIn(Alice, Group, "Ann", "en");
        var inPrivate = await bot.Ask(Alice, "Annie", "en");

        Assert.Equal("Tea or coffee, Ann?", inGroup.Text);
        Assert.Equal("Tea or coffee, Annie?", inPrivate.Text);
    }

    [Fact]
    public async Task PlainText_OutsideADialog_InPrivate_GetsTheHint()
    {
        await using var bot = await StartBot();

        var reply = await bot.Ask(Alice, "hello there", "en");

        Assert.Equal("I understand commands and buttons. Type /help to see what you can do.", reply.Text);
    }

    [Fact]
    public async Task PlainText_OutsideADialog_InAGroup_GetsNothing()
    {
        await using var bot = await StartBot();

        bot.Api.UserSends(Alice, Group, "hello everyone", "en");
        // Updates are handled in order: once the later command is answered, the text had its chance.
        var help = await bot.AskIn(Alice, Group, "/help", "en");

        Assert.Equal([help.MessageId], bot.Api.SentMessages(Group).Select(m => m.MessageId));
    }

    private Task<TestBot> StartBot() =>
        TestBot.Start(TestBot.Unpaced(), s =>
        {
            s.AddScoped<IDialog, SurveyDialog>();
            s.AddScoped<IBotCommand, SurveyCommand>();
        }, postgres: Postgres);

    /// <summary>The user presses the button with this label under the message; returns the bot's next message.</summary>
    private static async Task<FakeMessage> Press(TestBot bot, long userId, long chatId, FakeMessage message, string label)
    {
        var before = bot.Api.SentMessages(chatId).Count;
        var press = bot.Api.UserPresses(userId, chatId, message.MessageId, message.Button(label).CallbackData!);
        await bot.Api.WaitFor(
            () => bot.Api.AnswerTo(press.CallbackQuery!.Id) is not null && bot.Api.SentMessages(chatId).Count > before,
            what: $"the press of '{label}' answered");
        Assert.Null(bot.Api.AnswerTo(press.CallbackQuery!.Id)!.Text);
        return bot.Api.SentMessages(chatId)[before];
    }

    private static Task<DialogState?> DialogOf(TestBot bot, long chatId, long userId) =>
        bot.Db(db => db.Dialogs.AsNoTracking().SingleOrDefaultAsync(d => d.ChatId == chatId && d.UserId == userId));

    private sealed class SurveyCommand : IBotCommand
    {
        public string Name => "survey";
        public Access Access => Access.Anyone;
        public ChatKinds Chats => ChatKinds.Any;

        public Task Run(ChatContext ctx, CancellationToken ct) => ctx.StartDialog<SurveyDialog>(ct);
    }

    /// <summary>Name by text, then drink and sugar by buttons (or typed).</summary>
    private sealed class SurveyDialog : IDialog
    {
        public string Name => "survey";
        public Access Access => Access.Anyone;

        public Task<DialogStep> Begin(ChatContext ctx, DialogData data, CancellationToken ct)
        {
            ctx.Reply(Html.Text("What is your name?"));
            return Task.FromResult(DialogStep.Ask("name"));
        }

        public Task<DialogStep> Answer(ChatContext ctx, string step, DialogData data, string answer, CancellationToken ct)
        {
            switch (step)
            {
                case "name":
                    data["name"] = answer;
                    ctx.Reply(Html.Text($"Tea or coffee, {answer}?"), Choices("drink", ("Tea", "tea"), ("Coffee", "coffee")));
                    return Task.FromResult(DialogStep.Ask("drink"));
                case "drink" when answer.ToLowerInvariant() is "tea" or "coffee":
                    data["drink"] = answer.ToLowerInvariant();
                    ctx.Reply(Html.Text("Sugar?"), Choices("sugar", ("Yes", "yes"), ("No", "no")));
                    return Task.FromResult(DialogStep.Ask("sugar"));
                case "drink":
                    ctx.Reply(Html.Text("Please choose tea or coffee."));
                    return Task.FromResult(DialogStep.Ask("drink"));
                default:
                    var sugar = answer.Equals("yes", StringComparison.OrdinalIgnoreCase) ? "with sugar" : "no sugar";
                    ctx.Reply(Html.Text($"{data["name"]}: {data["drink"]}, {sugar}"));
                    return Task.FromResult(DialogStep.Done);
            }
        }

        private static InlineKeyboardMarkup Choices(string step, params (string Label, string Token)[] choices) =>
            new([choices.Select(c => DialogChoice.Button(c.Label, step, c.Token)).ToArray()]);
    }
}

[Collection(PostgreSqlServer.Collection)]
public sealed class DialogTestsOnPostgreSql(PostgreSqlServer postgres) : DialogTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
