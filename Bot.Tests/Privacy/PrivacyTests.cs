using System.Globalization;
using System.Text.Json.Nodes;
using Bot.Domain.Chapters;
using Bot.Persistence;
using Bot.Telegram;
using Bot.Telegram.Api;
using Bot.Telegram.Outbox;
using Bot.Telegram.Rendering;
using Bot.Tests.Fakes;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;
using Telegram.Bot;

namespace Bot.Tests.Privacy;

/// <summary>/mydata and /deleteme as members and strangers meet them, checked against what the database holds.</summary>
public class PrivacyTests
{
    /// <summary>The server the tests run on in <see cref="PrivacyTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    internal const long Zelda = 73_105_577;
    private const long Otto = 73_200_001;
    private const long Stranger = 73_300_003;
    private const string Chapter = "Kreisverband Nord";
    internal const string Erase = "🗑 Yes, erase my data";

    [Fact]
    public async Task MyData_SendsASummary_AndAJsonFileWithNameMembershipsAndRoles()
    {
        await using var bot = await WithZeldaAndOtto();

        var summary = await bot.Ask(Zelda, "/mydata", "en");
        var file = await bot.Api.WaitForMessage(Zelda, m => m.Document is not null);

        Assert.Contains("Zelda Quinn", summary.Text);
        Assert.Contains("@zelda_q", summary.Text);
        Assert.Contains($"{Chapter}: organizer", summary.Text);
        Assert.Contains("Landesverband: member", summary.Text);
        Assert.Contains("/deleteme", summary.Text);
        Assert.Matches(@"^mydata-\d{4}-\d{2}-\d{2}\.json$", file.Document!.FileName);
        var json = JsonNode.Parse(file.Document.Content)!;
        Assert.Equal(Zelda, (long)json["user_id"]!);
        Assert.Equal("Zelda Quinn", (string)json["chapters"]!["member"]!["display_name"]!);
        Assert.Equal("zelda_q", (string)json["chapters"]!["member"]!["username"]!);
        var memberships = json["chapters"]!["memberships"]!.AsArray();
        Assert.Contains(memberships, m => (string)m!["chapter"]! == Chapter && (string)m["role"]! == "organizer");
        Assert.Contains(memberships, m => (string)m!["chapter"]! == "Landesverband" && (string)m["role"]! == "member");
        var changes = json["chapters"]!["role_changes"]!.AsArray();
        Assert.Contains(changes, c => (bool)c!["about_you"]! && (string)c["new_role"]! == "organizer");
        Assert.Contains(changes, c => (bool)c!["by_you"]! && !(bool)c["about_you"]!);
        Assert.Single(json["chapters"]!["invites_created"]!.AsArray());
        Assert.Equal(3, (int)json["telegram"]!["messages_to_others_that_name_you"]!);
    }

    [Fact]
    public async Task MyData_HoldsNothingAboutOtherMembers()
    {
        await using var bot = await WithZeldaAndOtto();

        var summary = await bot.Ask(Zelda, "/mydata", "en");
        var file = await bot.Api.WaitForMessage(Zelda, m => m.Document is not null);

        foreach (var trace in new[] { "Otto", "otto_b", Otto.ToString(CultureInfo.InvariantCulture) })
        {
            Assert.DoesNotContain(trace, summary.Text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(trace, file.Document!.Content, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task MyData_InAGroup_AnswersPrivately_AndTheGroupOnlyHearsWhere()
    {
        await using var bot = await WithZeldaAndOtto();
        const long group = -100_500;
        bot.Api.AddGroup(group, "Nord");

        bot.Api.UserSends(Zelda, group, "/mydata", "en");
        var file = await bot.Api.WaitForMessage(Zelda, m => m.Document is not null);
        var pointer = await bot.Api.WaitForMessage(group);

        Assert.Contains("Zelda Quinn", file.Document!.Content);
        Assert.Contains("private chat", pointer.Text);
        var inGroup = Assert.Single(bot.Api.SentMessages(group));
        Assert.DoesNotContain("Zelda", inGroup.Text);
        Assert.Null(inGroup.Document);
    }

    [Fact]
    public async Task MyData_ForAStranger_SaysNothingIsStored_AndKeepsNothing()
    {
        await using var bot = await TestBot.Start(postgres: Postgres);

        var reply = await bot.Ask(Stranger, "/mydata", "en");
        await Settled(bot);

        Assert.Contains("I store nothing about you", reply.Text);
        Assert.All(bot.Api.SentMessages(Stranger), m => Assert.Null(m.Document));
        Assert.Empty(Traces(await EveryValue(bot), Stranger));
    }

    [Fact]
    public async Task MyData_ForAStrangerWhoWroteBefore_ShowsTheMessagesKeptForThem()
    {
        await using var bot = await TestBot.Start(postgres: Postgres);
        await bot.Ask(Stranger, "/start", "en");

        var summary = await bot.Ask(Stranger, "/mydata", "en");
        var file = await bot.Api.WaitForMessage(Stranger, m => m.Document is not null);

        Assert.Contains("not a member of any chapter", summary.Text);
        Assert.Contains("Telegram", summary.Text);
        var messages = JsonNode.Parse(file.Document!.Content)!["telegram"]!["messages_to_you"]!.AsArray();
        Assert.Contains(messages, m => ((string?)m!["text"])?.Contains("Welcome") == true);
        Assert.Null(JsonNode.Parse(file.Document.Content)!["chapters"]);
    }

    [Fact]
    public async Task DeleteMe_ForAStranger_SaysNothingIsStored_WithoutButtons()
    {
        await using var bot = await TestBot.Start(postgres: Postgres);

        var reply = await bot.Ask(Stranger, "/deleteme", "en");
        await Settled(bot);

        Assert.Contains("I store nothing about you", reply.Text);
        Assert.Empty(reply.Buttons);
        Assert.Empty(Traces(await EveryValue(bot), Stranger));
    }

    [Fact]
    public async Task DeleteMe_WarnsWhatGoesAndWhatRemains_BeforeAnythingIsErased()
    {
        await using var bot = await WithZeldaAndOtto();

        var warning = await bot.Ask(Zelda, "/deleteme", "en");

        Assert.Contains("Erase your data?", warning.Text);
        Assert.Contains("Your memberships end", warning.Text);
        Assert.Contains("anonymous counts", warning.Text);
        Assert.Contains("delete those in Telegram yourself", warning.Text);
        Assert.Equal([Erase, "Cancel"], warning.Buttons.Select(b => b.Text));
        Assert.NotNull(await bot.Db(db => db.Members.FindAsync(Zelda).AsTask()));
    }

    [Fact]
    public async Task DeleteMe_Confirmed_LeavesNothingInTheDatabaseThatNamesThePerson()
    {
        await using var bot = await WithZeldaAndOtto();
        var warning = await bot.Ask(Zelda, "/deleteme", "en");

        await Press(bot, warning, Erase);

        Assert.Contains("Your data is erased", bot.Api.ShownMessage(Zelda, warning.MessageId)!.Text);
        Assert.Empty(bot.Api.ShownMessage(Zelda, warning.MessageId)!.Buttons);
        Assert.Empty(Traces(await EveryValue(bot), Zelda, "Zelda Quinn", "zelda_q"));
    }

    [Fact]
    public async Task DeleteMe_Confirmed_AnOrganizersMenuGoesBackToWhatAnyoneHas()
    {
        await using var bot = await WithZeldaAndOtto();
        var warning = await bot.Ask(Zelda, "/deleteme", "en");

        await Press(bot, warning, Erase);

        var chat = BotCommandScope.Chat(Zelda);
        await bot.Api.WaitFor(() => bot.Api.CommandsFor(chat) is { } menu && menu.All(c => c.Command != "members"), what: "Zelda's menu reset");
        Assert.Contains(bot.Api.CommandsFor(chat)!, c => c.Command == "start");
        Assert.Empty(Traces(await EveryValue(bot), Zelda, "Zelda Quinn", "zelda_q"));
    }

    [Fact]
    public async Task DeleteMe_Confirmed_KeepsPastAnswersAsAnonymousCounts_AndGivesUpcomingPlacesToTheWaitlist()
    {
        await using var bot = await WithZeldaAndOtto();
        var past = await bot.AddEvent("Stammtisch", TimeSpan.FromDays(-3), Chapter, capacity: 10);
        var upcoming = await bot.AddEvent("Stadtführung", TimeSpan.FromDays(3), Chapter, capacity: 2);
        await bot.Db(db =>
        {
            db.Rsvps.Add(new Bot.Domain.Events.Rsvp { EventId = past.Id, UserId = Zelda, Answer = Bot.Domain.Events.Answer.Yes, Guests = 1, Ticket = 1, AnsweredAt = bot.Clock.GetUtcNow().UtcDateTime });
            db.Rsvps.Add(new Bot.Domain.Events.Rsvp { EventId = past.Id, UserId = Otto, Answer = Bot.Domain.Events.Answer.Yes, Ticket = 2, AnsweredAt = bot.Clock.GetUtcNow().UtcDateTime });
            db.Rsvps.Add(new Bot.Domain.Events.Rsvp { EventId = upcoming.Id, UserId = Zelda, Answer = Bot.Domain.Events.Answer.Yes, Guests = 1, Ticket = 1, AnsweredAt = bot.Clock.GetUtcNow().UtcDateTime });
            db.Rsvps.Add(new Bot.Domain.Events.Rsvp { EventId = upcoming.Id, UserId = Otto, Answer = Bot.Domain.Events.Answer.Yes, Ticket = 2, AnsweredAt = bot.Clock.GetUtcNow().UtcDateTime });
            return db.SaveChangesAsync();
        });
        var waitingBefore = Bot.Domain.Events.Waitlist.Of(upcoming, await bot.Db(db => db.Rsvps.Where(r => r.EventId == upcoming.Id).ToListAsync())).WaitlistPlace(Otto);
        var warning = await bot.Ask(Zelda, "/deleteme", "en");

        await Press(bot, warning, Erase);

        Assert.Empty(Traces(await EveryValue(bot), Zelda, "Zelda Quinn", "zelda_q"));
        var pastAnswers = await bot.Db(db => db.Rsvps.Where(r => r.EventId == past.Id).ToListAsync());
        Assert.Equal((2, 3), (Bot.Domain.Events.Waitlist.Of(past, pastAnswers).Confirmed, Bot.Domain.Events.Waitlist.Of(past, pastAnswers).Taken));
        Assert.Contains(pastAnswers, r => r.UserId == null);
        var upcomingAnswers = await bot.Db(db => db.Rsvps.Where(r => r.EventId == upcoming.Id).ToListAsync());
        Assert.Equal(1, waitingBefore);
        Assert.True(Bot.Domain.Events.Waitlist.Of(upcoming, upcomingAnswers).HasPlace(Otto));
        Assert.DoesNotContain(upcomingAnswers, r => r.UserId == null);
    }

    [Fact]
    public async Task DeleteMe_Confirmed_KeepsTheAuditLogAndInvites_WithoutWho()
    {
        await using var bot = await WithZeldaAndOtto();
        var warning = await bot.Ask(Zelda, "/deleteme", "en");

        await Press(bot, warning, Erase);

        var changes = await bot.Db(db => db.RoleChanges.Where(r => db.Chapters.Any(c => c.Id == r.ChapterId && c.Name == Chapter)).OrderBy(r => r.Id).ToListAsync());
        Assert.Equal(2, changes.Count);
        Assert.Equal(((long?)null, (long?)Otto, Role.Organizer), (changes[0].UserId, changes[0].ActorId, changes[0].NewRole));
        Assert.Equal(((long?)Otto, (long?)null, Role.Member), (changes[1].UserId, changes[1].ActorId, changes[1].NewRole));
        var invite = await bot.Db(db => db.Invites.SingleAsync());
        Assert.Null(invite.CreatedBy);
        Assert.Equal(1, invite.Uses);
    }

    [Fact]
    public async Task DeleteMe_Confirmed_LeavesOtherMembersAsTheyWere()
    {
        await using var bot = await WithZeldaAndOtto();
        var ottoBefore = await OttosData(bot);
        var warning = await bot.Ask(Zelda, "/deleteme", "en");

        await Press(bot, warning, Erase);

        Assert.Equal(ottoBefore, await OttosData(bot));
        var toOtto = await bot.Db(db => db.Outbox.Where(o => o.ChatId == Otto).OrderBy(o => o.Id).ToListAsync());
        Assert.Equal(3, toOtto.Count);
        Assert.Contains("• <b>[…]</b> ([…]), organizer", toOtto[0].Text);
        Assert.Contains("<b>Otto Brandt</b>, admin", toOtto[0].Text);
        var keyboard = System.Text.Json.JsonSerializer.Deserialize<InlineKeyboardMarkup>(toOtto[1].ReplyMarkup!, JsonBotAPI.Options)!;
        Assert.Equal(PersonMentions.Redacted, keyboard.InlineKeyboard.First().First().Text);
        Assert.Equal("1.x.1", keyboard.InlineKeyboard.First().First().CallbackData);
        Assert.Equal("""[{"name": "[…]", "username": "[…]", "id": […]}]""", toOtto[2].Text);
    }

    [Fact]
    public async Task DeleteMe_Cancelled_ChangesNothing()
    {
        await using var bot = await WithZeldaAndOtto();
        var before = Snapshot(await EveryValue(bot));
        var toOtto = await bot.Db(db => db.Outbox.Where(o => o.ChatId == Otto).Select(o => o.Text + o.ReplyMarkup).ToListAsync());
        var warning = await bot.Ask(Zelda, "/deleteme", "en");

        await Press(bot, warning, "Cancel");

        Assert.Contains("Nothing was erased", bot.Api.ShownMessage(Zelda, warning.MessageId)!.Text);
        Assert.Equal(before, Snapshot(await EveryValue(bot)));
        Assert.Equal(toOtto, await bot.Db(db => db.Outbox.Where(o => o.ChatId == Otto).Select(o => o.Text + o.ReplyMarkup).ToListAsync()));
    }

    [Fact]
    public async Task DeleteMe_ConfirmedTwice_IsHarmless()
    {
        await using var bot = await WithZeldaAndOtto();
        var ottoBefore = await OttosData(bot);
        var warning = await bot.Ask(Zelda, "/deleteme", "en");
        var data = warning.Button(Erase).CallbackData!;

        var first = bot.Api.UserPresses(Zelda, Zelda, warning.MessageId, data);
        var second = bot.Api.UserPresses(Zelda, Zelda, warning.MessageId, data);
        await bot.Api.WaitFor(() => bot.Api.AnswerTo(first.CallbackQuery!.Id) is not null && bot.Api.AnswerTo(second.CallbackQuery!.Id) is not null);
        await Settled(bot);

        Assert.Equal("Your data is erased.", bot.Api.AnswerTo(first.CallbackQuery!.Id)!.Text);
        Assert.Equal("Your data is erased.", bot.Api.AnswerTo(second.CallbackQuery!.Id)!.Text);
        Assert.Contains("Your data is erased", bot.Api.ShownMessage(Zelda, warning.MessageId)!.Text);
        Assert.Empty(Traces(await EveryValue(bot), Zelda, "Zelda Quinn", "zelda_q"));
        Assert.Equal(ottoBefore, await OttosData(bot));
    }

    [Fact]
    public async Task DeleteMe_ConfirmedAfterADay_ErasesNothing_AndSaysToAskAgain()
    {
        var clock = new FakeTimeProvider();
        await using var bot = await WithZeldaAndOtto(clock);
        var warning = await bot.Ask(Zelda, "/deleteme", "en");

        clock.Advance(TimeSpan.FromDays(2));
        var press = bot.Api.UserPresses(Zelda, Zelda, warning.MessageId, warning.Button(Erase).CallbackData!);
        await bot.Api.WaitFor(() => bot.Api.AnswerTo(press.CallbackQuery!.Id) is not null);
        await Settled(bot, clock);

        Assert.Contains("more than a day old", bot.Api.ShownMessage(Zelda, warning.MessageId)!.Text);
        Assert.NotNull(await bot.Db(db => db.Members.FindAsync(Zelda).AsTask()));
    }

    [Fact]
    public async Task EraseButton_PressedInAGroup_ErasesNothing()
    {
        await using var bot = await WithZeldaAndOtto();
        const long group = -100_600;
        bot.Api.AddGroup(group, "Nord");
        bot.Api.UserSends(Zelda, group, "/mydata", "en");
        var pointer = await bot.Api.WaitForMessage(group);

        var press = bot.Api.UserPresses(Zelda, group, pointer.MessageId, "1.del~yes");
        await bot.Api.WaitFor(() => bot.Api.AnswerTo(press.CallbackQuery!.Id) is not null);

        Assert.Equal("This button is no longer valid.", bot.Api.AnswerTo(press.CallbackQuery!.Id)!.Text);
        Assert.NotNull(await bot.Db(db => db.Members.FindAsync(Zelda).AsTask()));
    }

    [Fact]
    public async Task DeleteMe_SpeaksGerman_ToGermanSpeakers()
    {
        await using var bot = await WithZeldaAndOtto();

        var warning = await bot.Ask(Zelda, "/deleteme", "de");

        Assert.Contains("Deine Daten löschen?", warning.Text);
        Assert.Equal(["🗑 Ja, meine Daten löschen", "Abbrechen"], warning.Buttons.Select(b => b.Text));
    }

    /// <summary>Zelda: organizer of the Kreisverband, member of the root, with an invite she created, role changes
    /// about her and by her, an open dialog, a known chat and a message waiting for her. Otto: admin of the
    /// Kreisverband, who was sent a member list, a file and a button that name her.</summary>
    private Task<TestBot> WithZeldaAndOtto(FakeTimeProvider? clock = null) => WithZeldaAndOtto(Postgres, clock);

    internal static async Task<TestBot> WithZeldaAndOtto(PostgreSqlServer? postgres, FakeTimeProvider? clock = null)
    {
        var bot = await TestBot.Start(clock: clock, postgres: postgres);
        bot.Api.AddUser(new User { Id = Zelda, IsBot = false, FirstName = "Zelda", LastName = "Quinn", Username = "zelda_q", LanguageCode = "en" });
        bot.Api.AddUser(new User { Id = Otto, IsBot = false, FirstName = "Otto", LastName = "Brandt", Username = "otto_b", LanguageCode = "en" });
        bot.Api.OpenPrivateChat(Zelda);
        bot.Api.OpenPrivateChat(Otto);
        var chapter = await bot.AddChapter(Chapter);
        await bot.AddMember(Zelda, "Zelda Quinn", Chapter, Role.Organizer, "zelda_q");
        await bot.AddMember(Zelda, "Zelda Quinn");
        await bot.AddMember(Otto, "Otto Brandt", Chapter, Role.Admin, "otto_b");
        // As joining stored it: the language their apps report.
        await bot.Db(db => db.Members.Where(m => m.UserId == Zelda || m.UserId == Otto).ExecuteUpdateAsync(s => s.SetProperty(m => m.Language, "en")));
        var now = bot.Clock.GetUtcNow().UtcDateTime;
        await bot.Db(db =>
        {
            db.RoleChanges.Add(new RoleChange { At = now, ChapterId = chapter.Id, UserId = Zelda, ActorId = Otto, OldRole = Role.Member, NewRole = Role.Organizer });
            db.RoleChanges.Add(new RoleChange { At = now, ChapterId = chapter.Id, UserId = Otto, ActorId = Zelda, NewRole = Role.Member });
            db.Invites.Add(new Invite { Code = Invite.NewCode(), ChapterId = chapter.Id, CreatedBy = Zelda, CreatedAt = now, ExpiresAt = now.AddDays(7), MaxUses = 5, Uses = 1 });
            db.Dialogs.Add(new Bot.Persistence.DialogState { ChatId = Zelda, UserId = Zelda, Name = "newevent", Step = "title", Data = "{\"place\":\"Zelda Quinn's garden\"}", UpdatedAt = now });
            db.Chats.Add(new KnownChat { ChatId = Zelda, UpdatedAt = now });
            return db.SaveChangesAsync();
        });

        await using (var scope = bot.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<OutboxWriter>();
            outbox.Send(Zelda, Html.Format($"Hello {"Zelda Quinn"}, the Stammtisch is tomorrow."));
            var keyboard = new InlineKeyboardMarkup([[new InlineKeyboardButton("Zelda Quinn") { CallbackData = "1.x.1" }]]);
            outbox.Send(Otto, Html.Format($"Members of {Chapter}:\n• <b>{"Zelda Quinn"}</b> (@{"zelda_q"}), organizer\n• <b>{"Otto Brandt"}</b>, admin"));
            outbox.Send(Otto, Html.Text("Whom do you mean?"), keyboard);
            outbox.SendDocument(Otto, "members.json", $$"""[{"name": "Zelda Quinn", "username": "zelda_q", "id": {{Zelda}}}]""");
            await scope.ServiceProvider.GetRequiredService<BotDbContext>().SaveChangesAsync();
        }

        bot.Services.GetRequiredService<OutboxSignal>().Notify();
        await Settled(bot, clock);
        return bot;
    }

    /// <summary>Presses a button under a message and waits until the answer reached the chat and its outbox rows
    /// were settled, so the database is read as it stays.</summary>
    internal static async Task Press(TestBot bot, FakeMessage message, string button)
    {
        var press = bot.Api.UserPresses(message.ChatId, message.ChatId, message.MessageId, message.Button(button).CallbackData!);
        await bot.Api.WaitFor(() => bot.Api.AnswerTo(press.CallbackQuery!.Id) is not null, what: "the answer to the press");
        await bot.Api.WaitFor(() => bot.Api.ShownMessage(message.ChatId, message.MessageId)?.Edited == true, what: "the warning replaced");
        await Settled(bot);
    }

    /// <summary>Waits until nothing is pending and no ephemeral row is left; a fake clock moves on meanwhile, so
    /// the dispatcher's pacing lets the rows go.</summary>
    private static Task Settled(TestBot bot, FakeTimeProvider? clock = null) =>
        bot.Api.WaitFor(
            () =>
            {
                clock?.Advance(TimeSpan.FromSeconds(1));
                return !bot.Db(db => db.Outbox.AnyAsync(o => o.Status == OutboxStatus.Pending || o.Tag == OutboxWriter.EphemeralTag)).Result;
            },
            what: "the outbox settled");

    private static Task<string> OttosData(TestBot bot) =>
        bot.Db(async db =>
        {
            var member = await db.Members.AsNoTracking().SingleAsync(m => m.UserId == Otto);
            var memberships = await db.Memberships.AsNoTracking().Where(m => m.UserId == Otto).Select(m => $"{m.ChapterId}:{m.Role}").ToListAsync();
            return $"{member.DisplayName}|{member.Username}|{member.JoinedAt:O}|{string.Join(",", memberships)}";
        });

    /// <summary>Every text and integer value of every row of every table in the bot's database.</summary>
    private static Task<List<(string Table, string Column, object Value)>> EveryValue(TestBot bot) =>
        bot.Db(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            var tables = new List<string>();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = db.Database.IsNpgsql()
                    ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
                    : "SELECT name FROM sqlite_master WHERE type = 'table'";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            Assert.Contains("members", tables);
            Assert.Contains("outbox", tables);
            var values = new List<(string, string, object)>();
            foreach (var table in tables)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT * FROM \"{table}\"";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        if (reader.GetValue(i) is string or long)
                        {
                            values.Add((table, reader.GetName(i), reader.GetValue(i)));
                        }
                    }
                }
            }

            return values;
        });

    /// <summary>The values that name the person: their id as a number or in text, or any of the given names.</summary>
    private static List<(string Table, string Column, object Value)> Traces(List<(string Table, string Column, object Value)> values, long userId, params string[] names) =>
        values.Where(v => v.Value switch
        {
            long number => number == userId,
            string text => text.Contains(userId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                || names.Any(n => text.Contains(n, StringComparison.OrdinalIgnoreCase)),
            _ => false,
        }).ToList();

    /// <summary>The whole database but the outbox and the processed update ids, which every press adds to.</summary>
    /// <summary>Every stored value, except the bookkeeping that any message to the bot changes: the queue, the
    /// updates seen, the lease of the worker applying them, and when the person last wrote.</summary>
    private static List<string> Snapshot(List<(string Table, string Column, object Value)> values) =>
        values.Where(v => v.Table is not ("outbox" or "processed_updates" or "webhook_inbox_lease" or "sqlite_sequence") && $"{v.Table}.{v.Column}" != "chats.heard_from_at")
            .Select(v => $"{v.Table}.{v.Column}={v.Value}").ToList();
}

/// <summary>The same tests on PostgreSQL.</summary>
[Collection(PostgreSqlServer.Collection)]
public sealed class PrivacyTestsOnPostgreSql(PostgreSqlServer postgres) : PrivacyTests
{
    protected override PostgreSqlServer? Postgres => postgres;
}

/// <summary>What SQLite keeps in its file after /deleteme. PostgreSQL has no counterpart to SQLite's secure delete: a
/// deleted row stays in its page until vacuum reuses the space (README, "PostgreSQL").</summary>
public sealed class ErasedDataOnDiskTests
{
    [Fact]
    public async Task DeleteMe_Confirmed_LeavesNoTraceInTheDatabaseFile_NotEvenInFreedSpace()
    {
        await using var bot = await PrivacyTests.WithZeldaAndOtto(postgres: null);
        await bot.Ask(PrivacyTests.Zelda, "/mydata", "en");
        await bot.Api.WaitForMessage(PrivacyTests.Zelda, m => m.Document is not null);
        var warning = await bot.Ask(PrivacyTests.Zelda, "/deleteme", "en");
        await PrivacyTests.Press(bot, warning, PrivacyTests.Erase);
        await bot.Api.WaitFor(() => bot.Api.ShownMessage(PrivacyTests.Zelda, warning.MessageId)!.Text.Contains("Your data is erased"), what: "the erasure");

        await bot.StopHost();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        Assert.NotEmpty(bot.DatabaseFiles);
        foreach (var file in bot.DatabaseFiles)
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.Equal(-1, bytes.AsSpan().IndexOf("Zelda Quinn"u8));
            Assert.Equal(-1, bytes.AsSpan().IndexOf("zelda_q"u8));
        }
    }
}
