using ApiAuth.Providers;

namespace ApiAuth.Internal;

/// <summary>
/// Wording that names an auth failure in an upstream provider's error once a gateway re-wrapped it and dropped the
/// structured part (Portkey keeps Google's message and status but not its <c>API_KEY_INVALID</c> reason; LiteLLM keeps
/// only AWS's message of an <c>UnrecognizedClientException</c>), and the wording of upstreams without a profile. Tried
/// before the upstream profile's rules, only on the inner error of a wrapped upstream error, where the text is the
/// upstream's own statement: each is the provider's documented wording at the start of its message.
/// </summary>
internal static class UpstreamRules
{
    /// <summary>Google APIs' messages whose reason (API_KEY_INVALID, …) a gateway dropped (ai.google.dev/gemini-api/docs/troubleshooting).</summary>
    private static readonly ErrorRule[] Google =
    [
        ErrorRule.Message(AuthFailureCause.ExpiredCredential, "API key expired"),
        ErrorRule.Message(AuthFailureCause.InvalidKey, "API key not valid", "reported as leaked"),
        ErrorRule.Message(AuthFailureCause.MissingKey, "unregistered callers"),
    ];

    /// <summary>
    /// AWS (Bedrock behind LiteLLM or OpenRouter): the messages of UnrecognizedClientException, ExpiredTokenException and
    /// InvalidSignatureException (docs.aws.amazon.com/bedrock/latest/APIReference/CommonErrors.html).
    /// </summary>
    private static readonly ErrorRule[] Aws =
    [
        ErrorRule.Message(AuthFailureCause.ExpiredCredential, "The security token included in the request is expired"),
        ErrorRule.Message(AuthFailureCause.InvalidKey, "The security token included in the request is invalid", "The request signature we calculated does not match"),
    ];

    /// <summary>Cohere's 401 <c>{"message":"invalid api token"}</c> (docs.cohere.com/reference/errors).</summary>
    private static readonly ErrorRule[] Cohere =
    [
        ErrorRule.Message(AuthFailureCause.InvalidKey, "invalid api token"),
    ];

    /// <summary>Gets the extra rules for the upstream's inner error: its provider's, and for an upstream nobody named, AWS's (unmistakable wording).</summary>
    /// <param name="upstream">The upstream.</param>
    /// <returns>The rules, tried first.</returns>
    public static ErrorRule[] For(UpstreamProvider upstream) => upstream.Id switch
    {
        "google" or "vertex" => Google,
        "bedrock" => Aws,
        "cohere" => Cohere,
        _ when upstream.Profile is null => Aws,
        _ => [],
    };
}
