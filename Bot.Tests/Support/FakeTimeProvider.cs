namespace Bot.Tests.Support;

/// <summary>The package's fake clock, started on a fixed date and able to tell the rigs how many timers wait on it.
/// A test that reads those numbers can wait until the code under test is waiting on the clock before it moves the
/// clock, which the package has no way to show.</summary>
public sealed class FakeTimeProvider : Microsoft.Extensions.Time.Testing.FakeTimeProvider
{
    /// <summary>A Monday morning in winter, far from any daylight-saving change; the package's own default, 1 January
    /// 2000, is a Saturday night after which every date a test computes would lie a quarter century back.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2025, 1, 6, 9, 0, 0, TimeSpan.Zero);

    private readonly Lock gate = new();
    private readonly HashSet<CountedTimer> armed = [];
    private long armings;

    public FakeTimeProvider()
        : this(DefaultStart)
    {
    }

    public FakeTimeProvider(DateTimeOffset start)
        : base(start)
    {
    }

    /// <summary>Timers that will fire when the clock reaches them.</summary>
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

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new CountedTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private ITimer CreatePackageTimer(TimerCallback callback, object arming) =>
        base.CreateTimer(callback, arming, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    /// <summary>The package's timer, replaced on every change so that a firing left over from an earlier arming
    /// (already running on another thread) cannot count the new one as done.</summary>
    private sealed class CountedTimer(FakeTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        // Guarded by the clock's gate.
        private ITimer? inner;
        private object? arming;
        private bool periodic;
        private bool disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var current = new object();
            ITimer fresh;
            ITimer? replaced;
            lock (clock.gate)
            {
                if (disposed) return false;
                replaced = inner;
                fresh = inner = clock.CreatePackageTimer(Fire, current);
                arming = current;
                periodic = period > TimeSpan.Zero && period != Timeout.InfiniteTimeSpan;
                if (dueTime == Timeout.InfiniteTimeSpan) clock.armed.Remove(this);
                else
                {
                    clock.armed.Add(this);
                    clock.armings++;
                }
            }

            replaced?.Dispose();
            try
            {
                // Outside the gate: a timer due now fires inside Change, and its callback may read the clock.
                return fresh.Change(dueTime, period);
            }
            catch (ArgumentOutOfRangeException)
            {
                lock (clock.gate) clock.armed.Remove(this);
                throw;
            }
        }

        public void Dispose()
        {
            ITimer? replaced;
            lock (clock.gate)
            {
                disposed = true;
                replaced = inner;
                inner = null;
                clock.armed.Remove(this);
            }

            replaced?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private void Fire(object? firedArming)
        {
            lock (clock.gate)
            {
                if (firedArming == arming && !disposed)
                {
                    if (periodic) clock.armings++;
                    else clock.armed.Remove(this);
                }
            }

            callback(state);
        }
    }
}
