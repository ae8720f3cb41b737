namespace Bot.Tests.Support;

public sealed class FakeTimeProviderTests
{
    // Real time, only so that a broken fake fails the test instead of hanging it.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public void Clock_StartsWhereToldAndMovesOnlyWhenAdvanced()
    {
        var start = new DateTimeOffset(2025, 3, 30, 0, 30, 0, TimeSpan.FromHours(1));
        var clock = new FakeTimeProvider(start);

        clock.Advance(TimeSpan.FromMinutes(90));

        Assert.Equal(start.AddMinutes(90), clock.GetUtcNow());
        Assert.Equal(TimeSpan.Zero, clock.GetUtcNow().Offset);
    }

    [Fact]
    public void SetUtcNow_Backwards_Throws()
    {
        var clock = new FakeTimeProvider();

        Assert.Throws<ArgumentOutOfRangeException>(() => clock.SetUtcNow(FakeTimeProvider.DefaultStart.AddTicks(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromTicks(-1)));
    }

    [Fact]
    public void LocalTimeZone_IsUtcUntilSet()
    {
        var clock = new FakeTimeProvider();
        var plusTwo = TimeZoneInfo.CreateCustomTimeZone("Test+2", TimeSpan.FromHours(2), "Test+2", "Test+2");

        Assert.Equal(TimeZoneInfo.Utc, clock.LocalTimeZone);
        clock.SetLocalTimeZone(plusTwo);

        Assert.Equal(TimeSpan.FromHours(2), clock.GetLocalNow().Offset);
        Assert.Equal(FakeTimeProvider.DefaultStart, clock.GetLocalNow());
    }

    [Fact]
    public void Timestamps_FollowTheClock()
    {
        var clock = new FakeTimeProvider();
        var before = clock.GetTimestamp();

        clock.Advance(TimeSpan.FromSeconds(2.5));

        Assert.Equal(TimeSpan.FromSeconds(2.5), clock.GetElapsedTime(before));
    }

    [Fact]
    public void Delay_CompletesOnlyWhenTheClockPassesIt()
    {
        var clock = new FakeTimeProvider();

        var delay = Task.Delay(TimeSpan.FromMinutes(5), clock);
        clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromTicks(1));
        var completedEarly = delay.IsCompleted;
        clock.Advance(TimeSpan.FromTicks(1));

        Assert.False(completedEarly);
        Assert.True(delay.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Delay_OnAnotherThread_CompletesAfterTheTestAdvances()
    {
        var clock = new FakeTimeProvider();

        var worker = Task.Run(() => Task.Delay(TimeSpan.FromHours(1), clock));
        Assert.True(SpinWait.SpinUntil(() => clock.PendingTimers == 1, Patience));
        clock.Advance(TimeSpan.FromMinutes(59));
        var completedEarly = worker.IsCompleted;
        clock.Advance(TimeSpan.FromMinutes(1));
        await worker.WaitAsync(Patience);

        Assert.False(completedEarly);
    }

    [Fact]
    public async Task Delay_Cancelled_DisarmsItsTimer()
    {
        var clock = new FakeTimeProvider();
        using var cancel = new CancellationTokenSource();

        var delay = Task.Delay(TimeSpan.FromMinutes(1), clock, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAsync<TaskCanceledException>(() => delay);
        Assert.Equal(0, clock.PendingTimers);
    }

    [Fact]
    public void CancellationTokenSource_WithTheClock_CancelsWhenTheClockPassesIt()
    {
        var clock = new FakeTimeProvider();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30), clock);

        clock.Advance(TimeSpan.FromSeconds(29));
        var cancelledEarly = timeout.IsCancellationRequested;
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.False(cancelledEarly);
        Assert.True(timeout.IsCancellationRequested);
    }

    [Fact]
    public void PeriodicTimer_FiresOncePerPeriod_AtTheTimeItWasDue()
    {
        var clock = new FakeTimeProvider();
        var fired = new List<DateTimeOffset>();
        using var timer = clock.CreateTimer(_ => fired.Add(clock.GetUtcNow()), null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5));

        clock.Advance(TimeSpan.FromSeconds(21));

        Assert.Equal([10, 15, 20], fired.Select(time => (time - FakeTimeProvider.DefaultStart).TotalSeconds));
        Assert.Equal(FakeTimeProvider.DefaultStart.AddSeconds(21), clock.GetUtcNow());
        Assert.Equal(1, clock.PendingTimers);
    }

    [Fact]
    public void Timers_FireInTheOrderTheyFallDue()
    {
        var clock = new FakeTimeProvider();
        var fired = new List<string>();
        using var late = clock.CreateTimer(_ => fired.Add("late"), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);
        using var early = clock.CreateTimer(_ => fired.Add("early"), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        using var tie = clock.CreateTimer(_ => fired.Add("tie"), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(["early", "late", "tie"], fired);
        Assert.Equal(0, clock.PendingTimers);
    }

    [Fact]
    public void TimerDueNow_FiresOnTheNextAdvance()
    {
        var clock = new FakeTimeProvider();
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);

        var firedOnCreation = fired;
        clock.Advance(TimeSpan.Zero);

        Assert.Equal(0, firedOnCreation);
        Assert.Equal(1, fired);
    }

    [Fact]
    public void Change_ReschedulesFromNow_AndInfiniteDisarms()
    {
        var clock = new FakeTimeProvider();
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(8));
        Assert.True(timer.Change(TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan));
        clock.Advance(TimeSpan.FromSeconds(9));
        var firedBeforeNewTime = fired;
        clock.Advance(TimeSpan.FromSeconds(1));
        var firedAtNewTime = fired;
        Assert.True(timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        var pendingWhenDisarmed = clock.PendingTimers;

        Assert.Equal((0, 1, 0), (firedBeforeNewTime, firedAtNewTime, pendingWhenDisarmed));
    }

    [Fact]
    public void Change_BeyondWhatARealTimerTakes_Throws()
    {
        var clock = new FakeTimeProvider();
        using var timer = clock.CreateTimer(_ => { }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        Assert.Throws<ArgumentOutOfRangeException>(() => timer.Change(TimeSpan.FromDays(50), Timeout.InfiniteTimeSpan));
        Assert.Throws<ArgumentOutOfRangeException>(() => timer.Change(TimeSpan.FromSeconds(-2), Timeout.InfiniteTimeSpan));
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

        Assert.Equal(2, fired);
    }

    [Fact]
    public void Callback_RunsOutsideTheClockLock()
    {
        var clock = new FakeTimeProvider();
        var otherThreadReadTheClock = false;
        using var timer = clock.CreateTimer(
            _ => otherThreadReadTheClock = Task.Run(clock.GetUtcNow).Wait(Patience),
            null,
            TimeSpan.FromSeconds(1),
            Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True(otherThreadReadTheClock);
    }
}
