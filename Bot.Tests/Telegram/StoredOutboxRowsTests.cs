using Bot.Telegram.Outbox;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Telegram.Bot.Types;

namespace Bot.Tests.Telegram;

/// <summary>Rows written before the switch to Telegram.Bot, in the JSON the bot's own types stored (snake_case,
/// nulls left out), are still sent after the upgrade: an outbox is not emptied for a release.</summary>
public class StoredOutboxRowsTests
{
    /// <summary>The server the tests run on in <see cref="StoredOutboxRowsTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private const long Alice = 3001;
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task RowsInThePreviousFormat_AreSentAsTheyWereMeant()
    {
        await using var rig = await OutboxRig.Start(postgres: Postgres);
        await rig.Insert(
            new OutboxMessage
            {
                Kind = OutboxKind.SendMessage,
                ChatId = Alice,
                Text = "Kommst du?",
                ReplyMarkup = """{"inline_keyboard":[[{"text":"Ja","callback_data":"rsvp:1:yes"}],[{"text":"Teilen","url":"https://t.me/share/url?url=x"}]]}""",
            },
            new OutboxMessage
            {
                Kind = OutboxKind.SetCommands,
                ChatId = Alice,
                Text = """{"commands":[{"command":"events","description":"Termine"},{"command":"help","description":"Hilfe"}],"language_code":"de"}""",
            },
            new OutboxMessage
            {
                Kind = OutboxKind.SetCommands,
                ChatId = Alice,
                Text = """{"commands":[{"command":"start","description":"Beginnen"}]}""",
            },
            new OutboxMessage
            {
                Kind = OutboxKind.SendDocument,
                ChatId = Alice,
                DocumentName = "meine-daten.json",
                Text = """{"name":"Alice"}""",
                Caption = "Deine <b>Daten</b>",
            });

        await rig.AdvanceTo(TimeSpan.FromSeconds(5), Tick);

        var statuses = await rig.Db(db => db.Outbox.OrderBy(o => o.Id).Select(o => o.Status).ToListAsync());
        var errors = await rig.Db(db => db.Outbox.Select(o => o.LastError).ToListAsync());
        Assert.True(statuses.All(s => s == OutboxStatus.Sent), string.Join(" / ", errors));
        var sent = rig.Api.SentMessages(Alice);
        var question = Assert.Single(sent, m => m.Text == "Kommst du?");
        Assert.Equal([("Ja", "rsvp:1:yes", null), ("Teilen", null, "https://t.me/share/url?url=x")],
            question.Buttons.Select(b => (b.Text, b.CallbackData, b.Url)));
        Assert.Equal([("events", "Termine"), ("help", "Hilfe")],
            rig.Api.CommandsFor(BotCommandScope.Chat(Alice), "de")!.Select(c => (c.Command, c.Description)));
        Assert.Equal([("start", "Beginnen")], rig.Api.CommandsFor(BotCommandScope.Chat(Alice))!.Select(c => (c.Command, c.Description)));
        var document = Assert.Single(sent, m => m.Document is not null).Document!;
        Assert.Equal(("meine-daten.json", """{"name":"Alice"}"""), (document.FileName, document.Content));
    }
}

[Collection(PostgreSqlServer.Collection)]
public sealed class StoredOutboxRowsTestsOnPostgreSql(PostgreSqlServer postgres) : StoredOutboxRowsTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}
