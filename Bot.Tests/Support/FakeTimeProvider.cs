namespace Bot.Tests.Support;

/// <summary>A clock that moves only when the test moves it. Timers it creates (and so <c>Task.Delay</c> and
/// <c>CancellationTokenSource</c> given this provider) fire inside <see cref="Advance"/> and <see cref="SetUtcNow"/>,
/// on the test's thread, each with the clock set to the moment it was due.</summary>
/// <remarks>Microsoft.Extensions.TimeProvider.Testing is not in the registry reached here, hence our own.</remarks>
public sealed class FakeTimeProvider : TimeProvider
{
    /// <summary>A Monday morning in winter, far from any daylight-saving change.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2025, 1, 6, 9, 0, 0, TimeSpan.Zero);

    // The limit System.Threading.Timer enforces; mirroring it keeps a too-long timer from passing only in tests.
    private static readonly TimeSpan LongestTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0);

    private readonly Lock gate = new();
    private readonly List<FakeTimer> armed = [];
    private DateTimeOffset now;
    private TimeZoneInfo localTimeZone = TimeZoneInfo.Utc;
    private long armings;

    public FakeTimeProvider()
        : this(DefaultStart)
    {
    }

    public FakeTimeProvider(DateTimeOffset start) => now = start.ToUniversalTime();

    public override TimeZoneInfo LocalTimeZone
    {
        get
        {
            lock (gate) return localTimeZone;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>Timers that will fire when the clock reaches them: lets a test wait until the code under test is
    /// waiting on the clock before it advances it.</summary>
    public int PendingTimers
    {
        get
        {
            lock (gate) return armed.Count;
        }
    }

    /// <summary>How many times a timer was armed (created, changed or re-armed by its period): a test sees that the
    /// code under test came back to wait on the clock, even when the number pending stayed the same.</summary>
    public long TimersArmed
    {
        get
        {
            lock (gate) return armings;
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate) return now;
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public void SetLocalTimeZone(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        lock (gate) localTimeZone = zone;
    }

    /// <summary>Moves the clock forward, firing every timer that falls due on the way, in order. A timer due now
    /// fires on the next advance, even by zero.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        DateTimeOffset target;
        lock (gate) target = now + delta;
        MoveTo(target);
    }

    /// <summary>Moves the clock forward to <paramref name="value"/>; time never runs backwards here.</summary>
    public void SetUtcNow(DateTimeOffset value)
    {
        lock (gate) ArgumentOutOfRangeException.ThrowIfLessThan(value, now);
        MoveTo(value.ToUniversalTime());
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new FakeTimer(this, callback, state);
        Arm(timer, dueTime, period);
        return timer;
    }

    private void MoveTo(DateTimeOffset target)
    {
        while (true)
        {
            FakeTimer? due;
            lock (gate)
            {
                due = armed.Where(timer => timer.DueAt <= target).MinBy(timer => (timer.DueAt, timer.Arming));
                if (due is null)
                {
                    if (target > now) now = target;
                    return;
                }
                if (due.DueAt > now) now = due.DueAt;
                if (due.Period > TimeSpan.Zero && due.Period != Timeout.InfiniteTimeSpan)
                {
                    due.DueAt += due.Period;
                    due.Arming = ++armings;
                }
                else armed.Remove(due);
            }
            // Outside the lock: the callback may read the clock, re-arm timers or wake code on other threads that does.
            due.Callback(due.State);
        }
    }

    private bool Arm(FakeTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        CheckDuration(dueTime, nameof(dueTime));
        CheckDuration(period, nameof(period));
        lock (gate)
        {
            if (timer.IsDisposed) return false;
            armed.Remove(timer);
            timer.Period = period;
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                timer.DueAt = now + dueTime;
                timer.Arming = ++armings;
                armed.Add(timer);
            }
            return true;
        }
    }

    private void Disarm(FakeTimer timer)
    {
        lock (gate)
        {
            timer.IsDisposed = true;
            armed.Remove(timer);
        }
    }

    private static void CheckDuration(TimeSpan duration, string name)
    {
        if (duration != Timeout.InfiniteTimeSpan && (duration < TimeSpan.Zero || duration > LongestTimer))
        {
            throw new ArgumentOutOfRangeException(name, duration, "A timer runs from zero to about 49 days, or infinitely.");
        }
    }

    private sealed class FakeTimer(FakeTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        public TimerCallback Callback { get; } = callback;
        public object? State { get; } = state;

        // Guarded by the clock's lock.
        public DateTimeOffset DueAt { get; set; }
        public TimeSpan Period { get; set; }
        public long Arming { get; set; }
        public bool IsDisposed { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period) => clock.Arm(this, dueTime, period);

        public void Dispose() => clock.Disarm(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
