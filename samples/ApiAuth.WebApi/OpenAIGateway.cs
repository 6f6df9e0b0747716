using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ApiAuth.WebApi;

/// <summary>
/// A typed client for OpenAI's chat completions. It sets no credential of its own: ApiAuth adds the service's key
/// (from <c>ApiKeyEnvironmentVariable</c>) and organization, unless the caller brought their own key.
/// </summary>
internal sealed class OpenAIGateway(HttpClient http, IOptions<OpenAIGatewayOptions> options)
{
    /// <summary>The request header through which a caller may bring their own OpenAI key.</summary>
    public const string CallerKeyHeader = "X-OpenAI-Key";

    public async Task<ChatReply> ChatAsync(string message, string? callerKey, CancellationToken cancellationToken)
    {
        string model = options.Value.Model;
        using var request = new HttpRequestMessage(HttpMethod.Post, "chat/completions")
        {
            Content = JsonContent.Create(new { model, messages = new[] { new { role = "user", content = message } } }),
        };
        if (!string.IsNullOrEmpty(callerKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", callerKey);
        }

        // An authentication failure surfaces here as ApiAuthException; Program's exception handler maps it.
        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using Stream body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using JsonDocument completion = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        JsonElement root = completion.RootElement;
        return new ChatReply(
            root.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString() ?? string.Empty,
            root.GetProperty("model").GetString() ?? model);
    }
}

internal sealed record ChatRequest(string Message);

internal sealed record ChatReply(string Reply, string Model);
