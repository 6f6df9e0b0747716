namespace ApiAuth.IntegrationTests.NotTransient;

/// <summary>What sits at ApiAuth's place in the client's handler chain.</summary>
public enum Stage
{
    /// <summary>ApiAuth (<c>AddApiAuthDiagnostics()</c>).</summary>
    ApiAuth,

    /// <summary>Nothing: the same pipeline without ApiAuth, the reference for every behaviour.</summary>
    Nothing,

    /// <summary>A handler that throws <see cref="HttpRequestException"/>, as ApiAuthException did when it derived from it: the probe that shows the retries.</summary>
    ThrowsHttpRequestException,
}
