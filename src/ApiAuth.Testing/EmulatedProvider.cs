namespace ApiAuth.Testing;

/// <summary>
/// The AI provider a <see cref="ProviderEmulator"/> pretends to be.
/// </summary>
public enum EmulatedProvider
{
    /// <summary>
    /// OpenAI (<c>api.openai.com</c>): <c>Authorization: Bearer</c>, <c>OpenAI-Organization</c> and <c>OpenAI-Project</c>.
    /// Provider id <c>openai</c>.
    /// </summary>
    OpenAI,

    /// <summary>
    /// Any OpenAI-compatible service (a gateway, a relay, a local server): answers exactly like <see cref="OpenAI"/>.
    /// Provider id <c>openai-compatible</c>.
    /// </summary>
    OpenAICompatible,

    /// <summary>
    /// Azure OpenAI (<c>{resource}.openai.azure.com</c>): <c>api-key</c> header or a Microsoft Entra bearer token.
    /// Provider id <c>azure-openai</c>.
    /// </summary>
    AzureOpenAI,

    /// <summary>
    /// Anthropic (<c>api.anthropic.com</c>): <c>x-api-key</c> and the required <c>anthropic-version</c> header.
    /// Provider id <c>anthropic</c>.
    /// </summary>
    Anthropic,

    /// <summary>
    /// Google Gemini API (<c>generativelanguage.googleapis.com</c>): <c>x-goog-api-key</c> header or <c>?key=</c>.
    /// Provider id <c>gemini</c>.
    /// </summary>
    Gemini,
}
