using Bot.Telegram.Outbox;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Telegram;

/// <summary>Telegram's limits as the in-process limiter holds them, asked at chosen instants: no clock, no waiting.</summary>
public sealed class SendRateLimiterTests
{
    private const long Alice = 3001;
    private const long Group = -4001;
    private static readonly DateTimeOffset Start = new(2025, 1, 6, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task PrivateChat_GetsABurstOfThree_ThenOneMessagePerSecond()
    {
        var limiter = Limiter();

        var burst = new List<RateVerdict>();
        for (var i = 0; i < 4; i++)
        {
            burst.Add((await Ask(limiter, Alice, Start)).Verdict);
        }

        var fourth = await Ask(limiter, Alice, Start);
        Assert.Equal([RateVerdict.Granted, RateVerdict.Granted, RateVerdict.Granted, RateVerdict.ChatPaced], burst);
        Assert.Equal(Start + TimeSpan.FromSeconds(1), fourth.RetryAt);
        Assert.True((await Ask(limiter, Alice, fourth.RetryAt)).Granted);
        Assert.Equal(RateVerdict.ChatPaced, (await Ask(limiter, Alice, fourth.RetryAt)).Verdict);
    }

    [Fact]
    public async Task Group_Gets20MessagesPerMinute_EvenlySpaced()
    {
        var limiter = Limiter();

        var granted = 0;
        for (var at = Start; at < Start + TimeSpan.FromMinutes(1); at += TimeSpan.FromMilliseconds(100))
        {
            granted += (await Ask(limiter, Group, at)).Granted ? 1 : 0;
        }

        Assert.Equal(20, granted);
    }

    [Fact]
    public async Task ManyChats_GetAtMost30InAnySecond_AndNearly30PerSecondOverall()
    {
        var limiter = Limiter();
        var grants = new List<DateTimeOffset>();
        var chat = 10_000L;
        for (var at = Start; at < Start + TimeSpan.FromSeconds(10); at += TimeSpan.FromMilliseconds(1))
        {
            if ((await Ask(limiter, chat, at)).Granted)
            {
                await limiter.Answered(at, CancellationToken.None); // answered at once, as on loopback
                grants.Add(at);
                chat++;
            }
        }

        var mostInASecond = grants.Max(g => grants.Count(o => o >= g && o < g + TimeSpan.FromSeconds(1)));
        Assert.InRange(mostInASecond, 28, 30);
        Assert.InRange(grants.Count, 280, 300);
    }

    [Fact]
    public async Task OverallPace_SaysWhenTheNextMessageMayGo_AndTakesNothingWhenItRefuses()
    {
        var limiter = Limiter();
        var chat = 10_000L;
        RateDecision decision;
        while ((decision = await Ask(limiter, chat, Start)).Granted)
        {
            chat++;
        }

        Assert.Equal(RateVerdict.GloballyPaced, decision.Verdict);
        Assert.True(decision.RetryAt > Start);
        Assert.True((await Ask(limiter, chat, decision.RetryAt)).Granted);
        // The chat refused for the overall pace was not counted: its own burst is intact.
        Assert.True((await Ask(limiter, chat, decision.RetryAt + TimeSpan.FromSeconds(1))).Granted);
    }

    [Fact]
    public async Task TooManyRequests_PausesEveryChat_AndAnEarlierPauseDoesNotShortenIt()
    {
        var limiter = Limiter();
        await limiter.Pause(Start + TimeSpan.FromSeconds(5), CancellationToken.None);
        await limiter.Pause(Start + TimeSpan.FromSeconds(2), CancellationToken.None);

        var during = await Ask(limiter, Alice, Start + TimeSpan.FromSeconds(4));

        Assert.Equal(new RateDecision(RateVerdict.Paused, Start + TimeSpan.FromSeconds(5)), during);
        Assert.Equal(Start + TimeSpan.FromSeconds(5), limiter.PausedUntil);
        Assert.True((await Ask(limiter, Group, Start + TimeSpan.FromSeconds(5))).Granted);
    }

    [Fact]
    public async Task PaidBroadcast_LiftsTheOverallRate()
    {
        var limiter = Limiter(new OutboxOptions { PaidBroadcast = true, PaidBroadcastPerSecond = 1000 });
        var granted = 0;
        for (var i = 0; i < 2000; i++)
        {
            var at = Start + TimeSpan.FromMilliseconds(i / 2.0);
            if ((await Ask(limiter, 10_000 + i, at)).Granted)
            {
                await limiter.Answered(at, CancellationToken.None);
                granted++;
            }
        }

        Assert.InRange(granted, 900, 1000);
    }

    [Fact]
    public async Task AMessageCounts_UntilASecondAfterItsRequestCameBack_HoweverLongTheRequestTook()
    {
        var limiter = Limiter();
        var chat = 10_000L;
        var at = Start;
        for (var granted = 0; granted < 30; at += TimeSpan.FromMilliseconds(40))
        {
            if ((await Ask(limiter, chat, at)).Granted)
            {
                granted++;
                chat++;
            }
        }

        // Thirty requests on their way for ten seconds: Telegram may count any of them in any of those seconds.
        var hanging = await Ask(limiter, chat, Start + TimeSpan.FromSeconds(10));
        await limiter.Answered(Start + TimeSpan.FromSeconds(10), CancellationToken.None);
        var justAfterOneCameBack = await Ask(limiter, chat, Start + TimeSpan.FromSeconds(10.5));
        var aSecondAfter = await Ask(limiter, chat, Start + TimeSpan.FromSeconds(11.001));

        Assert.Equal(RateVerdict.GloballyPaced, hanging.Verdict);
        Assert.Equal(RateVerdict.GloballyPaced, justAfterOneCameBack.Verdict);
        Assert.Equal(Start + TimeSpan.FromSeconds(11.001), justAfterOneCameBack.RetryAt); // a second after, in whole milliseconds
        Assert.True(aSecondAfter.Granted);
        Assert.Equal(RateVerdict.GloballyPaced, (await Ask(limiter, chat + 1, Start + TimeSpan.FromSeconds(11.5))).Verdict);
    }

    private static SendRateLimiter Limiter(OutboxOptions? options = null) =>
        new(Options.Create(options ?? new OutboxOptions()), NullLogger<SendRateLimiter>.Instance);

    private static async Task<RateDecision> Ask(SendRateLimiter limiter, long chatId, DateTimeOffset at) =>
        await limiter.TryAcquire(chatId, at, CancellationToken.None);
}
