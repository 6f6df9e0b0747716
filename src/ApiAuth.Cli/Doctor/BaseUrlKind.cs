namespace ApiAuth.Cli.Doctor;

/// <summary>How an SDK builds request URLs from a provider's base URL variable.</summary>
internal enum BaseUrlKind
{
    /// <summary>OpenAI SDKs: the base URL includes the version (<c>https://api.openai.com/v1</c>) and the SDK appends <c>/chat/completions</c>.</summary>
    OpenAI,

    /// <summary>Azure OpenAI SDKs: the resource root (<c>https://my-resource.openai.azure.com/</c>); the SDK appends <c>/openai/…</c>.</summary>
    Azure,

    /// <summary>Anthropic SDKs: the host (<c>https://api.anthropic.com</c>); the SDK appends <c>/v1/messages</c>.</summary>
    Anthropic,

    /// <summary>Google Gen AI SDKs: the host (<c>https://generativelanguage.googleapis.com</c>); the SDK appends <c>/v1beta/models/…</c>.</summary>
    Gemini,
}
