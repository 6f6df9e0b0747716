using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace ApiAuth.Benchmarks.Infrastructure;

/// <summary>
/// A profiling aid, not a benchmark: runs an action many times under the runtime's allocation sampling
/// (GC AllocationTick, one event per ~100 KB allocated) and prints which types were allocated, by share of bytes.
/// Run the same scenario with and without ApiAuth and compare. Usage: <c>dotnet run -c Release -- --alloc-probe</c>.
/// </summary>
internal sealed class AllocationProbe : EventListener
{
    private const int AllocationTickEventId = 10;
    private readonly ConcurrentDictionary<string, long> _bytesByType = new();
    private volatile bool _recording;

    public static void Run(string name, int iterations, Action action)
    {
        for (int i = 0; i < 10_000; i++)
        {
            action();
        }

        using var probe = new AllocationProbe();
        long before = GC.GetAllocatedBytesForCurrentThread();
        probe._recording = true;
        for (int i = 0; i < iterations; i++)
        {
            action();
        }

        probe._recording = false;
        long perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / iterations;
        long total = probe._bytesByType.Values.Sum();
        Console.WriteLine($"{name}: {perCall.ToString(CultureInfo.InvariantCulture)} B per call (this thread)");
        foreach ((string type, long bytes) in probe._bytesByType.OrderByDescending(static p => p.Value).Take(12))
        {
            Console.WriteLine($"    {(100.0 * bytes / total).ToString("F1", CultureInfo.InvariantCulture),5}%  ~{(perCall * bytes / total).ToString(CultureInfo.InvariantCulture),5} B  {type}");
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_recording || eventData.EventId != AllocationTickEventId || eventData.Payload is null)
        {
            return;
        }

        int typeIndex = eventData.PayloadNames!.IndexOf("TypeName");
        int sizeIndex = eventData.PayloadNames.IndexOf("AllocationAmount64");
        string type = typeIndex >= 0 ? eventData.Payload[typeIndex] as string ?? "?" : "?";
        long size = sizeIndex >= 0 ? Convert.ToInt64(eventData.Payload[sizeIndex], CultureInfo.InvariantCulture) : 100_000;
        _bytesByType.AddOrUpdate(type, size, (_, sum) => sum + size);
    }
}
