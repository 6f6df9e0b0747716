namespace ApiAuth.Testing.Internal;

/// <summary>
/// One provider's wire behaviour: where it reads the credential, which routes it serves, how it words each
/// failure and success. The flow that ties these together lives in <see cref="EmulatorCore"/>.
/// </summary>
internal abstract class ProviderBehavior
{
    public abstract EmulatedProvider Provider { get; }

    public abstract string Id { get; }

    public abstract string DefaultBasePath { get; }

    public abstract Uri DefaultBaseAddress { get; }

    public abstract IReadOnlyList<string> DefaultModels { get; }

    public static ProviderBehavior Create(EmulatedProvider provider) => provider switch
    {
        EmulatedProvider.OpenAI => new OpenAIBehavior(compatible: false),
        EmulatedProvider.OpenAICompatible => new OpenAIBehavior(compatible: true),
        EmulatedProvider.AzureOpenAI => new AzureOpenAIBehavior(),
        EmulatedProvider.Anthropic => new AnthropicBehavior(),
        EmulatedProvider.Gemini => new GeminiBehavior(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown provider."),
    };

    /// <summary>A new request id in the provider's format, or null for a provider that sends none.</summary>
    public abstract string? NewRequestId();

    /// <summary>Headers the provider sends on every answer.</summary>
    public abstract void AddCommonHeaders(EmulatorResponse response, string? requestId, EmulatorConfiguration configuration);

    /// <summary>Matches a path relative to the base path; null when the provider serves no such route.</summary>
    public abstract RouteMatch? MatchRoute(string method, string relativePath);

    /// <summary>The credential where this provider reads it, or null.</summary>
    public abstract Credential? FindCredential(IncomingRequest request);

    /// <summary>A failure decided by the form of the credential alone, before the key is looked up.</summary>
    public virtual EmulatedFailure? CheckCredentialForm(Credential credential, EmulatorConfiguration configuration) => null;

    /// <summary>A failure decided by the request's other headers once the key is known to be valid.</summary>
    public virtual EmulatedFailure? CheckRequest(IncomingRequest request, EmulatedKey key, EmulatorConfiguration configuration) => null;

    /// <summary>A non-authentication refusal of an authenticated request (wrong endpoint, missing api-version).</summary>
    public virtual EmulatorResponse? CheckRoute(IncomingRequest request, RouteMatch route, EmulatorConfiguration configuration) => null;

    public abstract EmulatorResponse Failure(FailureContext context);

    public abstract EmulatorResponse NotFound(IncomingRequest request, string? requestId);

    public abstract EmulatorResponse InvalidBody(IncomingRequest request, string? requestId);

    public abstract EmulatorResponse Success(SuccessContext context);

    protected static Credential? BearerCredential(IncomingRequest request)
    {
        var authorization = request.Header("Authorization");
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = authorization["Bearer ".Length..].Trim();
        return token.Length == 0 ? null : new Credential(token, CredentialSource.AuthorizationBearer);
    }

    protected static Credential? HeaderCredential(IncomingRequest request, string headerName)
    {
        var value = request.Header(headerName);
        return string.IsNullOrEmpty(value) ? null : new Credential(value, CredentialSource.ApiKeyHeader);
    }
}
