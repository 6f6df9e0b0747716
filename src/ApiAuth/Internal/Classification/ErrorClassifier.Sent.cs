using ApiAuth.Providers;

namespace ApiAuth.Internal;

/// <summary>Reading a failure with what ApiAuth saw leave: the credential's form, a token's claims, the path.</summary>
internal static partial class ErrorClassifier
{
    /// <summary>The audiences Azure OpenAI and Azure AI Foundry accept for Entra ID tokens.</summary>
    private static readonly string[] AzureAudiences = ["https://cognitiveservices.azure.com", "https://ai.azure.com"];

    private const string AzureExpiredTemplate =
        "The Entra ID token {KeyHint} sent to {Host} {Detail}. Get a new token before each call (DefaultAzureCredential and BearerTokenPolicy refresh it for you) instead of caching one; request id {RequestId}.";

    private const string AzureAudienceTemplate =
        "The Entra ID token {KeyHint} sent to {Host} {Detail}. Request it for the scope https://cognitiveservices.azure.com/.default (https://ai.azure.com/.default for Foundry agents).";

    private const string AzureKeyAsBearerTemplate =
        "{Host} read 'Authorization: Bearer' as an Entra ID token, and {KeyHint} is an API key, not a token: the deployment routes (/openai/deployments/…) take a key only in the 'api-key' header. Send the key as 'api-key: <key>' (AzureKeyCredential does), or use the /openai/v1/ routes, which also take it as Bearer.";

    private const string TokenAudienceTemplate =
        "The access token {KeyHint} sent to {Host} {Detail}: it was requested for another resource. Request the token for this service's own scope (for Azure services, https://<resource id>/.default: https://cognitiveservices.azure.com/.default for Azure OpenAI, https://batch.core.windows.net/.default for Batch, https://management.azure.com/.default for Resource Manager) and send the new one.";

    private const string ApiKeyNotAcceptedTemplate =
        "{Host} does not take API keys: it needs an OAuth 2.0 access token that names a principal (a user or service account). Use Application Default Credentials (gcloud auth application-default login locally, a service account in production) and send 'Authorization: Bearer <access token>' instead of {KeyHint}.";

    /// <summary>
    /// Sharpens an answer with what was sent. Azure's "Access token is missing, invalid,
    /// audience is incorrect (…), or have expired" is four answers: nothing sent is a missing key; a JWT whose <c>exp</c>
    /// has passed is expired; a JWT for another audience is the wrong endpoint (scope); an API key sent as Bearer is the
    /// wrong header on the classic deployment routes and an invalid key on <c>/openai/v1/</c>, which takes it there.
    /// </summary>
    private static Refinement? SharpenWithWhatWasSent(ProviderProfile profile, AuthFailureCause cause, ErrorFacts facts, in SentCredential sent, in RequestSummary request)
    {
        if (sent.CredentialUnknown)
        {
            return null;
        }

        string text = facts.AllText;
        if (cause == AuthFailureCause.Unknown && text.Contains("Access token is missing, invalid, audience is incorrect", StringComparison.OrdinalIgnoreCase))
        {
            return AzureAccessToken(sent, request);
        }

        if (sent.HeaderValue is null)
        {
            return null;
        }

        // "API key is missing or invalid": both, so a key that was sent does not make it a wrong header; it stays unnamed.
        if (cause == AuthFailureCause.MissingKey && (text.Contains("missing or invalid", StringComparison.OrdinalIgnoreCase) || text.Contains("invalid or missing", StringComparison.OrdinalIgnoreCase)))
        {
            return new Refinement(AuthFailureCause.Unknown, null, null);
        }

        ReadOnlySpan<char> key = sent.Key;
        bool jwt = JwtExpiry.LooksLikeJwt(key);

        // Google APIs that take only OAuth (Vertex AI, most Cloud APIs) answer an API key with this sentence.
        if (!jwt && text.Contains("API keys are not supported by this API", StringComparison.OrdinalIgnoreCase))
        {
            return new Refinement(AuthFailureCause.WrongHeaderName, "an API key", ApiKeyNotAcceptedTemplate);
        }

        // A token for another resource: the server says so ("The audience '…' is invalid", IDX10214), or the token's own
        // aud claim is not the audience the host is known to take.
        if (jwt && cause is AuthFailureCause.Unknown or AuthFailureCause.InvalidKey)
        {
            string? audience = JwtExpiry.ReadClaims(key).Audience;
            bool claimMismatch = audience is { Length: > 0 } && request.Host is { } host && !AudienceFits(host, audience);
            if (ServerSaysAudience(text) || claimMismatch)
            {
                string shown = audience is { Length: > 0 } ? $"was issued for the audience '{ShownAudience(audience, sent)}'" : "was issued for another audience";
                return new Refinement(AuthFailureCause.WrongEndpoint, shown, TokenAudienceTemplate);
            }
        }

        return null;
    }

    /// <summary>Azure's four-cause answer, told apart by what was sent.</summary>
    private static Refinement? AzureAccessToken(in SentCredential sent, in RequestSummary request)
    {
        if (sent.HeaderValue is null)
        {
            return new Refinement(AuthFailureCause.MissingKey, null, null);
        }

        bool bearer = string.Equals(sent.Carrier, "Authorization", StringComparison.OrdinalIgnoreCase)
            && sent.HeaderValue.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        if (!bearer)
        {
            return null;
        }

        ReadOnlySpan<char> token = sent.Key;
        if (JwtExpiry.LooksLikeJwt(token))
        {
            (DateTimeOffset? expiry, string? audience) = JwtExpiry.ReadClaims(token);
            if (expiry is { } exp && request.Now is { } now && exp <= now)
            {
                return new Refinement(AuthFailureCause.ExpiredCredential, $"expired at {exp:u}", AzureExpiredTemplate);
            }

            if (audience is { Length: > 0 } && !IsAzureAudience(audience))
            {
                return new Refinement(AuthFailureCause.WrongEndpoint, $"was issued for the audience '{ShownAudience(audience, sent)}', not for Azure OpenAI", AzureAudienceTemplate);
            }

            return null;
        }

        string path = request.Uri is { IsAbsoluteUri: true } uri ? uri.AbsolutePath : string.Empty;
        if (path.Contains("/openai/deployments/", StringComparison.OrdinalIgnoreCase))
        {
            return new Refinement(AuthFailureCause.WrongHeaderName, "the Authorization header", AzureKeyAsBearerTemplate);
        }

        return path.Contains("/openai/v1/", StringComparison.OrdinalIgnoreCase)
            ? new Refinement(AuthFailureCause.InvalidKey, null, null)
            : null;
    }

    /// <summary>
    /// Gets a value indicating whether one of the token's audiences is one the host is known to take (Microsoft identity
    /// platform docs for each service's resource id); true for hosts not listed, whose audience ApiAuth cannot know.
    /// </summary>
    private static bool AudienceFits(string host, string audiences)
    {
        // Azure OpenAI's hosts come from its profile; Batch and Key Vault have no profile, so their suffixes are listed here.
        string[]? expected =
            BuiltInProfiles.AzureOpenAI.Matches(host) ? AzureAudiences
            : host.EndsWith(".batch.azure.com", StringComparison.OrdinalIgnoreCase) ? ["https://batch.core.windows.net"]
            : host.EndsWith(".vault.azure.net", StringComparison.OrdinalIgnoreCase) ? ["https://vault.azure.net"]
            : null;
        return expected is null || ListsAudience(audiences, expected);
    }

    /// <summary>Gets a value indicating whether one of the space-separated audiences is one of <paramref name="known"/> (a trailing slash ignored).</summary>
    private static bool ListsAudience(string audiences, string[] known)
    {
        foreach (string audience in audiences.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (string one in known)
            {
                if (string.Equals(audience.TrimEnd('/'), one, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The server's own words for a token issued for another audience (ASP.NET Core's IDX10214, Entra, OAuth servers).</summary>
    private static bool ServerSaysAudience(string text) =>
        text.Contains("IDX10214", StringComparison.Ordinal)
        || text.Contains("audience validation failed", StringComparison.OrdinalIgnoreCase)
        || text.Contains("invalid audience", StringComparison.OrdinalIgnoreCase)
        || text.Contains("wrong audience", StringComparison.OrdinalIgnoreCase)
        || text.Contains("audience mismatch", StringComparison.OrdinalIgnoreCase)
        || (text.Contains("the audience '", StringComparison.OrdinalIgnoreCase) && text.Contains("' is invalid", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The token's audience as shown in a remediation: only the characters of a URI or an id (no control, bidi or
    /// escape character can reach a log line), clipped, and redacted like any text that may hold a secret.
    /// </summary>
    private static string ShownAudience(string audience, in SentCredential sent)
    {
        var kept = new System.Text.StringBuilder(Math.Min(audience.Length, 80));
        foreach (char c in audience)
        {
            if (kept.Length == 80)
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(c) || c is ':' or '/' or '.' or '-' or '_' or ' ')
            {
                kept.Append(c);
            }
        }

        return SecretRedactor.Redact(kept.ToString(), sent.KeyString);
    }

    private static bool IsAzureAudience(string audience) => ListsAudience(audience, AzureAudiences);
}
