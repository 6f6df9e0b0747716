using ApiAuth.Benchmarks.Infrastructure;
using BenchmarkDotNet.Running;

if (args is ["--alloc-probe"])
{
    // Profiling aid: which types ApiAuth allocates per request (see benchmarks/README.md).
    AllocationProbes.RunAll();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
