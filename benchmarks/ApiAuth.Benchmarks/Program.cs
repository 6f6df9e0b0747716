using ApiAuth.Benchmarks.Infrastructure;
using BenchmarkDotNet.Running;

if (args is ["--alloc-probe"])
{
    // Profiling aid: which types ApiAuth allocates per request (see benchmarks/README.md).
    AllocationProbes.RunAll();
    return 0;
}

if (args is ["--loop", string row, string seconds])
{
    // Profiling aid: one row in a loop, for a sampling profiler (see benchmarks/README.md).
    return ProfileLoop.Run(row, double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture));
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
