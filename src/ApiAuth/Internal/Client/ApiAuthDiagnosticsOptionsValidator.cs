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
    private readonly TimeProvider _time;

    public ApiAuthDiagnosticsOptionsValidator(ProviderRegistry registry, IServiceProvider services)
    {
        _registry = registry;
        _services = services;
        _time = services.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System;
    }

    public ValidateOptionsResult Validate(string? name, ApiAuthDiagnosticsOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        builder.AddResult(new ApiAuthDiagnosticsOptionsRangeValidator().Validate(name, options));

        if (options.ErrorBodyReadTimeout <= TimeSpan.Zero || options.ErrorBodyReadTimeout > TimeSpan.FromMinutes(10))
        {
            builder.AddError($"ErrorBodyReadTimeout must be between 1 ms and 10 minutes; it is {options.ErrorBodyReadTimeout}.", nameof(options.ErrorBodyReadTimeout));
        }

        // The same snapshot the handler builds: the provider looked up, the variable read and the key sanitized in one place.
        var settings = new HandlerSettings(options, _registry);
        foreach ((string option, string message) in settings.Problems)
        {
            builder.AddError(message, option);
        }

        if (settings.KeyVariable is { } variable && settings.ConfiguredKey is null)
        {
            // The option names where the key must come from: an unset or empty variable would fail every request, so it
            // fails at start, naming the variable (never a value: there is none).
            string state = settings.KeyVariableIsSet ? "is set but empty in this process" : "is not set in this process";
            builder.AddError($"MissingKey: the environment variable {variable} {state} (a .env file is not loaded unless your app loads it; user secrets and appsettings are not environment variables). Set {variable} in the environment that starts the app, or set ApiKey instead of ApiKeyEnvironmentVariable.", nameof(options.ApiKeyEnvironmentVariable));
        }

        Uri? baseAddress = !options.AllowInsecureHttp && name is { Length: > 0 } ? BaseAddress(name) : null;
        SanitizedCredential? configured = settings.ConfiguredKey;
        if (configured is not null)
        {
            // The credential policy on a request that carries nothing but what ApiAuth adds: the rules the first request meets.
            ProviderProfile profile = settings.FixedProfile ?? (baseAddress is { IsAbsoluteUri: true } ? settings.ProfileForHost(baseAddress.IdnHost) : BuiltInProfiles.Generic);
            using var probe = new HttpRequestMessage(HttpMethod.Get, (Uri?)null);
            Inspection inspection = CredentialPolicy.Inspect(probe, profile, settings, _time, caches: null);

            // Only the key's own rule: a token's expiry is a matter of time, not of configuration (a configured token that
            // expires later is refused then, request by request), and requests may carry keys of their own.
            if (inspection.Refusal is { } refusal && inspection.RefusedBy == PolicyRule.Credential)
            {
                builder.AddError($"The configured API key ({refusal.KeyHint}) cannot be used: {refusal.Cause}: {inspection.RefusalDetail}.", nameof(options.ApiKey));
            }
        }

        // Values ApiAuth writes as headers: a control character inside one would inject a header line. The message names the
        // option and the position, never the value.
        AddControlCharacterError(builder, nameof(options.Organization), options.Organization);
        AddControlCharacterError(builder, nameof(options.Project), options.Project);

        if (baseAddress is not null)
        {
            switch (EndpointRules.PlainHttp(baseAddress, configured is null ? default : configured.Key.AsSpan()))
            {
                case PlainHttpVerdict.Refused:
                    builder.AddError($"The client's base address {baseAddress.GetLeftPart(UriPartial.Authority)} is plain http to a public host: every key would travel in clear text. Use https, or set AllowInsecureHttp for a network you trust. (Plain http is accepted for this machine — localhost, loopback, 0.0.0.0 — and, with a warning, for your own network: private addresses and single-label names.)", "BaseAddress");
                    break;
                case PlainHttpVerdict.RefusedCloudKey:
                    builder.AddError($"The client's base address {baseAddress.GetLeftPart(UriPartial.Authority)} is plain http on your own network, and the configured key ({KeyHint.For(configured!.Key)}) is in a cloud provider's format: it would travel in clear text. Use https, or set AllowInsecureHttp for a network you trust.", "BaseAddress");
                    break;
            }
        }

        return builder.Build();
    }

    private static void AddControlCharacterError(ValidateOptionsResultBuilder builder, string option, string? value)
    {
        if (value is { Length: > 0 } && CredentialLocator.HasControlCharacter(value, out int position))
        {
            string where = position > 0 ? $" at position {position}" : string.Empty;
            builder.AddError($"{option} holds a control character (a line break, tab or NUL){where}: written as a header it would inject a header line, so ApiAuth never sends it. Fix the configured value.", option);
        }
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
