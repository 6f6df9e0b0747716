using System.Net;

namespace ApiAuth.Providers;

/// <summary>Turns the application's <see cref="ApiAuthProviderProfile"/>s into profiles, on top of their base profiles.</summary>
internal static class CustomProfiles
{
    public static List<ProviderProfile> Build(ApiAuthProviderOptions options)
    {
        var result = new List<ProviderProfile>();
        foreach ((string id, ApiAuthProviderProfile custom) in options.Profiles)
        {
            result.Add(Build(id, custom));
        }

        return result;
    }

    public static ProviderProfile Build(string id, ApiAuthProviderProfile custom)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new InvalidOperationException("ApiAuth: a custom provider profile needs a non-empty id.");
        }

        if (!ProviderRegistry.Default.TryGet(custom.BasedOn, out ProviderProfile based))
        {
            throw new InvalidOperationException($"ApiAuth: the custom provider '{id}' is based on the unknown provider '{custom.BasedOn}'. Known: {string.Join(", ", ProviderRegistry.Default.Ids)}.");
        }

        string[] hosts = [.. custom.Hosts.Select(static h => h.Trim()).Where(static h => h.Length > 0 && !h.StartsWith("*.", StringComparison.Ordinal))];
        string[] suffixes = [.. custom.Hosts.Select(static h => h.Trim()).Where(static h => h.StartsWith("*.", StringComparison.Ordinal)).Select(static h => h[1..])];
        ErrorRule[] rules = [.. custom.Rules.Select(static r => new ErrorRule
        {
            Cause = r.Cause,
            PassThrough = r.PassThrough,
            Status = r.StatusCode is { } status ? (HttpStatusCode)status : null,
            Codes = r.Codes.Count > 0 ? [.. r.Codes] : null,
            MessageContains = r.MessageContains.Count > 0 ? [.. r.MessageContains] : null,
            Remediation = r.Remediation,

            // The application wrote the rule for its own service: a match is its evidence, at 400/403 too.
            Evidence = EvidenceScope.Always,
        }), .. based.Rules];

        return new ProviderProfile
        {
            Id = id,
            DisplayName = custom.DisplayName ?? id,
            Hosts = hosts,
            HostSuffixes = suffixes,
            KeyHeader = custom.KeyHeader ?? based.KeyHeader,
            KeyScheme = custom.KeyScheme is null ? based.KeyScheme : custom.KeyScheme.Length == 0 ? null : custom.KeyScheme,
            AlternativeKeyPlacements = based.AlternativeKeyPlacements,
            KeyQueryParameter = based.KeyQueryParameter,
            MisplacedKeyHeaders = based.MisplacedKeyHeaders,
            KeyRequired = custom.KeyRequired ?? based.KeyRequired,
            StrictPlaceholders = based.StrictPlaceholders,
            RepairsHeaders = based.RepairsHeaders,
            OwnKeyVendors = based.OwnKeyVendors,
            RefusesForeignKeys = based.RefusesForeignKeys,
            OrganizationHeader = based.OrganizationHeader,
            OrganizationIdPrefix = based.OrganizationIdPrefix,
            ProjectHeader = based.ProjectHeader,
            ProjectIdPrefix = based.ProjectIdPrefix,
            KeyEnvironmentVariables = custom.KeyEnvironmentVariables.Count > 0 ? [.. custom.KeyEnvironmentVariables] : based.KeyEnvironmentVariables,
            KeysUrl = custom.KeysUrl ?? based.KeysUrl,
            RequestIdHeaders = [.. custom.RequestIdHeaders, .. based.RequestIdHeaders],
            Rules = rules,
            Remediations = based.Remediations,
        };
    }
}
