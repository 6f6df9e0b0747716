namespace ApiAuth.Tests;

public sealed class AuthFailureExtensionsTests
{
    private static readonly AuthFailure Failure = new(AuthFailureCause.InvalidKey, "openai", "Create a new key.") { StatusCode = System.Net.HttpStatusCode.Unauthorized, RequestWasSent = true };

    [Fact]
    public void TryGetAuthFailure_DirectException_ReturnsFailure()
    {
        Assert.True(new ApiAuthException(Failure).TryGetAuthFailure(out AuthFailure? found));
        Assert.Same(Failure, found);
    }

    [Fact]
    public void TryGetAuthFailure_WrappedInInnerExceptions_ReturnsFailure()
    {
        var wrapped = new InvalidOperationException("sdk", new HttpRequestException("transport", new ApiAuthException(Failure)));

        Assert.True(wrapped.TryGetAuthFailure(out AuthFailure? found));
        Assert.Same(Failure, found);
    }

    [Fact]
    public void TryGetAuthFailure_InsideAggregateException_ReturnsFailure()
    {
        var aggregate = new AggregateException(new TimeoutException(), new AggregateException(new Exception("x", new ApiAuthException(Failure))));

        Assert.True(aggregate.TryGetAuthFailure(out AuthFailure? found));
        Assert.Same(Failure, found);
    }

    [Fact]
    public void TryGetAuthFailure_NoApiAuthException_ReturnsFalse()
    {
        Assert.False(new InvalidOperationException("x", new TimeoutException()).TryGetAuthFailure(out AuthFailure? found));
        Assert.Null(found);
    }

    [Fact]
    public void TryGetAuthFailure_NullException_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => ((Exception)null!).TryGetAuthFailure(out _));
        Assert.Throws<ArgumentNullException>(() => ((HttpResponseMessage)null!).TryGetAuthFailure(out _));
    }

    [Fact]
    public void ApiAuthException_Message_SaysWhatCauseAndNextStep()
    {
        var e = new ApiAuthException(Failure);

        Assert.StartsWith("The server rejected the credential: the API key is incorrect or revoked [InvalidKey]. Create a new key.", e.Message, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, e.StatusCode);
    }

    [Fact]
    public void ApiAuthException_BaseType_IsNotATransientTransportFault_Issue10()
    {
        // Retry policies retry HttpRequestException and IOException; an auth failure must be neither.
        Assert.Equal(typeof(Exception), typeof(ApiAuthException).BaseType);
        Assert.False(typeof(HttpRequestException).IsAssignableFrom(typeof(ApiAuthException)));
        Assert.False(typeof(IOException).IsAssignableFrom(typeof(ApiAuthException)));
    }

    [Fact]
    public void ApiAuthException_NullFailure_Throws() =>
        Assert.Throws<ArgumentNullException>(() => new ApiAuthException(null!));

    [Fact]
    public void AuthFailure_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => new AuthFailure(AuthFailureCause.Unknown, null!, "x"));
        Assert.Throws<ArgumentNullException>(() => new AuthFailure(AuthFailureCause.Unknown, "x", null!));
    }
}
