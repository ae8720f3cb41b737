using Bot.Telegram.Api;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Tests.Fakes;

/// <summary>A message as the fake holds it: as it was sent (<see cref="FakeBotApi.SentMessages"/>) or as the chat
/// shows it now (<see cref="FakeBotApi.ShownMessages"/>).</summary>
public sealed record FakeMessage(long ChatId, long MessageId, User From, string Text, DateTimeOffset Date)
{
    /// <summary>The text as it arrived, before entity parsing (the HTML source for the bot's messages).</summary>
    public string Source { get; init; } = "";

    public IReadOnlyList<TextEntity> Entities { get; init; } = [];
    public InlineKeyboardMarkup? ReplyMarkup { get; init; }
    public long? ReplyToMessageId { get; init; }
    public DateTimeOffset? EditDate { get; init; }
    public FakeDocument? Document { get; init; }
    public FakeVenue? Venue { get; init; }

    public bool FromBot => From.IsBot;
    public bool Edited => EditDate is not null;
    public IReadOnlyList<InlineKeyboardButton> Buttons => ReplyMarkup?.InlineKeyboard.SelectMany(row => row).ToArray() ?? [];

    /// <summary>The button with this label; throws when the message has none, so a test fails where it pressed.</summary>
    public InlineKeyboardButton Button(string text) =>
        Buttons.FirstOrDefault(b => b.Text == text)
        ?? throw new InvalidOperationException($"Message {MessageId} in chat {ChatId} has no button \"{text}\"; it has: {string.Join(", ", Buttons.Select(b => $"\"{b.Text}\""))}");
}

/// <summary>One HTTP request the fake received, with the status it answered (0 when the client gave up first).</summary>
public sealed record RecordedRequest(string Method, DateTimeOffset ReceivedAt, string Body)
{
    public long? ChatId { get; init; }
    public long? MessageId { get; init; }
    public string? Text { get; init; }
    public InlineKeyboardMarkup? ReplyMarkup { get; init; }
    public int StatusCode { get; init; }
    public string? Description { get; init; }

    /// <summary>Set when the fake's <see cref="FaultPlan"/> gave the answer rather than the method.</summary>
    public FaultOrigin? Fault { get; init; }

    public bool Succeeded => StatusCode == 200;

    public override string ToString() =>
        $"{ReceivedAt:HH:mm:ss.fff} {Method} chat={ChatId} -> {StatusCode}{(Description is null ? "" : " " + Description)}{(Text is null ? "" : $" \"{Text}\"")}";
}

/// <summary>How the bot answered a button press: the toast or alert the user saw.</summary>
public sealed record CallbackAnswer(string CallbackQueryId, string? Text, bool ShowAlert, DateTimeOffset AnsweredAt);

/// <summary>What the fake answers to successful edits: Telegram's Message, or what some self-hosted servers send.</summary>
public enum EditAnswer
{
    Message,
    True,
    Null,
}

/// <summary>A map pin the bot sent.</summary>
public sealed record FakeVenue(double Latitude, double Longitude, string Title, string Address);

/// <summary>A file the bot sent, with its content read as text.</summary>
public sealed record FakeDocument(string FileName, string Content);
