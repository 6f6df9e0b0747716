using Microsoft.Extensions.Hosting;

namespace ApiAuth.Testing.Internal;

/// <summary>Keeps the emulator's server from hooking the test process's Ctrl+C and SIGTERM handling.</summary>
internal sealed class NoopHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
