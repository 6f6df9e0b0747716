namespace ApiAuth.IntegrationTests.Infrastructure;

/// <summary>Which HttpClient door an SDK call goes through: its synchronous method (<c>Send</c>) or its async one (<c>SendAsync</c>).</summary>
public enum Door
{
    Sync,
    Async,
}
