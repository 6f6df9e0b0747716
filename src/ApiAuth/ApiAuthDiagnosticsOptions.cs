using System.ComponentModel.DataAnnotations;

namespace ApiAuth;

/// <summary>
/// Options for the ApiAuth diagnostics handler of one named <see cref="HttpClient"/>.
/// They bind from the configuration section <c>ApiAuth</c>, then <c>ApiAuth:Clients:{name}</c>.
/// </summary>
public sealed class ApiAuthDiagnosticsOptions
{
    /// <summary>The default for <see cref="MaxErrorBodyBytes"/>: 64 KiB.</summary>
    public const int DefaultMaxErrorBodyBytes = 64 * 1024;

    /// <summary>The default for <see cref="ErrorBodyReadTimeout"/>: 5 seconds.</summary>
    public static readonly TimeSpan DefaultErrorBodyReadTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets or sets the provider profile id: <c>openai</c>, <c>azure-openai</c>, <c>anthropic</c>,
    /// <c>gemini</c>, <c>openai-compatible</c>, <c>generic</c>, or one you registered.
    /// </summary>
    /// <value>The default is <see langword="null"/>: the profile is chosen by the request's host, and unknown hosts get <c>generic</c>.</value>
    public string? Provider { get; set; }

    /// <summary>Gets or sets a value indicating whether a diagnosed server failure is thrown as <see cref="ApiAuthException"/>.</summary>
    /// <value>
    /// The default is <see langword="true"/>. When <see langword="false"/>, the response is returned with its body still
    /// readable and the failure is available from <see cref="AuthFailureExtensions.TryGetAuthFailure(HttpResponseMessage, out AuthFailure)"/>.
    /// Failures found before sending are always thrown: there is no response to return.
    /// </value>
    public bool ThrowOnFailure { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether every repair (whitespace, quotes, <c>Bearer</c> prefix, header name) is refused as a failure instead.</summary>
    /// <value>The default is <see langword="false"/>: safe repairs are made and logged once per client.</value>
    public bool Strict { get; set; }

    /// <summary>Gets or sets the most bytes of a 400/401/403 body read to classify it.</summary>
    /// <value>The default is <see cref="DefaultMaxErrorBodyBytes"/> (64 KiB). Between 256 bytes and 16 MiB.</value>
    [Range(256, 16 * 1024 * 1024)]
    public int MaxErrorBodyBytes { get; set; } = DefaultMaxErrorBodyBytes;

    /// <summary>Gets or sets how long reading an error body to classify it may take before ApiAuth classifies what it has.</summary>
    /// <value>The default is <see cref="DefaultErrorBodyReadTimeout"/> (5 seconds). Between 1 millisecond and 10 minutes.</value>
    public TimeSpan ErrorBodyReadTimeout { get; set; } = DefaultErrorBodyReadTimeout;

    /// <summary>Gets or sets the API key ApiAuth adds to requests that carry none, in the place the provider reads it.</summary>
    /// <value>The default is <see langword="null"/>: ApiAuth only checks the credential the caller sets.</value>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the name of an environment variable holding the API key, used when <see cref="ApiKey"/> is not set.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? ApiKeyEnvironmentVariable { get; set; }

    /// <summary>Gets or sets the organization id ApiAuth adds to requests that carry none (OpenAI's <c>OpenAI-Organization</c>).</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? Organization { get; set; }

    /// <summary>Gets or sets the project id ApiAuth adds to requests that carry none (OpenAI's <c>OpenAI-Project</c>).</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? Project { get; set; }

    /// <summary>Gets or sets a value indicating whether a credential may be sent over plain http to a host that is not loopback.</summary>
    /// <value>The default is <see langword="false"/>: such a request is refused as <see cref="AuthFailureCause.WrongEndpoint"/>.</value>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>
    /// Gets hosts mapped to a provider profile id, for gateways and relays ApiAuth cannot recognise by host
    /// (for example <c>llm-gateway.internal</c> → <c>openai-compatible</c>). A suffix entry starts with <c>*.</c>.
    /// </summary>
    /// <value>Empty by default. Binds from configuration as <c>HostProviders:{host} = {id}</c>.</value>
    public IDictionary<string, string> HostProviders { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Gets the hosts this client may send a credential to (exact, or <c>*.suffix</c>). When not empty, a request carrying a
    /// credential to any other host is refused as <see cref="AuthFailureCause.WrongEndpoint"/> before it is sent.
    /// </summary>
    /// <value>Empty by default: every host is allowed.</value>
    public IList<string> AllowedHosts { get; } = new List<string>();
}
