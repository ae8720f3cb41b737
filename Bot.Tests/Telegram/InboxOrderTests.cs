using Bot.Telegram.Updates;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Bot.Tests.Telegram;

/// <summary>Which waiting updates are applied next: a flood in one chat does not hold another chat's update back,
/// and every chat's updates keep their order.</summary>
public sealed class InboxOrderTests
{
    private const long Group = -100_200;
    private const long Alice = 7;
    private const long Bob = 8;

    [Fact]
    public void AHelpBehindAGroupsThousandPresses_GoesWithTheNextBatch()
    {
        var waiting = Enumerable.Range(1, 1000).Select(i => Press(i, Group)).Append(Text(1001, Alice, "/help")).ToList();

        var next = InboxOrder.Fair(waiting, 100);

        Assert.Equal(100, next.Count);
        Assert.Contains(next, u => u.Message?.Text == "/help");
    }

    [Fact]
    public void EachChatsUpdates_KeepTheirOrder_AndChatsTakeTurns()
    {
        var waiting = new[]
        {
            Press(1, Group), Press(2, Group), Text(3, Alice, "Titel"), Press(4, Group), Text(5, Alice, "15.01.2027 19:00"),
            Text(6, Bob, "/events"), Text(7, Alice, "Marktplatz"),
        };

        var next = InboxOrder.Fair(waiting, 100);

        Assert.Equal([1, 3, 6, 2, 5, 4, 7], next.Select(u => u.Id));
        Assert.Equal(["Titel", "15.01.2027 19:00", "Marktplatz"], next.Where(u => u.Message?.Chat.Id == Alice).Select(u => u.Message!.Text));
    }

    [Fact]
    public void TakesAtMostTheBatch_AndUpdatesWithoutAChat_EachOnTheirOwn()
    {
        var waiting = new[] { new Update { Id = 1 }, Press(2, Group), new Update { Id = 3 }, Press(4, Group), Press(5, Group) };

        Assert.Equal([1, 2, 3, 4], InboxOrder.Fair(waiting, 4).Select(u => u.Id));
        Assert.Empty(InboxOrder.Fair([], 100));
    }

    private static Update Press(int id, long chatId) => new()
    {
        Id = id,
        CallbackQuery = new CallbackQuery
        {
            Id = $"q{id}",
            From = new User { Id = 1000 + id, FirstName = "Mitglied" },
            Data = "rsvp:1:y",
            Message = new Message { Id = 50, Chat = new Chat { Id = chatId, Type = ChatType.Supergroup }, Date = DateTime.UnixEpoch },
        },
    };

    private static Update Text(int id, long chatId, string text) => new()
    {
        Id = id,
        Message = new Message
        {
            Id = id,
            Text = text,
            From = new User { Id = chatId, FirstName = "Alice" },
            Chat = new Chat { Id = chatId, Type = ChatType.Private },
            Date = DateTime.UnixEpoch,
        },
    };
}
