using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text;
using ApiAuth.Testing.Internal;

namespace ApiAuth.Testing;

/// <summary>
/// A fake AI provider that answers authentication exactly like the real one: the same status codes, headers,
/// body shapes and wording for missing, invalid, revoked and expired keys, wrong organizations and projects,
/// missing scopes and disabled accounts. Use it in memory (<see cref="CreateHandler"/>) or on a loopback
/// socket (<see cref="StartServerAsync(CancellationToken)"/>); both answer identically.
/// </summary>
/// <remarks>
/// <para>Configure it fluently, then send requests. Every member is thread-safe; configuration may change
/// between requests (a key revoked mid-test, say) and takes effect for the next request.</para>
/// <code>
/// var emulator = new ProviderEmulator(EmulatedProvider.OpenAI)
///     .WithKey(key, k => k.Organization("org-abc").Project("proj_abc"))
///     .WithRevokedKey(oldKey);
/// using var client = emulator.CreateHttpClient();
/// </code>
/// </remarks>
public sealed class ProviderEmulator
{
#if NET9_0_OR_GREATER
    private readonly Lock _gate = new();
#else
    private readonly object _gate = new();
#endif
    private readonly ForcedFailures _forced = new();
    private readonly ConcurrentQueue<EmulatedRequest> _received = new();
    private volatile EmulatorConfiguration _configuration;

    /// <summary>
    /// Initializes a new instance of the <see cref="ProviderEmulator"/> class for a provider.
    /// </summary>
    /// <param name="provider">The provider to pretend to be.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="provider"/> is not a defined value.</exception>
    public ProviderEmulator(EmulatedProvider provider)
    {
        var behavior = ProviderBehavior.Create(provider);
        _configuration = new EmulatorConfiguration { Behavior = behavior, BasePath = behavior.DefaultBasePath };
    }

    /// <summary>
    /// Initializes a new instance of the <see cref="ProviderEmulator"/> class from a provider id:
    /// <c>openai</c>, <c>openai-compatible</c>, <c>azure-openai</c>, <c>anthropic</c> or <c>gemini</c> (any case).
    /// </summary>
    /// <param name="providerId">The provider id, as ApiAuth names providers.</param>
    /// <exception cref="ArgumentNullException"><paramref name="providerId"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="providerId"/> names no emulated provider.</exception>
    public ProviderEmulator(string providerId)
        : this(ParseProviderId(providerId))
    {
    }

    /// <summary>Gets the provider this emulator pretends to be.</summary>
    public EmulatedProvider Provider => _configuration.Behavior.Provider;

    /// <summary>Gets the provider id: <c>openai</c>, <c>openai-compatible</c>, <c>azure-openai</c>, <c>anthropic</c> or <c>gemini</c>.</summary>
    public string ProviderId => _configuration.Behavior.Id;

    /// <summary>
    /// Gets the real service's root address (for example <c>https://api.openai.com/</c>), which
    /// <see cref="CreateHttpClient"/> uses. The in-memory handler answers for any host.
    /// </summary>
    public Uri DefaultBaseAddress => _configuration.Behavior.DefaultBaseAddress;

    /// <summary>
    /// Gets the base path the provider's routes live under: <c>/v1</c> (OpenAI, Anthropic), <c>/openai</c> (Azure OpenAI),
    /// <c>/v1beta</c> (Gemini), unless changed with <see cref="WithBasePath(string)"/>.
    /// </summary>
    public string BasePath => _configuration.BasePath;

    /// <summary>
    /// Gets a snapshot of the requests received so far, in the order they were answered, with what was answered.
    /// </summary>
    public IReadOnlyList<EmulatedRequest> ReceivedRequests => _received.ToArray();

    /// <summary>
    /// Registers a valid key, optionally bound to an organization and project and restricted to scopes.
    /// Registering a key again replaces it.
    /// </summary>
    /// <param name="key">The key (for Azure OpenAI, a resource key or an Entra token; both are accepted where the service reads them).</param>
    /// <param name="configure">Binds the key; see <see cref="EmulatedKeyBuilder"/>.</param>
    /// <returns>This emulator.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is null or empty.</exception>
    public ProviderEmulator WithKey(string key, Action<EmulatedKeyBuilder>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var builder = new EmulatedKeyBuilder();
        configure?.Invoke(builder);
        return SetKey(new EmulatedKey(key, EmulatedKeyState.Active, builder.OrganizationId, builder.ProjectId, builder.GrantedScopes));
    }

    /// <summary>Registers a key that was revoked. OpenAI, Azure OpenAI, Anthropic and Gemini answer it as an invalid key.</summary>
    /// <param name="key">The revoked key.</param>
    /// <returns>This emulator.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is null or empty.</exception>
    public ProviderEmulator WithRevokedKey(string key) => SetState(key, EmulatedKeyState.Revoked);

    /// <summary>Registers a key that has expired. Gemini answers <c>API key expired</c>; the others answer an invalid key.</summary>
    /// <param name="key">The expired key.</param>
    /// <returns>This emulator.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is null or empty.</exception>
    public ProviderEmulator WithExpiredKey(string key) => SetState(key, EmulatedKeyState.Expired);

    /// <summary>Registers a key whose account or organization is deactivated, disabled or suspended.</summary>
    /// <param name="key">The key.</param>
    /// <returns>This emulator.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is null or empty.</exception>
    public ProviderEmulator WithDisabledAccountKey(string key) => SetState(key, EmulatedKeyState.AccountDisabled);

    /// <summary>
    /// Declares an organization that exists (OpenAI). Organizations keys are bound to exist already; an
    /// <c>OpenAI-Organization</c> header naming any other is answered <c>No such organization</c>.
    /// </summary>
    /// <param name="organizationId">The organization id, for example <c>org-abc</c>.</param>
    /// <returns>This emulator.</returns>
    /// <exception cref="ArgumentException"><paramref name="organizationId"/> is null, empty or white space.</exception>
    public ProviderEmulator WithOrganization(string organizationId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationId);
        return Update(c => c with { Organizations = c.Organizations.Add(organizationId) });
    }

    /// <summary>
    /// Disables key-based authentication on the resource (Azure OpenAI's <c>disableLocalAuth</c>): a key in
    /// <c>api-key</c> is answered 403 <c>AuthenticationTypeDisabled</c>, whether or not it is valid; bearer tokens still work.
    /// </summary>
    /// <param name="disabled"><see langword="true"/> to refuse keys; <see langword="false"/> to accept them again.</param>
    /// <returns>This emulator.</returns>
    public ProviderEmulator WithKeyAuthenticationDisabled(bool disabled = true) =>
        Update(c => c with { KeyAuthenticationDisabled = disabled });

    /// <summary>Sets the models the emulator lists and uses when a request names none.</summary>
    /// <param name="models">The model ids, for example <c>gpt-4o-mini</c>; at least one.</param>
    /// <returns>This emulator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="models"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="models"/> is empty.</exception>
    public ProviderEmulator WithModels(params string[] models)
    {
        ArgumentNullException.ThrowIfNull(models);
        if (models.Length == 0)
        {
            throw new ArgumentException("Give at least one model.", nameof(models));
        }

        return Update(c => c with { Models = [.. models] });
    }

    /// <summary>
    /// Declares the Azure OpenAI deployments that exist; a request to any other is answered 404 <c>DeploymentNotFound</c>.
    /// Without this call every deployment name is accepted.
    /// </summary>
    /// <param name="deployments">The deployment names.</param>
    /// <returns>This emulator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="deployments"/> is null.</exception>
    public ProviderEmulator WithDeployments(params string[] deployments)
    {
        ArgumentNullException.ThrowIfNull(deployments);
        return Update(c => c with { Deployments = ImmutableHashSet.CreateRange(StringComparer.Ordinal, deployments) });
    }

    /// <summary>
    /// Moves the provider's routes under another base path: <c>""</c> for an OpenAI-compatible server without
    /// <c>/v1</c>, <c>/proxy/v1</c> for a gateway that mounts the API below a prefix.
    /// </summary>
    /// <param name="basePath">The base path; a missing leading slash is added and a trailing one removed.</param>
    /// <returns>This emulator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="basePath"/> is null.</exception>
    public ProviderEmulator WithBasePath(string basePath)
    {
        ArgumentNullException.ThrowIfNull(basePath);
        var normalized = basePath.Trim().Trim('/');
        return Update(c => c with { BasePath = normalized.Length == 0 ? string.Empty : "/" + normalized });
    }

    /// <summary>Sets the text successful completions answer (split on spaces into stream events).</summary>
    /// <param name="text">The completion text.</param>
    /// <returns>This emulator.</returns>
    /// <exception cref="ArgumentException"><paramref name="text"/> is null or empty.</exception>
    public ProviderEmulator WithCompletionText(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        return Update(c => c with { CompletionText = text });
    }

    /// <summary>Sets the clock used for <c>created</c> timestamps and <see cref="EmulatedRequest.ReceivedAt"/>.</summary>
    /// <param name="timeProvider">The clock, for example a <c>FakeTimeProvider</c>.</param>
    /// <returns>This emulator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="timeProvider"/> is null.</exception>
    public ProviderEmulator WithTimeProvider(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return Update(c => c with { TimeProvider = timeProvider });
    }

    /// <summary>Revokes a key from now on (registering it as revoked if it was unknown), as a rotation does.</summary>
    /// <param name="key">The key to revoke.</param>
    /// <exception cref="ArgumentException"><paramref name="key"/> is null or empty.</exception>
    public void RevokeKey(string key) => SetState(key, EmulatedKeyState.Revoked);

    /// <summary>
    /// Answers the next <paramref name="count"/> requests, whatever they carry, with <paramref name="failure"/>
    /// as the provider words it. Calls add up: <c>FailNext(A); FailNext(B)</c> answers A, then B.
    /// </summary>
    /// <param name="failure">The failure to answer.</param>
    /// <param name="count">How many requests to fail; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="failure"/> is not defined, or <paramref name="count"/> is less than 1.</exception>
    public void FailNext(EmulatedFailure failure, int count = 1)
    {
        ThrowIfUndefined(failure);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _forced.Enqueue(failure, count);
    }

    /// <summary>
    /// Answers every request whose path starts with <paramref name="path"/> with <paramref name="failure"/>,
    /// until <see cref="ClearForcedFailures"/>. Path rules win over <see cref="FailNext(EmulatedFailure, int)"/>.
    /// </summary>
    /// <param name="path">The path prefix, for example <c>/v1/embeddings</c>.</param>
    /// <param name="failure">The failure to answer.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="failure"/> is not defined.</exception>
    public void FailRequestsTo(string path, EmulatedFailure failure)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ThrowIfUndefined(failure);
        _forced.AddPath(path.StartsWith('/') ? path : "/" + path, failure);
    }

    /// <summary>Forgets every failure asked for with <see cref="FailNext(EmulatedFailure, int)"/> and <see cref="FailRequestsTo(string, EmulatedFailure)"/>.</summary>
    public void ClearForcedFailures() => _forced.Clear();

    /// <summary>Forgets the requests received so far.</summary>
    public void ClearReceivedRequests() => _received.Clear();

    /// <summary>
    /// Creates an in-memory handler that answers every request itself, for any host, without a socket.
    /// </summary>
    /// <returns>A new handler; give it to an <see cref="HttpClient"/> or put it at the end of a handler pipeline.</returns>
    public HttpMessageHandler CreateHandler() => new EmulatorHttpMessageHandler(this);

    /// <summary>
    /// Creates an <see cref="HttpClient"/> over <see cref="CreateHandler"/> whose base address is the real service's
    /// (<see cref="DefaultBaseAddress"/>), so host-based provider detection sees the real host.
    /// </summary>
    /// <returns>A new client; the caller disposes it.</returns>
    public HttpClient CreateHttpClient() => new(CreateHandler(), disposeHandler: true) { BaseAddress = DefaultBaseAddress };

    /// <summary>
    /// Starts a Kestrel server on <c>127.0.0.1</c> and a random free port that answers with this emulator.
    /// </summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server; dispose it to stop it.</returns>
    public Task<EmulatorServer> StartServerAsync(CancellationToken cancellationToken = default) =>
        EmulatorServer.StartAsync(this, cancellationToken);

    /// <summary>Answers one request: both transports call this, and it calls the pure core.</summary>
    internal EmulatorResponse Process(IncomingRequest request)
    {
        var configuration = _configuration;
        var requestId = configuration.Behavior.NewRequestId();
        var forced = _forced.Take(request.Path);
        var now = configuration.TimeProvider.GetUtcNow();
        var response = EmulatorCore.Evaluate(configuration, request, forced, requestId, now);
        _received.Enqueue(new EmulatedRequest(
            request.Method,
            request.Path,
            request.QueryString,
            request.Headers,
            request.Body.Length == 0 ? string.Empty : Encoding.UTF8.GetString(request.Body),
            response.StatusCode,
            requestId,
            response.Failure,
            now));
        return response;
    }

    private static EmulatedProvider ParseProviderId(string providerId)
    {
        ArgumentNullException.ThrowIfNull(providerId);
        return providerId.Trim().ToUpperInvariant() switch
        {
            "OPENAI" => EmulatedProvider.OpenAI,
            "OPENAI-COMPATIBLE" => EmulatedProvider.OpenAICompatible,
            "AZURE-OPENAI" => EmulatedProvider.AzureOpenAI,
            "ANTHROPIC" => EmulatedProvider.Anthropic,
            "GEMINI" => EmulatedProvider.Gemini,
            _ => throw new ArgumentException(
                "'" + providerId + "' is not an emulated provider; use openai, openai-compatible, azure-openai, anthropic or gemini.",
                nameof(providerId)),
        };
    }

    private static void ThrowIfUndefined(EmulatedFailure failure)
    {
        if (!Enum.IsDefined(failure))
        {
            throw new ArgumentOutOfRangeException(nameof(failure), failure, "Unknown failure.");
        }
    }

    private ProviderEmulator SetState(string key, EmulatedKeyState state)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return Update(c => c with
        {
            Keys = c.Keys.SetItem(key, c.Keys.TryGetValue(key, out var existing)
                ? existing with { State = state }
                : new EmulatedKey(key, state, null, null, null)),
        });
    }

    private ProviderEmulator SetKey(EmulatedKey key) => Update(c => c with { Keys = c.Keys.SetItem(key.Value, key) });

    private ProviderEmulator Update(Func<EmulatorConfiguration, EmulatorConfiguration> change)
    {
        lock (_gate)
        {
            _configuration = change(_configuration);
        }

        return this;
    }
}
