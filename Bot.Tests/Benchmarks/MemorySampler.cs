namespace Bot.Benchmarks;

/// <summary>The process's memory, sampled every 50 ms on a thread of its own while it is not disposed: the peak
/// working set (resident memory: runtime, code, both heaps and the fake server's records, everything) and the peak
/// managed heap, garbage not yet collected included (<see cref="GC.GetTotalMemory"/>), and the largest heap a
/// collection left behind (<see cref="GCMemoryInfo.HeapSizeBytes"/>: what was still alive, plus fragmentation).</summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampling;

    private MemorySampler()
    {
        // The starting point after a full collection, so that what earlier runs left behind is not counted as this one's.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        WorkingSetBefore = Environment.WorkingSet;
        HeapBefore = GC.GetTotalMemory(forceFullCollection: false);
        sampling = Task.Factory.StartNew(Sample, TaskCreationOptions.LongRunning);
    }

    public long WorkingSetBefore { get; }

    public long HeapBefore { get; }

    public long PeakWorkingSet { get; private set; }

    public long PeakHeap { get; private set; }

    public long PeakHeapAfterCollection { get; private set; }

    public static MemorySampler Start() => new();

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await sampling;
        stop.Dispose();
    }

    private void Sample()
    {
        while (!stop.IsCancellationRequested)
        {
            PeakWorkingSet = Math.Max(PeakWorkingSet, Environment.WorkingSet);
            PeakHeap = Math.Max(PeakHeap, GC.GetTotalMemory(forceFullCollection: false));
            PeakHeapAfterCollection = Math.Max(PeakHeapAfterCollection, GC.GetGCMemoryInfo().HeapSizeBytes);
            stop.Token.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(50));
        }
    }
}
