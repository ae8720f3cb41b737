using Bot.Telegram;
using Bot.Telegram.Api;
using Bot.Telegram.Updates;
using Bot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Bot.Tests.Telegram;

/// <summary>The polling loop against a scripted Bot API and handler, on a clock the tests move.</summary>
public sealed class PollingReceiverTests : IDisposable
{
    private const int LongPollSeconds = 50;

    // Real time, only so that a broken receiver fails the test instead of hanging it.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider clock = new();
    private readonly Mock<IBotApi> api = new();
    private readonly Mock<IUpdateIntake> handler = new();
    private readonly Queue<Func<BotApiResult<Update[]>>> answers = new();
    private readonly List<long> polledOffsets = [];
    private readonly List<long> handled = [];
    private readonly PollingReceiver receiver;

    public PollingReceiverTests()
    {
        api.Setup(a => a.DeleteWebhook(It.IsAny<bool>(), It.IsAny<CancellationToken>())).ReturnsAsync(BotApiResult<bool>.Ok(true));
        api.Setup(a => a.GetUpdates(It.IsAny<long>(), It.IsAny<int>(), It.IsAny<IReadOnlyList<UpdateType>>(), It.IsAny<CancellationToken>()))
            .Returns((long offset, int _, IReadOnlyList<UpdateType> _, CancellationToken _) =>
            {
                Func<BotApiResult<Update[]>>? next;
                lock (polledOffsets)
                {
                    polledOffsets.Add(offset);
                    answers.TryDequeue(out next);
                }

                // Once the script runs out, the server answers early with nothing, every time.
                return Task.FromResult(next?.Invoke() ?? BotApiResult<Update[]>.Ok([]));
            });
        HandleAll();
        var options = Options.Create(new TelegramOptions { PollingTimeoutSeconds = LongPollSeconds });
        receiver = new PollingReceiver(api.Object, handler.Object, clock, options, NullLogger<PollingReceiver>.Instance);
    }

    private IReadOnlyList<long> PolledOffsets
    {
        get { lock (polledOffsets) { return polledOffsets.ToArray(); } }
    }

    private IReadOnlyList<long> Handled
    {
        get { lock (handled) { return handled.ToArray(); } }
    }

    [Fact]
    public async Task HandlerCommitsOnlyTheFirstOfThree_OffsetStaysAtTheSecond_AndBothComeAgain()
    {
        var failures = 0;
        HandleAll(batch => batch[0].Id == 102 || failures++ > 0 ? batch.Count : 1);
        Answer(Updates(101, 102, 103));
        Answer(Updates(102, 103));

        var wait = await receiver.PollOnce(CancellationToken.None);
        var offsetAfterFailure = receiver.Offset;
        await receiver.PollOnce(CancellationToken.None);

        Assert.Equal(102, offsetAfterFailure);
        Assert.True(wait >= TimeSpan.FromSeconds(1), $"waited {wait}");
        Assert.Equal([0L, 102L], PolledOffsets);
        Assert.Equal([101L, 102L, 103L, 102L, 103L], Handled);
        Assert.Equal(104, receiver.Offset);
    }

    [Fact]
    public async Task HandlerThrows_WaitsBeforeAskingAgain()
    {
        handler.Setup(h => h.Keep(It.IsAny<IReadOnlyList<Update>>(), It.IsAny<CancellationToken>())).ThrowsAsync(new TimeoutException("database is locked"));
        Answer(Updates(101));

        var wait = await receiver.PollOnce(CancellationToken.None);

        Assert.True(wait >= TimeSpan.FromSeconds(1), $"waited {wait}");
        Assert.Equal(0, receiver.Offset);
    }

    [Fact]
    public async Task OneAnswer_IsHandedOverAsOneBatch_InUpdateIdOrder_WithoutRepeats()
    {
        var batches = new List<long[]>();
        HandleAll(batch =>
        {
            batches.Add(batch.Select(u => (long)u.Id).ToArray());
            return batch.Count;
        });
        Answer(Updates(103, 101, 102, 101));

        await receiver.PollOnce(CancellationToken.None);

        Assert.Equal([101L, 102L, 103L], Assert.Single(batches));
        Assert.Equal(104, receiver.Offset);
    }

    [Fact]
    public async Task UpdatesBelowTheOffset_AreSkipped()
    {
        Answer(Updates(101, 102));
        Answer(Updates(101, 102, 103));

        await receiver.PollOnce(CancellationToken.None);
        await receiver.PollOnce(CancellationToken.None);

        Assert.Equal([101L, 102L, 103L], Handled);
        Assert.Equal([0L, 103L], PolledOffsets);
        Assert.Equal(104, receiver.Offset);
    }

    [Fact]
    public async Task AnswerOfOnlyOldUpdates_AtOnce_WaitsLikeAnEmptyOne()
    {
        Answer(Updates(101));
        Answer(Updates(101));

        await receiver.PollOnce(CancellationToken.None);
        var wait = await receiver.PollOnce(CancellationToken.None);

        Assert.Equal(PollingReceiver.MinPollInterval, wait);
        Assert.Equal([101L], Handled);
    }

    [Fact]
    public async Task EmptyAnswer_AfterHalfASecond_WaitsTheOtherHalf()
    {
        Answer(() =>
        {
            clock.Advance(TimeSpan.FromMilliseconds(500));
            return BotApiResult<Update[]>.Ok([]);
        });

        var wait = await receiver.PollOnce(CancellationToken.None);

        Assert.Equal(TimeSpan.FromMilliseconds(500), wait);
    }

    [Fact]
    public async Task EmptyAnswer_AfterAFullLongPoll_PollsAgainAtOnce()
    {
        Answer(() =>
        {
            clock.Advance(TimeSpan.FromSeconds(LongPollSeconds));
            return BotApiResult<Update[]>.Ok([]);
        });

        var wait = await receiver.PollOnce(CancellationToken.None);

        Assert.Equal(TimeSpan.Zero, wait);
    }

    [Fact]
    public async Task Updates_ArePolledAgainAtOnce()
    {
        Answer(Updates(101));

        var wait = await receiver.PollOnce(CancellationToken.None);

        Assert.Equal(TimeSpan.Zero, wait);
    }

    [Fact]
    public async Task Service_ServerAnsweringEmptyAtOnce_IsPolledOncePerMinimumInterval()
    {
        await receiver.StartAsync(CancellationToken.None);

        await Eventually(() => clock.PendingTimers == 1, "the receiver waiting on the clock");
        var pollsWithTheClockStill = PolledOffsets.Count;
        clock.Advance(PollingReceiver.MinPollInterval - TimeSpan.FromMilliseconds(1));
        var pollsJustBefore = PolledOffsets.Count;
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await Eventually(() => PolledOffsets.Count == 2 && clock.PendingTimers == 1, "the second poll, and a wait after it");
        await receiver.StopAsync(CancellationToken.None);

        Assert.Equal(1, pollsWithTheClockStill);
        Assert.Equal(1, pollsJustBefore);
        Assert.Equal(2, PolledOffsets.Count);
        Assert.Equal(FakeTimeProvider.DefaultStart + PollingReceiver.MinPollInterval, clock.GetUtcNow());
    }

    [Fact]
    public async Task TooManyRequests_WaitsRetryAfter()
    {
        Answer(Error(BotApiErrorKind.TooManyRequests, 429) with { RetryAfter = TimeSpan.FromSeconds(17) });

        var wait = await receiver.PollOnce(CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(17), wait);
    }

    [Fact]
    public async Task Service_TooManyRequests_PollsAgainOnlyAfterRetryAfter()
    {
        Answer(Error(BotApiErrorKind.TooManyRequests, 429) with { RetryAfter = TimeSpan.FromSeconds(30) });
        await receiver.StartAsync(CancellationToken.None);

        await Eventually(() => clock.PendingTimers == 1, "the receiver waiting on the clock");
        clock.Advance(TimeSpan.FromSeconds(29));
        var pollsBefore = PolledOffsets.Count;
        clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually(() => PolledOffsets.Count == 2, "the poll after retry_after");
        await receiver.StopAsync(CancellationToken.None);

        Assert.Equal(1, pollsBefore);
    }

    [Fact]
    public async Task Conflict_BacksOffAtLeastFiveSeconds_AndGrows()
    {
        var waits = await WaitsAfter(6, Error(BotApiErrorKind.Conflict, 409));

        Assert.All(waits, wait => Assert.InRange(wait, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60)));
        Assert.True(waits[1] > waits[0], $"waits: {string.Join(", ", waits)}");
        Assert.Equal(waits.Order(), waits);
        Assert.Equal(TimeSpan.FromSeconds(60), waits[^1]);
    }

    [Fact]
    public async Task NetworkErrors_BackOffExponentially_CappedAtAMinute()
    {
        var waits = await WaitsAfter(8, Error(BotApiErrorKind.Network, 0));

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60], waits.Select(w => w.TotalSeconds));
    }

    [Fact]
    public async Task ServerErrors_BackOffLikeNetworkErrors()
    {
        var waits = await WaitsAfter(3, Error(BotApiErrorKind.ServerError, 502));

        Assert.Equal([1, 2, 4], waits.Select(w => w.TotalSeconds));
    }

    [Fact]
    public async Task Success_ResetsTheBackoff()
    {
        await WaitsAfter(5, Error(BotApiErrorKind.Network, 0));
        Answer(Updates(101));
        await receiver.PollOnce(CancellationToken.None);

        var waits = await WaitsAfter(2, Error(BotApiErrorKind.Network, 0));

        Assert.Equal([1, 2], waits.Select(w => w.TotalSeconds));
    }

    [Fact]
    public async Task Service_StopWhileABatchIsHandled_WaitsForIt_ConfirmsWhatItCommitted_AndStops()
    {
        var inHand = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopSeen = false;
        handler.Setup(h => h.Keep(It.IsAny<IReadOnlyList<Update>>(), It.IsAny<CancellationToken>()))
            .Returns(async (IReadOnlyList<Update> batch, CancellationToken stop) =>
            {
                inHand.SetResult();
                await release.Task;
                stopSeen = stop.IsCancellationRequested;
                lock (handled)
                {
                    handled.Add(batch[0].Id);
                }

                // As the processor does when asked to stop: the update in hand is finished, the rest left.
                return 1;
            });
        Answer(Updates(101, 102, 103));
        await receiver.StartAsync(CancellationToken.None);
        await inHand.Task.WaitAsync(Patience);

        var stopping = receiver.StopAsync(CancellationToken.None);
        var stoppedBeforeTheBatchFinished = stopping.IsCompleted;
        release.SetResult();
        await stopping.WaitAsync(Patience);

        Assert.False(stoppedBeforeTheBatchFinished);
        Assert.True(stopSeen);
        Assert.Equal([101L], Handled);
        Assert.Equal(102, receiver.Offset);
        Assert.Single(PolledOffsets);
        Assert.True(receiver.ExecuteTask!.IsCompleted);
    }

    [Fact]
    public async Task Service_StopWhileWaiting_StopsWithoutAnotherPoll()
    {
        await receiver.StartAsync(CancellationToken.None);
        await Eventually(() => clock.PendingTimers == 1, "the receiver waiting on the clock");

        await receiver.StopAsync(CancellationToken.None).WaitAsync(Patience);

        Assert.Single(PolledOffsets);
        Assert.Equal(0, clock.PendingTimers);
    }

    [Fact]
    public async Task Service_AtStart_DeletesTheWebhook_KeepingPendingUpdates_BeforePolling()
    {
        var calls = new List<string>();
        api.Setup(a => a.DeleteWebhook(It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .Callback(() => { lock (calls) calls.Add("deleteWebhook"); })
            .ReturnsAsync(BotApiResult<bool>.Ok(true));
        Answer(() =>
        {
            lock (calls) calls.Add("getUpdates");
            return BotApiResult<Update[]>.Ok([]);
        });

        await receiver.StartAsync(CancellationToken.None);
        await Eventually(() => PolledOffsets.Count == 1, "the first poll");
        await receiver.StopAsync(CancellationToken.None);

        api.Verify(a => a.DeleteWebhook(false, It.IsAny<CancellationToken>()), Times.Once());
        Assert.Equal(["deleteWebhook", "getUpdates"], calls);
    }

    [Fact]
    public async Task Service_WebhookNotRemoved_PollsAnyway()
    {
        api.Setup(a => a.DeleteWebhook(It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(BotApiResult<bool>.Fail(new BotApiError(BotApiErrorKind.Network, 0, "connection refused")));
        Answer(Updates(101));

        await receiver.StartAsync(CancellationToken.None);
        await Eventually(() => Handled.Count == 1, "the update handled");
        await receiver.StopAsync(CancellationToken.None);

        Assert.Equal([101L], Handled);
    }

    [Fact]
    public async Task Poll_AsksForTheConfiguredLongPoll_AndTheUpdateKindsTheBotHandles()
    {
        await receiver.PollOnce(CancellationToken.None);

        api.Verify(a => a.GetUpdates(0, LongPollSeconds, PollingReceiver.AllowedUpdates, It.IsAny<CancellationToken>()), Times.Once());
    }

    public void Dispose() => receiver.Dispose();

    /// <summary>The handler notes every update it is given and commits as many as <paramref name="commits"/> says
    /// (all, unless given).</summary>
    private void HandleAll(Func<IReadOnlyList<Update>, int>? commits = null) =>
        handler.Setup(h => h.Keep(It.IsAny<IReadOnlyList<Update>>(), It.IsAny<CancellationToken>()))
            .Returns((IReadOnlyList<Update> batch, CancellationToken _) =>
            {
                lock (handled)
                {
                    handled.AddRange(batch.Select(u => (long)u.Id));
                }

                return Task.FromResult(commits?.Invoke(batch) ?? batch.Count);
            });

    private static Func<BotApiResult<Update[]>> Updates(params long[] ids) =>
        () => BotApiResult<Update[]>.Ok(ids.Select(id => new Update { Id = (int)id }).ToArray());

    private static BotApiError Error(BotApiErrorKind kind, int status) => new(kind, status, $"{status} {kind}");

    private void Answer(Func<BotApiResult<Update[]>> answer)
    {
        lock (polledOffsets)
        {
            answers.Enqueue(answer);
        }
    }

    private void Answer(BotApiError error) => Answer(() => BotApiResult<Update[]>.Fail(error));

    private async Task<TimeSpan[]> WaitsAfter(int polls, BotApiError error)
    {
        var waits = new TimeSpan[polls];
        for (var i = 0; i < polls; i++)
        {
            Answer(error);
            waits[i] = await receiver.PollOnce(CancellationToken.None);
        }

        return waits;
    }

    private static async Task Eventually(Func<bool> condition, string what)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            if (TimeProvider.System.GetElapsedTime(started) > Patience)
            {
                throw new TimeoutException($"Waited {Patience.TotalSeconds} s for {what}.");
            }

            await Task.Delay(10);
        }
    }
}
