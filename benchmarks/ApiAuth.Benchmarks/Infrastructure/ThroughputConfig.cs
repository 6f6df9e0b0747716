using BenchmarkDotNet.Configs;

namespace ApiAuth.Benchmarks.Infrastructure;

/// <summary>Adds the requests/s column to the throughput benchmarks.</summary>
internal sealed class ThroughputConfig : ManualConfig
{
    public ThroughputConfig() => AddColumn(new RequestsPerSecondColumn());
}
