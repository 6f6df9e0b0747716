using System.Diagnostics;

namespace ApiAuth.Benchmarks.Infrastructure;

/// <summary>
/// Profiling aid, not a benchmark: runs one benchmark method in a loop for a number of seconds so a sampling profiler
/// (<c>DOTNET_PerfMapEnabled=1 perf record -g</c>) can attribute its time (benchmarks/README.md, "Profiling").
/// </summary>
internal static class ProfileLoop
{
    /// <summary>Runs the named row until the time is up and prints how many calls that was.</summary>
    /// <param name="row">classify, returned, thrown, raw, raw-sync, typed.</param>
    /// <param name="seconds">How long to run.</param>
    /// <returns>The process exit code.</returns>
    public static int Run(string row, double seconds)
    {
        var issue15 = new Issue15Benchmarks { Mode = row.EndsWith("-sync", StringComparison.Ordinal) ? CallMode.Sync : CallMode.Async };
        var failure = new FailureDecompositionBenchmarks();
        Func<object?> call;
        switch (row.Replace("-sync", string.Empty, StringComparison.Ordinal))
        {
            case "classify":
                failure.Setup();
                call = failure.Classify;
                break;
            case "returned":
                issue15.Setup();
                call = () => issue15.FailureReturned();
                break;
            case "thrown":
                issue15.Setup();
                call = () => issue15.FailureThrown();
                break;
            case "raw":
                issue15.Setup();
                call = () => issue15.RawApiAuth();
                break;
            case "typed":
                issue15.Setup();
                call = () => issue15.TypedApiAuth();
                break;
            default:
                Console.Error.WriteLine($"unknown row '{row}': classify, returned, thrown, raw, typed (add -sync for the synchronous door)");
                return 2;
        }

        long calls = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            for (int i = 0; i < 1000; i++)
            {
                call();
            }

            calls += 1000;
        }

        Console.WriteLine($"{row}: {calls} calls in {clock.Elapsed.TotalSeconds:F1} s ({clock.Elapsed.TotalNanoseconds / calls:F0} ns per call, loop included)");
        return 0;
    }
}
