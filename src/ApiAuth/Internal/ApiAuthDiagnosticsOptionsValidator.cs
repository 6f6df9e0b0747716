using ApiAuth.Providers;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace ApiAuth.Internal;

/// <summary>
/// Validates options at start (<c>ValidateOnStart</c>): ranges come from the data annotations through the
/// source-generated validator; the provider id and a configured key are checked with the same rules as requests.
/// </summary>
internal sealed class ApiAuthDiagnosticsOptionsValidator : IValidateOptions<ApiAuthDiagnosticsOptions>
{
    private readonly ProviderRegistry _registry;
    private readonly IServiceProvider _services;

    public ApiAuthDiagnosticsOptionsValidator(ProviderRegistry registry, IServiceProvider services)
    {
        _registry = registry;
        _services = services;
    }

    public ValidateOptionsResult Validate(string? name, ApiAuthDiagnosticsOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        builder.AddResult(new ApiAuthDiagnosticsOptionsRangeValidator().Validate(name, options));

        if (options.ErrorBodyReadTimeout <= TimeSpan.Zero || options.ErrorBodyReadTimeout > TimeSpan.FromMinutes(10))
        {
            builder.AddError($"ErrorBodyReadTimeout must be between 1 ms and 10 minutes; it is {options.ErrorBodyReadTimeout}.", nameof(options.ErrorBodyReadTimeout));
        }

        ProviderProfile? profile = null;
        if (options.Provider is { Length: > 0 } id && !_registry.TryGet(id, out profile))
        {
            builder.AddError($"Unknown provider '{id}'. Known providers: {string.Join(", ", _registry.Ids)}.", nameof(options.Provider));
        }

        foreach (KeyValuePair<string, string> mapping in options.HostProviders)
        {
            if (!_registry.TryGet(mapping.Value, out _))
            {
                builder.AddError($"HostProviders maps '{mapping.Key}' to the unknown provider '{mapping.Value}'. Known providers: {string.Join(", ", _registry.Ids)}.", nameof(options.HostProviders));
            }
        }

        string? key = options.ApiKey;
        string source = "ApiKey";
        if (string.IsNullOrEmpty(key) && options.ApiKeyEnvironmentVariable is { Length: > 0 } variable)
        {
            key = Environment.GetEnvironmentVariable(variable);
            source = $"the environment variable {variable}";
        }

        if (!string.IsNullOrEmpty(key))
        {
            SanitizedCredential clean = CredentialSanitizer.Sanitize(key, scheme: null);
            if (CredentialValidator.Validate(profile ?? BuiltInProfiles.Generic, clean.Key) is { } verdict)
            {
                builder.AddError($"The API key from {source} ({KeyHint.For(clean.Key)}) cannot be used: {verdict.Cause}: {verdict.Detail}.", nameof(options.ApiKey));
            }
        }

        if (!options.AllowInsecureHttp && name is { Length: > 0 } && BaseAddress(name) is { } baseAddress
            && EndpointRules.IsPlainHttpToRemote(baseAddress))
        {
            builder.AddError($"The client's base address {baseAddress.GetLeftPart(UriPartial.Authority)} is plain http to a host that is not loopback: every key would travel in clear text. Use https, or set AllowInsecureHttp for a network you trust.", "BaseAddress");
        }

        return builder.Build();
    }

    /// <summary>The base address the factory gives the named client, found by applying its configuration to a client that never sends.</summary>
    private Uri? BaseAddress(string name)
    {
        if (_services.GetService(typeof(IOptionsMonitor<HttpClientFactoryOptions>)) is not IOptionsMonitor<HttpClientFactoryOptions> factoryOptions)
        {
            return null;
        }

        try
        {
            using var probe = new HttpClient(new NeverSends());
            foreach (Action<HttpClient> action in factoryOptions.Get(name).HttpClientActions)
            {
                action(probe);
            }

            return probe.BaseAddress;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    private sealed class NeverSends : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("ApiAuth's base-address probe never sends.");
    }
}
