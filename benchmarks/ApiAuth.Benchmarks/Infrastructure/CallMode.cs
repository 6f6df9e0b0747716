namespace ApiAuth.Benchmarks.Infrastructure;

/// <summary>Which door of the handler the call goes through.</summary>
public enum CallMode
{
    /// <summary><c>HttpClient.SendAsync</c>.</summary>
    Async,

    /// <summary><c>HttpClient.Send</c> (the SDKs' synchronous methods).</summary>
    Sync,
}
