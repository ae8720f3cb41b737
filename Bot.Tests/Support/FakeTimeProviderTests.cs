namespace Bot.Tests.Support;

/// <summary>What our subclass adds to the package's clock: its start, and the count of timers waiting on it that the
/// rigs wait for.</summary>
public sealed class FakeTimeProviderTests
{
    // Real time, only so that a broken count fails the test instead of hanging it.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public void Clock_StartsOnAMondayMorningInWinter_UnlessToldOtherwise()
    {
        var start = new DateTimeOffset(2027, 7, 15, 14, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero), new FakeTimeProvider().GetUtcNow());
        Assert.Equal(DayOfWeek.Monday, FakeTimeProvider.DefaultStart.DayOfWeek);
        Assert.Equal(start, new FakeTimeProvider(start).GetUtcNow());
    }

    [Fact]
    public async Task Delay_OnAnotherThread_IsPendingUntilTheClockPassesIt()
    {
        var clock = new FakeTimeProvider();

        var worker = Task.Run(() => Task.Delay(TimeSpan.FromHours(1), clock));
        Assert.True(SpinWait.SpinUntil(() => clock.PendingTimers == 1, Patience));
        clock.Advance(TimeSpan.FromMinutes(59));
        var pendingEarly = clock.PendingTimers;
        clock.Advance(TimeSpan.FromMinutes(1));
        await worker.WaitAsync(Patience);

        Assert.Equal((1, 0), (pendingEarly, clock.PendingTimers));
    }

    [Fact]
    public async Task Delay_Cancelled_IsNoLongerPending()
    {
        var clock = new FakeTimeProvider();
        using var cancel = new CancellationTokenSource();

        var delay = Task.Delay(TimeSpan.FromMinutes(1), clock, cancel.Token);
        var pendingBefore = clock.PendingTimers;
        await cancel.CancelAsync();

        await Assert.ThrowsAsync<TaskCanceledException>(() => delay);
        Assert.Equal((1, 0), (pendingBefore, clock.PendingTimers));
    }

    [Fact]
    public void PeriodicTimer_StaysPending_AndCountsAnArmingPerPeriod()
    {
        var clock = new FakeTimeProvider();
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5));
        var armedAtCreation = clock.TimersArmed;

        clock.Advance(TimeSpan.FromSeconds(21));

        Assert.Equal(3, fired);
        Assert.Equal(armedAtCreation + 3, clock.TimersArmed);
        Assert.Equal(1, clock.PendingTimers);
    }

    [Fact]
    public void OneShotTimer_RearmedFromItsCallback_IsPendingAgain()
    {
        var clock = new FakeTimeProvider();
        ITimer? timer = null;
        timer = clock.CreateTimer(_ => timer!.Change(TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        var armedAtCreation = clock.TimersArmed;

        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, clock.PendingTimers);
        Assert.Equal(armedAtCreation + 1, clock.TimersArmed);
        timer.Dispose();
    }

    [Fact]
    public void TimerDueNow_FiresAtOnce_AndIsNotPending()
    {
        var clock = new FakeTimeProvider();
        var fired = 0;

        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);

        Assert.Equal((1, 0), (fired, clock.PendingTimers));
    }

    [Fact]
    public void Change_ToInfinite_IsNoLongerPending_AndArmingAgainCounts()
    {
        var clock = new FakeTimeProvider();
        using var timer = clock.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        var armedAtCreation = clock.TimersArmed;

        Assert.True(timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        var pendingWhenDisarmed = clock.PendingTimers;
        Assert.True(timer.Change(TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan));

        Assert.Equal((0, 1), (pendingWhenDisarmed, clock.PendingTimers));
        Assert.Equal(armedAtCreation + 1, clock.TimersArmed);
    }

    [Fact]
    public void Change_BeyondWhatARealTimerTakes_Throws_AndLeavesNothingPending()
    {
        var clock = new FakeTimeProvider();
        using var timer = clock.CreateTimer(_ => { }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        Assert.Throws<ArgumentOutOfRangeException>(() => timer.Change(TimeSpan.FromDays(50), Timeout.InfiniteTimeSpan));
        Assert.Throws<ArgumentOutOfRangeException>(() => timer.Change(TimeSpan.FromSeconds(-2), Timeout.InfiniteTimeSpan));

        Assert.Equal(0, clock.PendingTimers);
    }

    [Fact]
    public async Task Dispose_StopsTheTimer_AndChangeThenReturnsFalse()
    {
        var clock = new FakeTimeProvider();
        var fired = 0;
        var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        clock.Advance(TimeSpan.FromSeconds(1));
        await timer.DisposeAsync();
        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(1, fired);
        Assert.Equal(0, clock.PendingTimers);
        Assert.False(timer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public void Callback_DisposingItsOwnPeriodicTimer_StopsIt()
    {
        var clock = new FakeTimeProvider();
        var fired = 0;
        ITimer? timer = null;
        timer = clock.CreateTimer(_ => { if (++fired == 2) timer!.Dispose(); }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal((2, 0), (fired, clock.PendingTimers));
    }

    [Fact]
    public void Callback_RunsOutsideTheCountsLock()
    {
        var clock = new FakeTimeProvider();
        var otherThreadReadTheCount = false;
        using var timer = clock.CreateTimer(
            _ => otherThreadReadTheCount = Task.Run(() => clock.PendingTimers).Wait(Patience),
            null,
            TimeSpan.FromSeconds(1),
            Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True(otherThreadReadTheCount);
    }
}
