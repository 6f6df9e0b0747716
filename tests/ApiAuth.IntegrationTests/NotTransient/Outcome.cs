using ApiAuth.IntegrationTests.Infrastructure;
using ApiAuth.Testing;
using Microsoft.Extensions.Logging;

namespace ApiAuth.IntegrationTests.NotTransient;

/// <summary>
/// What issue 10 requires of a refused or rejected credential through a library on its defaults: it reaches the caller
/// after exactly one attempt, as <see cref="ApiAuthException"/> itself or inside exactly the one wrapper the library
/// uses, <c>TryGetAuthFailure</c> finds it, one request is on the wire for a server rejection and none for a pre-send
/// refusal, and ApiAuth wrote exactly one log entry: event 3 <c>ServerRejected</c> or event 2 <c>RequestRefused</c>, at Error.
/// </summary>
internal static class Outcome
{
    /// <summary>ApiAuth's <c>RequestRefused</c> event (README, log table).</summary>
    public const int RequestRefusedEvent = 2;

    /// <summary>ApiAuth's <c>ServerRejected</c> event (README, log table).</summary>
    public const int ServerRejectedEvent = 3;

    /// <summary>The exception types from <paramref name="thrown"/> down its <see cref="Exception.InnerException"/> chain.</summary>
    public static Type[] Chain(Exception thrown)
    {
        var types = new List<Type>();
        for (Exception? e = thrown; e is not null; e = e.InnerException)
        {
            types.Add(e.GetType());
        }

        return [.. types];
    }

    /// <summary>The server rejected the credential: one attempt, one request on the wire, one <c>ServerRejected</c> entry.</summary>
    /// <param name="thrown">What the caller caught.</param>
    /// <param name="chain">The exact exception chain: the wrapper (if the library uses one), then <see cref="ApiAuthException"/>.</param>
    /// <param name="attempts">How many requests the caller sent into the client.</param>
    /// <param name="emulator">The emulator, which counts what reached the wire.</param>
    /// <param name="logs">The host's logs.</param>
    /// <param name="cause">The expected cause.</param>
    public static AuthFailure ServerRejectedOnce(Exception thrown, Type[] chain, int attempts, ProviderEmulator emulator, RecordingLoggerProvider logs, AuthFailureCause cause)
    {
        Assert.Equal(1, attempts);
        EmulatedRequest received = Assert.Single(emulator.ReceivedRequests);
        AuthFailure failure = Found(thrown, chain, cause);
        Assert.True(failure.RequestWasSent);
        Assert.NotNull(failure.StatusCode);
        Assert.Equal(received.RequestId, failure.RequestId);
        Assert.Equal(received.StatusCode, (int)failure.StatusCode!.Value);
        OneEntry(logs, ServerRejectedEvent);
        return failure;
    }

    /// <summary>ApiAuth refused the request before sending: one attempt, nothing on the wire, one <c>RequestRefused</c> entry.</summary>
    /// <param name="thrown">What the caller caught.</param>
    /// <param name="chain">The exact exception chain: the wrapper (if the library uses one), then <see cref="ApiAuthException"/>.</param>
    /// <param name="attempts">How many requests the caller sent into the client.</param>
    /// <param name="emulator">The emulator, which counts what reached the wire.</param>
    /// <param name="logs">The host's logs.</param>
    /// <param name="cause">The expected cause.</param>
    public static AuthFailure RefusedOnce(Exception thrown, Type[] chain, int attempts, ProviderEmulator emulator, RecordingLoggerProvider logs, AuthFailureCause cause)
    {
        Assert.Equal(1, attempts);
        Assert.Empty(emulator.ReceivedRequests);
        AuthFailure failure = Found(thrown, chain, cause);
        Assert.False(failure.RequestWasSent);
        Assert.Null(failure.StatusCode);
        OneEntry(logs, RequestRefusedEvent);
        return failure;
    }

    private static AuthFailure Found(Exception thrown, Type[] chain, AuthFailureCause cause)
    {
        Assert.Equal(chain, Chain(thrown));
        Assert.Equal(typeof(ApiAuthException), chain[^1]);
        Assert.True(thrown.TryGetAuthFailure(out AuthFailure? failure), thrown.ToString());
        var innermost = (ApiAuthException)thrown.GetBaseException();
        Assert.Same(innermost.Failure, failure);
        Assert.Equal(cause, failure.Cause);
        return failure;
    }

    private static void OneEntry(RecordingLoggerProvider logs, int eventId)
    {
        RecordingLoggerProvider.LogEntry entry = Assert.Single(logs.ApiAuthEntries);
        Assert.Equal(eventId, entry.EventId);
        Assert.Equal(LogLevel.Error, entry.Level);
    }
}
