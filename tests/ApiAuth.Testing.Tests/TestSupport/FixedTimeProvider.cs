namespace ApiAuth.Testing.Tests.TestSupport;

/// <summary>A clock that never moves.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
