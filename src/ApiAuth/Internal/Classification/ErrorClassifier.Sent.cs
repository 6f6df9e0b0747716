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

    /// <summary>
    /// Sharpens an answer that names several causes at once with what was sent. Azure's "Access token is missing, invalid,
    /// audience is incorrect (…), or have expired" is four answers: nothing sent is a missing key; a JWT whose <c>exp</c>
    /// has passed is expired; a JWT for another audience is the wrong endpoint (scope); an API key sent as Bearer is the
    /// wrong header on the classic deployment routes and an invalid key on <c>/openai/v1/</c>, which takes it there.
    /// </summary>
    private static Refinement? SharpenWithWhatWasSent(ProviderProfile profile, AuthFailureCause cause, ErrorFacts facts, in SentCredential sent, in RequestSummary request)
    {
        if (cause != AuthFailureCause.Unknown || sent.CredentialUnknown
            || !facts.AllText.Contains("Access token is missing, invalid, audience is incorrect", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

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
                // An audience is an identifier, not a secret; it is shown clipped, in case a server put something odd there.
                return new Refinement(AuthFailureCause.WrongEndpoint, $"was issued for the audience '{ServerText.Clip(audience, 80)}', not for Azure OpenAI", AzureAudienceTemplate);
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

    private static bool IsAzureAudience(string audience)
    {
        string trimmed = audience.TrimEnd('/');
        foreach (string known in AzureAudiences)
        {
            if (string.Equals(trimmed, known, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
