using Bot.Tests.Fakes;

namespace Bot.Tests.Support;

/// <summary>Buttons pressed as a user presses them: by the label they read, on the message as it is shown now.</summary>
public static class TestBotButtons
{
    /// <summary>The organizer sends a one-line /newevent and presses ✅ under the summary it shows; returns the
    /// bot's confirmation that the event was created, once the card that follows it has come too.</summary>
    public static async Task<FakeMessage> NewEvent(this TestBot bot, long userId, string line, string? languageCode = "de")
    {
        ArgumentNullException.ThrowIfNull(bot);
        var summary = await bot.Ask(userId, "/newevent " + line, languageCode);
        var created = await bot.PressForMessage(userId, summary, "✅");
        await bot.Api.WaitForMessage(userId, m => m.FromBot && m.MessageId > created.MessageId);
        return created;
    }

    /// <summary>Presses the button whose label starts with <paramref name="label"/> and waits for the answer to the press.</summary>
    public static async Task<CallbackAnswer> PressButton(this TestBot bot, long userId, FakeMessage message, string label)
    {
        ArgumentNullException.ThrowIfNull(bot);
        ArgumentNullException.ThrowIfNull(message);
        var shown = bot.Api.ShownMessage(message.ChatId, message.MessageId) ?? message;
        var button = shown.Buttons.FirstOrDefault(b => b.Text.StartsWith(label, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No button \"{label}\" under \"{shown.Text}\"; there are: {string.Join(", ", shown.Buttons.Select(b => b.Text))}");
        return await bot.PressData(userId, message, button.CallbackData!);
    }

    /// <summary>Presses with the given callback data, as an old or forged button would.</summary>
    public static async Task<CallbackAnswer> PressData(this TestBot bot, long userId, FakeMessage message, string data)
    {
        ArgumentNullException.ThrowIfNull(bot);
        ArgumentNullException.ThrowIfNull(message);
        var press = bot.Api.UserPresses(userId, message.ChatId, message.MessageId, data);
        await bot.Api.WaitFor(() => bot.Api.AnswerTo(press.CallbackQuery!.Id) is not null, what: $"the answer to {data}");
        return bot.Api.AnswerTo(press.CallbackQuery!.Id)!;
    }

    /// <summary>Presses and waits for the next message the bot sends into that chat.</summary>
    public static async Task<FakeMessage> PressForMessage(this TestBot bot, long userId, FakeMessage message, string label)
    {
        ArgumentNullException.ThrowIfNull(bot);
        ArgumentNullException.ThrowIfNull(message);
        var before = bot.Api.SentMessages(message.ChatId).Count;
        await bot.PressButton(userId, message, label);
        await bot.Api.WaitFor(() => bot.Api.SentMessages(message.ChatId).Count > before, what: $"a message after pressing {label}");
        return bot.Api.SentMessages(message.ChatId)[before];
    }
}
