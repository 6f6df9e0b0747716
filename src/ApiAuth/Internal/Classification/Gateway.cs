using System.Net;
using ApiAuth.Providers;

namespace ApiAuth.Internal;

/// <summary>
/// A proxy or gateway that wraps the upstream provider's error in its own (issue 14 §2), as data: its name, whether the
/// upstream credential is one it holds for the caller or the caller's own key forwarded, and where a held key is fixed.
/// </summary>
internal sealed class Gateway
{
    /// <summary>LiteLLM proxy: <c>litellm.AuthenticationError: AnthropicException - …</c>; the proxy's config holds the upstream keys.</summary>
    public static Gateway LiteLLM { get; } = new()
    {
        Name = "The LiteLLM proxy",
        ShortName = "LiteLLM",
        CallerKeyName = "your LiteLLM virtual key",
        HeldKeyFix = "It is {TheUpstreamCredential} configured for this model in the LiteLLM proxy at {Host} (model_list → litellm_params: api_key, or the environment variable it names with os.environ/…): replace it with a working key from {UpstreamKeys} in the proxy's config or admin UI (Models), then reload the proxy.",
    };

    /// <summary>OpenRouter: <c>error.metadata.raw</c> holds the upstream body, <c>provider_name</c> the upstream; its bring-your-own-key integrations hold upstream keys.</summary>
    public static Gateway OpenRouter { get; } = new()
    {
        Name = "OpenRouter",
        ShortName = "OpenRouter",
        CallerKeyName = "your OpenRouter key",
        HeldKeyFix = "It is {TheUpstreamKey} you gave OpenRouter (bring your own key): replace it in OpenRouter's integrations settings (https://openrouter.ai/settings/integrations) with a working key from {UpstreamKeys}, or remove it there so OpenRouter routes the request with its own credits.",
    };

    /// <summary>
    /// Portkey AI gateway: <c>{"error":{"message":"anthropic error: …"},"provider":"anthropic"}</c>. The provider key travels
    /// in <c>Authorization</c> (forwarded); with a Portkey API key (<c>x-portkey-api-key</c>) a virtual key or integration holds it.
    /// </summary>
    public static Gateway Portkey { get; } = new()
    {
        Name = "The Portkey gateway",
        ShortName = "Portkey",
        CallerKeyName = "your Portkey API key",
        HeldKeyFix = "It is {TheUpstreamKey} stored in your Portkey virtual key or integration: update it in the Portkey app (https://app.portkey.ai, Virtual Keys / Integrations) with a working key from {UpstreamKeys}.",
        ForwardsAuthorization = true,
    };

    /// <summary>
    /// Cloudflare AI Gateway (<c>gateway.ai.cloudflare.com/v1/{account}/{gateway}/{provider}/…</c>). An authenticated gateway
    /// answers a missing or invalid gateway token with 401 <c>{"success":false,"error":[{"code":2009,"message":"Unauthorized"}]}</c>
    /// (developers.cloudflare.com/ai-gateway/configuration/authentication/); the provider's own errors pass through unchanged.
    /// </summary>
    public static Gateway CloudflareAIGateway { get; } = new()
    {
        Name = "Cloudflare AI Gateway",
        ShortName = "Cloudflare AI Gateway",
        CallerKeyName = "your Cloudflare AI Gateway token",
        Hosts = ["gateway.ai.cloudflare.com"],
        OwnErrors =
        [
            new(
                new ErrorRule { Cause = AuthFailureCause.MissingKey, Status = HttpStatusCode.Unauthorized, Codes = ["2009"], Evidence = EvidenceScope.Always },
                "cf-aig-authorization",
                "{Host} is an authenticated AI Gateway and no valid gateway token arrived. Send 'cf-aig-authorization: Bearer <token>' (a Cloudflare API token with the AI Gateway Run permission, https://dash.cloudflare.com/profile/api-tokens) next to the provider's key, which stays in its own header; or turn off Authenticated Gateway in the gateway's settings. The provider key {KeyHint} was not judged.",
                "The gateway token {KeyHint} sent in cf-aig-authorization is not valid for the AI Gateway at {Host}: it was deleted, lacks the AI Gateway Run permission, or belongs to another account. Create one at https://dash.cloudflare.com/profile/api-tokens and send it as 'cf-aig-authorization: Bearer <token>'."),
        ],
    };

    /// <summary>
    /// Helicone's proxies (<c>oai.helicone.ai</c>, <c>anthropic.helicone.ai</c>, <c>ai-gateway.helicone.ai</c>): the Helicone
    /// API key travels in <c>Helicone-Auth: Bearer sk-helicone-…</c> (docs.helicone.ai/helicone-headers/header-directory),
    /// the provider's key in its usual header; the provider's own errors pass through unchanged.
    /// </summary>
    public static Gateway Helicone { get; } = new()
    {
        Name = "Helicone",
        ShortName = "Helicone",
        CallerKeyName = "your Helicone API key",
        HostSuffixes = [".helicone.ai"],
        OwnErrors =
        [
            new(
                ErrorRule.Message(AuthFailureCause.InvalidKey, "Invalid Helicone API key", "Helicone API key is invalid"),
                "Helicone-Auth",
                "Helicone did not accept its API key in this request (sent in 'Helicone-Auth: Bearer <key>'): it is mistyped, deleted or from another organization. Copy a Helicone API key from https://us.helicone.ai/settings/api-keys into Helicone-Auth; the provider's key ({KeyHint}) was not judged.",
                "Helicone does not accept the Helicone API key {KeyHint} sent in Helicone-Auth: it is mistyped, deleted or from another organization. Copy a Helicone API key from https://us.helicone.ai/settings/api-keys and send it as 'Helicone-Auth: Bearer <key>'."),
        ],
    };

    /// <summary>Gets the gateways whose own auth errors are read by host (the wrapping gateways are recognised by their body).</summary>
    public static Gateway[] ByHost { get; } = [CloudflareAIGateway, Helicone];

    /// <summary>Gets the hosts the gateway answers on, exactly.</summary>
    public string[] Hosts { get; init; } = [];

    /// <summary>Gets host suffixes (starting with a dot) the gateway answers on.</summary>
    public string[] HostSuffixes { get; init; } = [];

    /// <summary>Gets the gateway's own auth errors (its own credential, not the upstream's).</summary>
    public GatewayOwnError[] OwnErrors { get; init; } = [];

    /// <summary>Finds the gateway answering on a host, among those read by host.</summary>
    /// <param name="host">The request host.</param>
    /// <returns>The gateway, or <see langword="null"/>.</returns>
    public static Gateway? ForHost(string? host)
    {
        if (host is null)
        {
            return null;
        }

        foreach (Gateway gateway in ByHost)
        {
            if (Answers(gateway, host))
            {
                return gateway;
            }
        }

        return null;
    }

    /// <summary>Gets a value indicating whether a gateway answers on a host (the profiles' host rule; no lambdas on the failure path).</summary>
    private static bool Answers(Gateway gateway, string host) => ProviderEndpoint.Matches(gateway.Hosts, gateway.HostSuffixes, host);

    /// <summary>Gets the gateway's name at the start of a sentence.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the gateway's name inside a sentence.</summary>
    public required string ShortName { get; init; }

    /// <summary>Gets what the caller's own credential is called at this gateway.</summary>
    public required string CallerKeyName { get; init; }

    /// <summary>Gets where an upstream key the gateway holds is fixed; tokens <c>{Upstream} {TheUpstreamKey} {TheUpstreamCredential} {UpstreamKeys} {Host} {GatewayShort}</c>.</summary>
    public string HeldKeyFix { get; init; } = "It is {TheUpstreamCredential} {GatewayShort} holds for this request: replace it where {GatewayShort} stores provider keys with a working key from {UpstreamKeys}.";

    /// <summary>
    /// Gets a value indicating whether the gateway forwards the caller's <c>Authorization</c> credential to the upstream
    /// as the upstream's key (Portkey without a Portkey API key), so a key sent there is the upstream key.
    /// </summary>
    public bool ForwardsAuthorization { get; init; }
}
