using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Bot.Telegram.Api;
using Bot.Telegram.Outbox;
using Bot.Tests.Fakes;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Telegram.Bot.Types;

namespace Bot.Tests.Chapters;

/// <summary>What people do with invites, as steps for the end-to-end tests of this folder. Each step returns
/// once the bot has handled it and sent everything it caused.</summary>
internal static partial class InviteSteps
{
    /// <summary>How long the dispatcher idles on a fake clock before it looks at the outbox again by itself.</summary>
    private static readonly TimeSpan FakeIdlePoll = TimeSpan.FromMinutes(1);

    private static readonly ConditionalWeakTable<TestBot, FakeTimeProvider> Clocks = new();

    /// <summary>The bot without Telegram's per-chat pace, so a test of many replies to one chat does not wait
    /// for it (and a test on a fake clock does not stall on it).</summary>
    public static async Task<TestBot> StartBot(FakeTimeProvider? clock = null, PostgreSqlServer? postgres = null)
    {
        var bot = await TestBot.Start(
            new Dictionary<string, string?>
            {
                ["Telegram:Limits:PerChatPerSecond"] = "1000",
                ["Telegram:Limits:PerChatBurst"] = "100",
                // A long poll that ran out makes the receiver pause on the (fake) clock; keep it from running out.
                ["Telegram:PollingTimeoutSeconds"] = clock is null ? "2" : "60",
                // Advancing a fake clock fires every timer due on the way, the dispatcher's idle wait included:
                // a long idle wait keeps an advance by an hour from replaying thousands of idle rounds.
                ["Telegram:Limits:IdlePoll"] = clock is null ? "00:00:01" : "00:01:00",
            },
            clock: clock,
            postgres: postgres);
        if (clock is not null)
        {
            Clocks.Add(bot, clock);
        }

        return bot;
    }

    /// <summary>The user writes <paramref name="text"/> in their private chat; returns the bot's first reply.</summary>
    public static async Task<FakeMessage> Write(this TestBot bot, long userId, string text, string? languageCode = "de")
    {
        var before = bot.Api.SentMessages(userId).Count;
        await bot.Settle(bot.Api.UserSends(userId, userId, text, languageCode));
        var sent = bot.Api.SentMessages(userId);
        Assert.True(sent.Count > before, $"No reply to '{text}'");
        return sent[before];
    }

    /// <summary>The user presses the button labelled <paramref name="label"/> under <paramref name="message"/> in
    /// their private chat.</summary>
    public static Task<Update> Press(this TestBot bot, long userId, FakeMessage message, string label) =>
        bot.PressData(userId, message, message.Button(label).CallbackData!);

    /// <summary>A press with whatever data the user's client sends, forged or not.</summary>
    public static async Task<Update> PressData(this TestBot bot, long userId, FakeMessage message, string data)
    {
        var update = bot.Api.UserPresses(userId, userId, message.MessageId, data);
        await bot.Settle(update);
        return update;
    }

    /// <summary>Waits until the update is committed and nothing the bot meant to send is still pending.</summary>
    /// <remarks>On a fake clock, time moves on by the dispatcher's idle poll whenever the bot has been quiet for a
    /// second, as it would in production: a request that finishes while the dispatcher is between its flush and
    /// its wait is only recorded at the next idle poll.</remarks>
    public static async Task Settle(this TestBot bot, Update update)
    {
        Clocks.TryGetValue(bot, out var clock);
        var quiet = Stopwatch.StartNew();
        try
        {
            await bot.Api.WaitFor(
                () =>
                {
                    if (bot.Db(async db =>
                        await db.ProcessedUpdates.AnyAsync(p => p.UpdateId == update.Id)
                        && !await db.Outbox.AnyAsync(o => o.Status == OutboxStatus.Pending)).Result)
                    {
                        return true;
                    }

                    if (clock is not null && quiet.Elapsed > TimeSpan.FromSeconds(1))
                    {
                        clock.Advance(FakeIdlePoll);
                        quiet.Restart();
                    }

                    return false;
                },
                what: $"update {update.Id} handled and sent");
        }
        catch (TimeoutException ex)
        {
            var pending = await bot.Db(db => db.Outbox.Where(o => o.Status == OutboxStatus.Pending)
                .Select(o => $"{o.Id} {o.Kind} chat={o.ChatId} notBefore={o.NotBefore:O} attempts={o.Attempts}").ToListAsync());
            throw new TimeoutException($"{ex.Message}{Environment.NewLine}Still pending: {string.Join("; ", pending)}", ex);
        }
    }

    /// <summary>The deep-link payload an invite card shows.</summary>
    public static string PayloadIn(FakeMessage card)
    {
        var match = Payload().Match(card.Text);
        Assert.True(match.Success, $"No invite payload in: {card.Text}");
        return match.Value;
    }

    /// <summary>An admin's invite, created with /invite <paramref name="args"/>; returns its payload.</summary>
    public static async Task<string> Invite(this TestBot bot, long adminId, string args = "") =>
        PayloadIn(await bot.Write(adminId, ("/invite " + args).Trim()));

    public static Task<int> Count<T>(this TestBot bot) where T : class =>
        bot.Db(db => db.Set<T>().CountAsync());

    [GeneratedRegex("join_[A-Za-z0-9_-]{16}")]
    private static partial Regex Payload();
}
