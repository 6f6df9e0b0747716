namespace ApiAuth.Internal;

/// <summary>Keys under which ApiAuth stores facts on <see cref="HttpRequestMessage.Options"/>.</summary>
internal static class RequestOptionKeys
{
    /// <summary>The failure diagnosed for a response returned instead of thrown.</summary>
    public static readonly HttpRequestOptionsKey<AuthFailure> Failure = new("ApiAuth.Failure");
}
