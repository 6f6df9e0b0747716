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

    /// <summary>Gets the gateway's name at the start of a sentence.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the gateway's name inside a sentence.</summary>
    public required string ShortName { get; init; }

    /// <summary>Gets what the caller's own credential is called at this gateway.</summary>
    public required string CallerKeyName { get; init; }

    /// <summary>Gets where an upstream key the gateway holds is fixed; tokens <c>{Upstream} {TheUpstreamKey} {TheUpstreamCredential} {UpstreamKeys} {Host}</c>.</summary>
    public required string HeldKeyFix { get; init; }

    /// <summary>
    /// Gets a value indicating whether the gateway forwards the caller's <c>Authorization</c> credential to the upstream
    /// as the upstream's key (Portkey without a Portkey API key), so a key sent there is the upstream key.
    /// </summary>
    public bool ForwardsAuthorization { get; init; }
}
