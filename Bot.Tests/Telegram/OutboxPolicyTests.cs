using Bot.Domain.Messaging;
using Bot.Telegram.Api;
using Bot.Telegram.Outbox;

namespace Bot.Tests.Telegram;

/// <summary>What a message becomes after Telegram answered, decided without a database, a clock or a network: what
/// the member gets (once, again later, or never) and what happens to the rest of their chat.</summary>
public sealed class OutboxPolicyTests
{
    private const int MaxAttempts = 8;
    private const long Alice = 3001;
    private static readonly DateTimeOffset Sent = new(2025, 1, 6, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Answered = Sent + TimeSpan.FromMilliseconds(80);

    [Fact]
    public void MessageTelegramTook_IsSent_WithTheIdTheMemberSeesItUnder()
    {
        var row = Message(attempts: 2);
        row.LastError = "500 ServerError: earlier";

        var fate = After(row, error: null, messageId: 77);
        fate.ApplyTo(row);

        Assert.Equal(FateKind.Sent, fate.Kind);
        Assert.Equal((OutboxStatus.Sent, 3, 77L, Answered.UtcDateTime), (row.Status, row.Attempts, row.SentMessageId, row.SentAt));
        Assert.Null(row.LastError);
    }

    [Fact]
    public void EditThatChangesNothing_IsDone_NotRetried()
    {
        var fate = After(Message(OutboxKind.EditMessageText), Error(BotApiErrorKind.BadRequest, 400, "Bad Request: message is not modified"));

        Assert.Equal((FateKind.Sent, OutboxStatus.Sent), (fate.Kind, fate.Status));
    }

    [Fact]
    public void TooManyRequests_KeepsTheMessagePending_WithoutUsingATry_AndPausesEverySendForRetryAfter()
    {
        var limited = Error(BotApiErrorKind.TooManyRequests, 429, "Too Many Requests: retry after 7") with { RetryAfter = TimeSpan.FromSeconds(7) };
        var row = Message(attempts: 1);

        var fate = After(row, limited);

        Assert.Equal((FateKind.Paused, OutboxStatus.Pending, 1, row.NotBefore), (fate.Kind, fate.Status, fate.Attempts, fate.NotBefore));
        Assert.Equal(Answered + TimeSpan.FromSeconds(7), OutboxPolicy.PauseAfter(Outcome(limited)));
    }

    [Fact]
    public void TooManyRequests_WithoutRetryAfter_PausesASecond_AndOtherAnswersPauseNothing()
    {
        Assert.Equal(Answered + TimeSpan.FromSeconds(1), OutboxPolicy.PauseAfter(Outcome(Error(BotApiErrorKind.TooManyRequests, 429, "Too Many Requests"))));
        Assert.Null(OutboxPolicy.PauseAfter(Outcome(Error(BotApiErrorKind.ServerError, 502, "Bad Gateway"))));
        Assert.Null(OutboxPolicy.PauseAfter(Outcome(null)));
    }

    [Theory]
    [InlineData(BotApiErrorKind.Forbidden, 403, "Forbidden: bot was blocked by the user")]
    [InlineData(BotApiErrorKind.ChatNotFound, 400, "Bad Request: chat not found")]
    public void BlockedOrVanishedChat_IsUndeliverable_AndTheChatIsRefused(BotApiErrorKind kind, int status, string description)
    {
        var fate = After(Message(), Error(kind, status, description));

        Assert.Equal((FateKind.ChatRefused, OutboxStatus.Undeliverable), (fate.Kind, fate.Status));
        Assert.Contains(description, fate.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void EphemeralMessage_ToABlockedChat_FailsAlone_WithoutMarkingTheChat()
    {
        var row = Message();
        row.Tag = OutboxWriter.EphemeralTag;

        var fate = After(row, Error(BotApiErrorKind.Forbidden, 403, "Forbidden: bot was blocked by the user"));

        Assert.Equal((FateKind.Refused, OutboxStatus.Failed), (fate.Kind, fate.Status));
    }

    [Fact]
    public void GroupThatBecameASupergroup_GetsTheMessageAtItsNewId_WithoutUsingATry()
    {
        var row = Message(chatId: -4001, attempts: 0);

        var fate = After(row, Error(BotApiErrorKind.ChatMigrated, 400, "Bad Request: group chat was upgraded to a supergroup chat") with { MigrateToChatId = -1_000_000_004_001 });

        Assert.Equal((FateKind.Moved, OutboxStatus.Pending, -1_000_000_004_001L, 0), (fate.Kind, fate.Status, fate.ChatId, fate.Attempts));
    }

    [Fact]
    public void MigrationWithoutANewId_IsGivenUp()
    {
        var fate = After(Message(chatId: -4001), Error(BotApiErrorKind.ChatMigrated, 400, "Bad Request: group chat was upgraded"));

        Assert.Equal((FateKind.Refused, OutboxStatus.Failed), (fate.Kind, fate.Status));
    }

    [Fact]
    public void EditOfAMessageThatIsGone_IsDroppedQuietly()
    {
        var fate = After(Message(OutboxKind.EditMessageText), Error(BotApiErrorKind.BadRequest, 400, "Bad Request: message to edit not found"));

        Assert.Equal((FateKind.Gone, OutboxStatus.Failed), (fate.Kind, fate.Status));
    }

    [Fact]
    public void UnparsableHtml_IsGivenUpAtOnce_NotRetried()
    {
        var fate = After(Message(), Error(BotApiErrorKind.BadRequest, 400, "Bad Request: can't parse entities: unclosed tag"));

        Assert.Equal((FateKind.Refused, OutboxStatus.Failed, 1), (fate.Kind, fate.Status, fate.Attempts));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(6, 64)]
    public void ServerError_IsRetried_AfterABackoffThatDoubles(int attemptsBefore, int seconds)
    {
        var fate = After(Message(attempts: attemptsBefore), Error(BotApiErrorKind.ServerError, 502, "Bad Gateway"));

        Assert.Equal((FateKind.Retry, OutboxStatus.Pending, attemptsBefore + 1), (fate.Kind, fate.Status, fate.Attempts));
        Assert.Equal(Answered.UtcDateTime + TimeSpan.FromSeconds(seconds), fate.NotBefore);
    }

    [Fact]
    public void EditThatFailed_AfterALaterEditOfTheCardWasWritten_IsNotRetried_TheLaterOneShowsTheLatestCounts()
    {
        var overtaken = Message(OutboxKind.EditMessageText);
        overtaken.Status = OutboxStatus.Superseded; // written over while this one was on its way

        var fate = After(overtaken, Error(BotApiErrorKind.ServerError, 502, "Bad Gateway"));

        Assert.Equal((FateKind.Superseded, OutboxStatus.Superseded), (fate.Kind, fate.Status));
    }

    [Fact]
    public void EditThatWasOvertaken_ButFoundTheChatBlocked_StillMarksTheChat()
    {
        var overtaken = Message(OutboxKind.EditMessageText);
        overtaken.Status = OutboxStatus.Superseded;

        var fate = After(overtaken, Error(BotApiErrorKind.Forbidden, 403, "Forbidden: bot was blocked by the user"));

        Assert.Equal(FateKind.ChatRefused, fate.Kind);
    }

    [Fact]
    public void NetworkError_OnTheLastTry_IsGivenUp()
    {
        var fate = After(Message(attempts: MaxAttempts - 1), Error(BotApiErrorKind.Network, 0, "HttpRequestException"));

        Assert.Equal((FateKind.GaveUp, OutboxStatus.Failed, MaxAttempts), (fate.Kind, fate.Status, fate.Attempts));
    }

    [Fact]
    public void Backoff_NeverExceedsFiveMinutes()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), OutboxPolicy.Backoff(30));
        Assert.Equal(TimeSpan.FromMinutes(5), OutboxPolicy.Backoff(int.MaxValue));
    }

    [Fact]
    public void VeryLongError_IsKeptShort()
    {
        var fate = After(Message(), Error(BotApiErrorKind.BadRequest, 400, new string('x', 5000)));

        Assert.Equal(OutboxPolicy.MaxErrorLength, fate.LastError!.Length);
    }

    [Theory]
    [InlineData(OutboxKind.SendMessage, true)]
    [InlineData(OutboxKind.EditMessageText, true)]
    [InlineData(OutboxKind.EditReplyMarkup, true)]
    [InlineData(OutboxKind.DeleteMessage, true)]
    [InlineData(OutboxKind.SendDocument, true)]
    [InlineData(OutboxKind.SendVenue, true)]
    [InlineData(OutboxKind.AnswerCallbackQuery, false)]
    [InlineData(OutboxKind.SetCommands, false)]
    public void OnlyMessages_WaitInTheirChatsQueue_AndCountAgainstTheRate(OutboxKind kind, bool message)
    {
        Assert.Equal(message, OutboxPolicy.IsMessage(kind));
        Assert.Equal(message, OutboxPolicy.Messages.Contains(kind));
        Assert.Equal(message ? Alice : null, OutboxPolicy.QueueOf(Message(kind)));
    }

    private static OutboxMessage Message(OutboxKind kind = OutboxKind.SendMessage, long chatId = Alice, int attempts = 0) => new()
    {
        Id = 1,
        Kind = kind,
        ChatId = chatId,
        MessageId = kind == OutboxKind.SendMessage ? null : 5,
        Text = "Hallo",
        Urgency = Urgency.Interactive,
        Attempts = attempts,
        CreatedAt = Sent.UtcDateTime,
        NotBefore = Sent.UtcDateTime,
    };

    private static BotApiError Error(BotApiErrorKind kind, int status, string description) => new(kind, status, description);

    private static SendOutcome Outcome(BotApiError? error, long? messageId = null) => new(error, messageId, Sent, Answered);

    private static RowFate After(OutboxMessage row, BotApiError? error, long? messageId = null) =>
        OutboxPolicy.After(row, Outcome(error, messageId), MaxAttempts);
}
