namespace ApiAuth.Testing;

/// <summary>
/// The scopes the emulator checks, named as OpenAI names them in its "Missing scopes" errors.
/// </summary>
/// <remarks>
/// A key registered without <see cref="EmulatedKeyBuilder.Scopes(string[])"/> has every scope.
/// A key registered with scopes may only call the operations they cover. Each provider answers a
/// missing scope its own way: OpenAI with <c>Missing scopes: …</c>, Azure OpenAI with a
/// <c>PermissionDenied</c> data action, Anthropic with <c>permission_error</c>, and Gemini with
/// <c>API_KEY_SERVICE_BLOCKED</c> (an API key restricted to other APIs).
/// </remarks>
public static class EmulatorScopes
{
    /// <summary>Listing models (<c>GET /v1/models</c> and its equivalents).</summary>
    public const string ModelsRead = "api.model.read";

    /// <summary>Calling a model: chat completions, messages, embeddings, generateContent.</summary>
    public const string ModelRequest = "model.request";
}
