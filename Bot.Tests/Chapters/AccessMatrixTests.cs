using Bot.Commands;
using Bot.Domain.Chapters;
using Bot.Telegram.Outbox;
using Bot.Tests.Fakes;
using Bot.Tests.Support;
using Bot.Texts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Chapters;

/// <summary>Every command the bot has (whoever added it), run without arguments by a stranger, a member, an
/// organizer and an admin, in a private chat and in a linked group: refused exactly where the command menu leaves
/// it out, and never a member's name for a stranger or a plain member.</summary>
public class AccessMatrixTests(AccessMatrixTests.Matrix matrix) : IClassFixture<AccessMatrixTests.Matrix>
{
    /// <summary>The server the tests run on in <see cref="AccessMatrixTestsOnPostgreSql"/>; SQLite here.</summary>
    protected virtual PostgreSqlServer? Postgres => null;

    [Fact]
    public Task InPrivate_ACommandIsRefusedExactlyWhenTheMenuLeavesItOut() =>
        AssertRefusedExactlyWhenLeftOut(ChatKinds.Private);

    [Fact]
    public Task InALinkedGroup_ACommandIsRefusedExactlyWhenTheMenuLeavesItOut() =>
        AssertRefusedExactlyWhenLeftOut(ChatKinds.Group);

    [Fact]
    public async Task NoReply_ToAStrangerOrAPlainMember_NamesAnotherMember()
    {
        await matrix.Ready(Postgres);
        var leaks = matrix.Cases
            .Where(c => c.Level <= Access.Member)
            .SelectMany(c => c.Replies.Where(Names).Select(r => $"/{c.Command} by a {c.Level} in {c.Chat}: \"{r}\""))
            .ToList();

        Assert.True(leaks.Count == 0, "Names reached people who may not see them:\n" + string.Join("\n", leaks));
        // The check can fail: an organizer's /members does show the names.
        Assert.Contains(matrix.Cases, c => c.Command == "members" && c.Level == Access.Organizer && c.Replies.Any(Names));
    }

    [Fact]
    public async Task NoCommand_EndsInAnApology()
    {
        await matrix.Ready(Postgres);
        var apology = matrix.Texts.Plain("Error.Apology", TextCatalog.English);

        Assert.DoesNotContain(matrix.Cases, c => c.Replies.Contains(apology));
    }

    private static bool Names(string reply) =>
        reply.Contains(Matrix.MemberName, StringComparison.Ordinal) || reply.Contains(Matrix.OrganizerName, StringComparison.Ordinal);

    private async Task AssertRefusedExactlyWhenLeftOut(ChatKinds chat)
    {
        await matrix.Ready(Postgres);
        var cases = matrix.Cases.Where(c => c.Chat == chat).ToList();
        var wrong = cases
            .Where(c => c.Refused(matrix.Texts) != !c.Offered || c.Replies.Count == 0 && chat == ChatKinds.Private)
            .Select(c => $"/{c.Command} by a {c.Level}: {(c.Replies.Count == 0 ? "no answer" : c.Offered ? "offered but refused" : "left out but ran")}; replies: {string.Join(" | ", c.Replies)}")
            .ToList();

        Assert.NotEmpty(cases);
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.Contains(cases, c => c.Offered);
        Assert.Contains(cases, c => !c.Offered);
    }

    /// <summary>One command run by one person in one chat, and what the bot answered there and privately.</summary>
    public sealed record Case(string Command, Access Level, ChatKinds Chat, bool Offered, IReadOnlyList<string> Replies, bool SilentInGroup)
    {
        public bool Refused(TextCatalog texts)
        {
            var english = TextCatalog.English;
            // A refusal names the role needed and whom to ask: the part before the chapter's name is the same for all.
            var notAllowed = new[] { "Command.NotAllowed.Organizer", "Command.NotAllowed.Admin", "Command.NotAllowed.Member" }
                .Select(key => texts.Plain(key, english, Command, "\u0001").Split('\u0001')[0]).ToList();
            var groupOnly = texts.Plain("Command.GroupOnly", english, Command);
            var privateOnly = texts.Plain("Command.PrivateOnly", english, Command, "");
            return SilentInGroup || Replies.Any(r => notAllowed.Any(n => r.StartsWith(n, StringComparison.Ordinal)) || r == groupOnly || r.StartsWith(privateOnly, StringComparison.Ordinal));
        }
    }

    /// <summary>One host for the whole matrix: a chapter linked to a group, with a member and an organizer whose
    /// names must not leak, and for every case a person of its own (so no case changes another's standing). Run by
    /// the first test that needs it, as only the test class knows the database it runs on.</summary>
    public sealed class Matrix : IAsyncLifetime
    {
        public const string MemberName = "Zacharias Quellenberg";
        public const string OrganizerName = "Ottilie Nachtigall";
        private const string Chapter = "Ortsverband Matrix";
        private const long Group = -4901;
        private const long FirstUser = 5000;

        private TestBot? bot;
        private Task? run;

        public IReadOnlyList<Case> Cases { get; private set; } = [];

        public TextCatalog Texts { get; private set; } = null!;

        public Task InitializeAsync() => Task.CompletedTask;

        /// <summary>Runs the matrix on <paramref name="postgres"/> (SQLite when null), once for the test class; a
        /// failure fails every test that asks.</summary>
        public Task Ready(PostgreSqlServer? postgres) => run ??= RunOn(postgres);

        private async Task RunOn(PostgreSqlServer? postgres)
        {
            // The matrix is about who may do what, not about Telegram's pace: a group's 20 messages a minute would
            // make one case after another wait three seconds.
            bot = await TestBot.Start(new Dictionary<string, string?>
            {
                ["Telegram:Limits:PerGroupPerMinute"] = "60000",
                ["Telegram:Limits:GlobalPerSecond"] = "1000",
            }, postgres: postgres);
            Texts = bot.Services.GetRequiredService<TextCatalog>();
            await bot.AddChapter(Chapter);
            await bot.AddMember(4902, MemberName, Chapter);
            await bot.AddMember(4903, OrganizerName, Chapter, Role.Organizer);
            await bot.LinkGroup(Chapter, Group);

            List<IBotCommand> commands;
            await using (var scope = bot.Services.CreateAsyncScope())
            {
                commands = scope.ServiceProvider.GetServices<IBotCommand>().OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
            }

            var levels = new[] { Access.Anyone, Access.Member, Access.Organizer, Access.Admin };
            var runs = new List<Run>();
            var user = FirstUser;
            foreach (var chat in new[] { ChatKinds.Private, ChatKinds.Group })
            {
                foreach (var command in commands)
                {
                    foreach (var level in levels)
                    {
                        if (level > Access.Anyone)
                        {
                            await bot.AddMember(user, $"Case {user}", Chapter, (Role)(int)level);
                        }

                        bot.Api.OpenPrivateChat(user);
                        var offered = CommandMenu.Available(commands, level, chat).Any(c => c.Name == command.Name);
                        runs.Add(new Run(command.Name, level, chat, offered, user++));
                    }
                }
            }

            // Private chats are independent: all at once. The group is shared: one case after another.
            var inPrivate = runs.Where(r => r.Chat == ChatKinds.Private).ToList();
            foreach (var run in inPrivate)
            {
                run.Update = bot.Api.UserSends(run.UserId, run.UserId, "/" + run.Command, "en").Id;
            }

            await Settled(inPrivate);
            var results = inPrivate.Select(r => r.Result(bot, groupMessages: [])).ToList();
            foreach (var run in runs.Where(r => r.Chat == ChatKinds.Group))
            {
                var before = bot.Api.SentMessages(Group).Count;
                run.Update = bot.Api.UserSends(run.UserId, Group, "/" + run.Command, "en").Id;
                await Settled([run]);
                results.Add(run.Result(bot, bot.Api.SentMessages(Group).Skip(before).ToList()));
                await RestoreGroupLink();
            }

            Cases = results;
        }

        public async Task DisposeAsync()
        {
            if (bot is not null)
            {
                await bot.DisposeAsync();
            }
        }

        /// <summary>Until the updates are processed and every message they queued for their chats has reached the
        /// fake (or was refused by it).</summary>
        private async Task Settled(IReadOnlyList<Run> runs)
        {
            var updates = runs.Select(r => r.Update).ToList();
            var chats = runs.Select(r => r.UserId).Append(Group).ToHashSet();
            await bot!.Api.WaitFor(
                () => bot.Db(async db =>
                {
                    if (await db.ProcessedUpdates.CountAsync(p => updates.Contains(p.UpdateId)) < updates.Count)
                    {
                        return false;
                    }

                    // Per row, not by totals: replies that are deleted once sent (privacy answers) must not make up for
                    // replies still waiting in another chat.
                    return !await db.Outbox.AnyAsync(o => o.Status == OutboxStatus.Pending && o.ChatId != null && chats.Contains(o.ChatId.Value));
                }).Result,
                TimeSpan.FromSeconds(60),
                "the commands answered");
        }

        /// <summary>A command may move the group to another chapter (linking is a command too): the next case finds it as before.</summary>
        private Task RestoreGroupLink() =>
            bot!.Db(async db =>
            {
                foreach (var chapter in await db.Chapters.ToListAsync())
                {
                    chapter.GroupChatId = chapter.Name == Chapter ? Group : chapter.GroupChatId == Group ? null : chapter.GroupChatId;
                }

                return await db.SaveChangesAsync();
            });

        private sealed record Run(string Command, Access Level, ChatKinds Chat, bool Offered, long UserId)
        {
            public long Update { get; set; }

            public Case Result(TestBot bot, IReadOnlyList<FakeMessage> groupMessages)
            {
                var replies = groupMessages.Concat(bot.Api.SentMessages(UserId)).Select(m => m.Text).ToList();
                return new Case(Command, Level, Chat, Offered, replies, SilentInGroup: Chat == ChatKinds.Group && groupMessages.Count == 0);
            }
        }
    }
}

[Collection(PostgreSqlServer.Collection)]
public sealed class AccessMatrixTestsOnPostgreSql(AccessMatrixTests.Matrix matrix, PostgreSqlServer postgres) : AccessMatrixTests(matrix)
{
    protected override PostgreSqlServer? Postgres => postgres;
}
