namespace ApiAuth.Benchmarks.Infrastructure;

/// <summary>How the credential reaches the request on the success path.</summary>
public enum HeaderScenario
{
    /// <summary><c>request.Headers.TryAddWithoutValidation("Authorization", "Bearer sk-proj-…")</c> — what the OpenAI SDK does.</summary>
    Raw,

    /// <summary><c>request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key)</c> (one cached instance).</summary>
    Typed,

    /// <summary><c>client.DefaultRequestHeaders.Authorization</c> set once; HttpClient copies it into every request.</summary>
    DefaultHeadersTyped,

    /// <summary>Raw key plus <c>OpenAI-Organization</c> and <c>OpenAI-Project</c> headers.</summary>
    OrgAndProject,

    /// <summary>A key with a trailing newline (read from a file): ApiAuth repairs it; the repair is cached per client.</summary>
    RepairedKey,

    /// <summary>Raw key; a 200 <c>text/event-stream</c> answer read with <c>ResponseHeadersRead</c> (1 GiB generated body, never touched).</summary>
    Streaming,
}
