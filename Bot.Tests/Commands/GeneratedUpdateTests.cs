using System.Text.Json;
using Bot.Commands;
using Bot.Commands.Callbacks;
using Bot.Domain.Chapters;
using Bot.Persistence;
using Bot.Telegram.Outbox;
using Bot.Telegram.Updates;
using Bot.Tests.Fakes;
using Bot.Tests.Support;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Xunit.Abstractions;

namespace Bot.Tests.Commands;

/// <summary>The whole update pipeline (the real handler, router, commands, dialogs and database) fed with
/// generated updates: odd and huge texts, commands with garbage arguments, forged and stale buttons from members
/// and strangers, missing fields, group and channel chats. Whatever arrives, the bot answers like a bot and not
/// like a crashed program, and a button nobody was given changes nothing.</summary>
public class GeneratedUpdateTests(ITestOutputHelper output)
{
    /// <summary>The server the tests run on in <see cref="GeneratedUpdateTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    private const int Updates = 10_000;
    private const long Organizer = 2001;
    private const long Member = 2002;
    private const long Stranger = 3001;
    private const long OtherStranger = 3002;
    private const long LinkedGroup = -5001;
    private const long UnlinkedGroup = -5002;
    private const long Supergroup = -1_001_234_567_890;
    private const long Channel = -1_009_876_543_210;

    private static readonly long[] People = [TestBot.AdminId, Organizer, Member, Stranger, OtherStranger];
    private static readonly long[] Groups = [LinkedGroup, UnlinkedGroup, Supergroup];

    [Fact]
    public async Task NoGeneratedUpdate_FailsOrLeaksAStackTrace_EveryReplyIsValidTelegramHtml_AndForgedButtonsChangeNothing()
    {
        await using var bot = await TestBot.Start(TestBot.Unpaced(), services =>
            // Ten thousand updates at debug level would be millions of lines; failures are errors.
            services.Configure<LoggerFilterOptions>(o => o.MinLevel = LogLevel.Warning), postgres: Postgres);
        var world = await Seed(bot);
        var handler = bot.Services.GetRequiredService<IUpdateHandler>();
        var forgedChanges = new List<string>();
        var adminChanges = 0;
        var count = 0;

        await Generated(world).SampleAsync(async update =>
        {
            var presser = update.CallbackQuery?.From.Id;
            var forged = presser is Stranger or OtherStranger;
            var before = forged || presser == TestBot.AdminId ? await Snapshot(bot) : null;

            update.Id = bot.Api.NextUpdateId();
            await handler.Handle(update, CancellationToken.None);
            count++;

            if (before is not null && await Snapshot(bot) != before)
            {
                if (forged)
                {
                    forgedChanges.Add($"{update.CallbackQuery!.Data} by {presser}");
                }
                else
                {
                    adminChanges++;
                }
            }
        }, seed: "0000000000001", iter: Updates, threads: 1, print: Describe);

        Assert.Equal(Updates, count);
        output.WriteLine($"{count} updates; {adminChanges} presses by the admin changed something");
        Assert.Empty(forgedChanges);
        // The comparison can fail: the admin's generated presses (an RSVP, a revoked invite) do change things.
        Assert.True(adminChanges > 0, "no press changed anything, not even the admin's");
        var failures = bot.Logs.Entries.Where(e => e.Level >= LogLevel.Error && e.Category.EndsWith(nameof(UpdateProcessor), StringComparison.Ordinal)).ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} updates failed, the first: {failures.FirstOrDefault()?.Text}");
        AssertRepliesAreSafe(await Replies(bot));
    }

    private sealed record World(IReadOnlyList<string> Commands, IReadOnlyList<string> Routes, IReadOnlyList<string> ChapterNames, IReadOnlyList<long> Ids)
    {
        /// <summary>Arguments the bot's own buttons carry for this world (an event and an answer, an invite, a
        /// chapter with hours and uses), to send on every route: stale on the right one, forged on the others.</summary>
        public required IReadOnlyList<object[]> ButtonArguments { get; init; }

        /// <summary>When the generated messages say they were written: the bot's clock at the start.</summary>
        public required DateTime Now { get; init; }
    }

    /// <summary>A root with a district and a town below it, a linked group, an event, an invite, and people in each
    /// role; the generated updates then act on this world.</summary>
    private static async Task<World> Seed(TestBot bot)
    {
        await bot.AddChapter("Bezirk Nord");
        var town = await bot.AddChapter("Ortsverband Kiel", "Bezirk Nord");
        await bot.AddMember(Organizer, "Olga Orga", "Ortsverband Kiel", Role.Organizer, username: "olga");
        await bot.AddMember(Member, "Max Mitglied", "Ortsverband Kiel", username: "max");
        var @event = await bot.AddEvent("Stammtisch", TimeSpan.FromDays(3), "Ortsverband Kiel", capacity: 2);
        var invite = await bot.Db(async db =>
        {
            (await db.Chapters.SingleAsync(c => c.Id == town.Id)).GroupChatId = LinkedGroup;
            var invite = new Invite { Code = Invite.NewCode(), ChapterId = town.Id, CreatedAt = bot.Clock.GetUtcNow().UtcDateTime, ExpiresAt = bot.Clock.GetUtcNow().UtcDateTime.AddDays(1), MaxUses = 3 };
            db.Invites.Add(invite);
            await db.SaveChangesAsync();
            return invite;
        });

        await using var scope = bot.Services.CreateAsyncScope();
        var commands = scope.ServiceProvider.GetServices<IBotCommand>().Select(c => c.Name).Distinct().ToList();
        var routes = scope.ServiceProvider.GetServices<ICallbackHandler>().Select(c => c.Route).Distinct().ToList();
        return new World([.. commands, "unknown", "START", "x"], routes, ["Ortsverband Kiel", "Bezirk Nord", "Landesverband", "Nirgendwo"],
            [@event.Id, invite.Id, town.Id, 0, -1, Member, long.MaxValue])
        {
            ButtonArguments = [[@event.Id, "y"], [@event.Id, "n"], [@event.Id, "m"], [invite.Id], [town.Id, 24L, 1L], [town.Id], ["yes"]],
            Now = bot.Clock.GetUtcNow().UtcDateTime,
        };
    }

    private static Gen<Update> Generated(World world)
    {
        var person = Gen.OneOf(People);
        var language = Gen.OneOf<string?>("de", "en", "fr", null, "");
        var user = Gen.Select(person, language, (id, lang) => new User { Id = id, IsBot = false, FirstName = $"User {id}", Username = id == Member ? "max" : null, LanguageCode = lang });
        var privateChat = user.Select(u => (u, new Chat { Id = u.Id, Type = ChatType.Private, FirstName = u.FirstName }));
        var groupChat = Gen.Select(user, Gen.OneOf(Groups), (u, id) => (u, new Chat { Id = id, Type = id == Supergroup ? ChatType.Supergroup : ChatType.Group, Title = "Gruppe" }));
        var channelChat = user.Select(u => (u, new Chat { Id = Channel, Type = ChatType.Channel, Title = "Kanal" }));
        var where = Weighted<(User, Chat)>((6, privateChat), (3, groupChat), (1, channelChat));

        var text = Text(world);
        var message = Gen.Select(where, text, Gen.Int[1, 60], Gen.Int[0, 9], (w, t, id, shape) =>
        {
            var (from, chat) = w;
            var m = new Message { Id = id, From = from, Chat = chat, Text = t, Date = world.Now };
            switch (shape)
            {
                case 0:
                    m.From = null; // channel posts and anonymous admins have no sender
                    break;
                case 1:
                    m.From = new User { Id = 777, IsBot = true, FirstName = "Other bot" };
                    break;
                case 2:
                    m.Text = null; // a photo, a sticker, a service message
                    break;
                case 3:
                    m.ReplyToMessage = new Message { Id = id - 1, From = new User { Id = Member, IsBot = false, FirstName = "Max" }, Chat = chat, Date = world.Now };
                    break;
            }

            return new Update { Message = m };
        });

        var callback = Gen.Select(where, Data(world), Gen.Int[0, 60], Gen.Int[0, 9], (w, data, id, shape) =>
        {
            var (from, chat) = w;
            return new Update
            {
                CallbackQuery = new CallbackQuery
                {
                    Id = Guid.NewGuid().ToString("N"),
                    From = from,
                    Data = data,
                    // A button under a message too old to be shown comes without it.
                    Message = shape == 0 ? null : new Message { Id = id, Chat = chat, Date = world.Now.AddMinutes(-id) },
                },
            };
        });

        var membership = Gen.Select(where, Gen.Bool, Gen.Bool, (w, wasIn, isIn) => new Update
        {
            MyChatMember = new ChatMemberUpdated
            {
                Chat = w.Item2,
                From = w.Item1,
                Date = world.Now,
                OldChatMember = wasIn ? new ChatMemberMember { User = BotUser } : new ChatMemberLeft { User = BotUser },
                NewChatMember = isIn ? new ChatMemberMember { User = BotUser } : new ChatMemberBanned { User = BotUser },
            },
        });

        var empty = Gen.Const(0).Select(_ => new Update { EditedMessage = new Message { Id = 1, Chat = new Chat { Id = Member, Type = ChatType.Private }, Date = world.Now } });

        return Weighted<Update>((10, message), (8, callback), (1, membership), (1, empty));
    }

    private static Gen<T> Any<T>(params IGen<T>[] gens) => Gen.OneOf(gens);

    private static Gen<T> Weighted<T>(params (int, IGen<T>)[] gens) => Gen.Frequency(gens);

    private static readonly User BotUser = new() { Id = 7_000_000_001, IsBot = true, FirstName = "Bot", Username = "chapter_test_bot" };

    /// <summary>What people type: commands with garbage arguments, plain text of every kind, huge text.</summary>
    private static Gen<string> Text(World world)
    {
        var odd = Gen.String[Gen.Char, 0, 40];
        var markup = Gen.OneOf("<b>", "</i>", "&amp;", "&", "<a href=\"x\">", "\u0000", "\u202e", "👩‍👩‍👧", "𝔘", "\n\n", "   ", "|", "@", "#", "'\"");
        var word = Any<string>(
            Gen.OneOf(world.ChapterNames.ToArray()),
            Gen.OneOf("add", "off", "aus", "organizer", "admin", "member", "@max", "@olga", "@nobody", "2002", "3001", "99999999999999999999",
                "morgen 19 Uhr", "31.02.", "25:61", "-1", "0", "join_", "join_" + new string('A', 16), "yes", "no", "1.iv.1"),
            Gen.Long.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            markup,
            odd);
        var args = word.Array[0, 6].Select(words => string.Join(' ', words));
        var botName = Gen.OneOf("", "", "@chapter_test_bot", "@other_bot", "@");
        var command = Gen.Select(Gen.OneOf(world.Commands.ToArray()), botName, args, (name, at, rest) => $"/{name}{at} {rest}");
        var huge = Gen.Select(Gen.Int[3000, 5000], Gen.OneOf("a", "<", "&", "ü", "👍", "/role @max "), (n, piece) => string.Concat(Enumerable.Repeat(piece, n / piece.Length)));
        return Weighted<string>((6, command), (3, args), (1, odd), (1, huge));
    }

    /// <summary>Button data: the real routes with stale or forged arguments, other versions, and bytes that are no
    /// data at all.</summary>
    private static Gen<string?> Data(World world)
    {
        var argument = Any<object>(
            Gen.OneOf(world.Ids.Select(i => (object)i).ToArray()),
            Gen.Long[0, 5000].Select(n => (object)n),
            Gen.OneOf<object>("yes", "no", "y", "n", "m", "c", "x", "name", "parent", "role", "user", "chapter", "admin", "organizer", "member", "1", "en", "de"));
        var encoded = Gen.Select(Gen.OneOf(world.Routes.ToArray()), argument.Array[0, 4], (route, args) =>
        {
            try
            {
                return CallbackCodec.Encode(CallbackData.Of(route, args));
            }
            catch (ArgumentException)
            {
                return route; // too long to be a button the bot makes: sent as the bare route instead
            }
        });
        var stale = Gen.Select(Gen.OneOf(world.Routes.ToArray()), Gen.OneOf(world.ButtonArguments.ToArray()), (route, args) => CallbackCodec.Encode(CallbackData.Of(route, args)));
        var garbage = Gen.String[Gen.Char, 0, 64];
        var wrongVersion = Gen.OneOf(world.Routes.ToArray()).Select(r => $"0.{r}.1");
        return Weighted<string?>((6, encoded.Select(s => (string?)s)), (4, stale.Select(s => (string?)s)), (2, garbage.Select(s => (string?)s)), (1, wrongVersion.Select(s => (string?)s)), (1, Gen.Const((string?)null)));
    }

    /// <summary>Everything a button could change that matters to people: chapters and their groups, roles,
    /// invites, events and answers.</summary>
    private static Task<string> Snapshot(TestBot bot) => bot.Db(async db => JsonSerializer.Serialize(new object[]
    {
        await db.Chapters.AsNoTracking().OrderBy(c => c.Id).ToListAsync(),
        await db.Memberships.AsNoTracking().OrderBy(m => m.UserId).ThenBy(m => m.ChapterId).ToListAsync(),
        await db.Invites.AsNoTracking().OrderBy(i => i.Id).ToListAsync(),
        await db.Events.AsNoTracking().OrderBy(e => e.Id).ToListAsync(),
        await db.Rsvps.AsNoTracking().OrderBy(r => r.Id).ToListAsync(),
        await db.RoleChanges.AsNoTracking().CountAsync(),
    }));

    /// <summary>Every text the bot meant to send: what is still in the outbox, and what already reached Telegram
    /// (delivered ephemeral messages leave no row).</summary>
    private static async Task<IReadOnlyList<(OutboxKind Kind, string Text)>> Replies(TestBot bot)
    {
        var stored = await bot.Db(db => db.Outbox.AsNoTracking()
            .Where(o => o.Text != null && (o.Kind == OutboxKind.SendMessage || o.Kind == OutboxKind.EditMessageText || o.Kind == OutboxKind.AnswerCallbackQuery))
            .Select(o => new { o.Kind, o.Text }).ToListAsync());
        var requested = bot.Api.Requests
            .Where(r => r.Text is not null && r.Method is "sendMessage" or "editMessageText" or "answerCallbackQuery")
            .Select(r => (r.Method switch { "sendMessage" => OutboxKind.SendMessage, "editMessageText" => OutboxKind.EditMessageText, _ => OutboxKind.AnswerCallbackQuery }, r.Text!));
        return [.. stored.Select(s => (s.Kind, s.Text!)), .. requested];
    }

    private static void AssertRepliesAreSafe(IReadOnlyList<(OutboxKind Kind, string Text)> replies)
    {
        Assert.True(replies.Count > Updates / 2, $"only {replies.Count} replies: the updates did not reach the commands");
        var wrong = new List<string>();
        foreach (var (kind, text) in replies)
        {
            if (text.Contains("   at ", StringComparison.Ordinal) || text.Contains("Exception", StringComparison.Ordinal) || text.Contains(".cs:line", StringComparison.Ordinal))
            {
                wrong.Add($"stack trace: {text}");
            }
            else if (kind == OutboxKind.AnswerCallbackQuery)
            {
                if (text.Length > 200)
                {
                    wrong.Add($"callback answer over 200 characters: {text}");
                }
            }
            else if (TelegramHtml.Parse(text) is var parsed && !parsed.IsValid)
            {
                wrong.Add($"invalid HTML ({parsed.Error}): {text}");
            }
            else if (parsed.Text.Length is 0 or > 4096)
            {
                wrong.Add($"{parsed.Text.Length} characters: {text[..Math.Min(200, text.Length)]}");
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} bad replies, e.g.:\n{string.Join("\n", wrong.Distinct().Take(10))}");
    }

    private static string Describe(Update update) =>
        update.Message is { } m ? $"message in {m.Chat.Type} {m.Chat.Id} from {m.From?.Id}: {m.Text?[..Math.Min(m.Text.Length, 300)]}"
        : update.CallbackQuery is { } q ? $"button '{q.Data}' in {q.Message?.Chat.Id} from {q.From.Id}"
        : update.MyChatMember is { } c ? $"bot {c.OldChatMember.Status} -> {c.NewChatMember.Status} in {c.Chat.Id}"
        : "an update with nothing the bot handles";
}

/// <summary>The same ten thousand updates on PostgreSQL, which refuses NUL and half of an emoji in text that SQLite
/// stores: what is typed is made storable where updates enter (<see cref="Bot.Telegram.Updates.UpdateText"/>).</summary>
[Collection(PostgreSqlServer.Collection)]
public sealed class GeneratedUpdateTestsOnPostgreSql(ITestOutputHelper output, PostgreSqlServer postgres) : GeneratedUpdateTests(output)
{
    protected override PostgreSqlServer? Postgres => postgres;
}
