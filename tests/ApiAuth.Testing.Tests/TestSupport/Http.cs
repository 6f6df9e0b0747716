using System.Net;
using System.Text;
using System.Text.Json;

namespace ApiAuth.Testing.Tests.TestSupport;

/// <summary>Small helpers to build requests and read answers.</summary>
internal static class Http
{
    public const string ChatBody = """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}]}""";
    public const string StreamingChatBody = """{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"Hi"}]}""";
    public const string AnthropicBody = """{"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":"Hi"}]}""";
    public const string AnthropicStreamingBody = """{"model":"claude-sonnet-4-5","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"Hi"}]}""";
    public const string GeminiBody = """{"contents":[{"parts":[{"text":"Hi"}]}]}""";

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static HttpRequestMessage Request(HttpMethod method, string path, string? body = null, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    public static async Task<Answer> SendAsync(HttpClient client, HttpMethod method, string path, string? body = null, params (string Name, string Value)[] headers)
    {
        using var request = Request(method, path, body, headers);
        using var response = await client.SendAsync(request, Ct);
        return await Answer.ReadAsync(response);
    }

    public static Task<Answer> PostAsync(HttpClient client, string path, string body, params (string Name, string Value)[] headers) =>
        SendAsync(client, HttpMethod.Post, path, body, headers);

    public static Task<Answer> GetAsync(HttpClient client, string path, params (string Name, string Value)[] headers) =>
        SendAsync(client, HttpMethod.Get, path, null, headers);

    public static (string, string) Bearer(string key) => ("Authorization", "Bearer " + key);
}

/// <summary>A response read whole.</summary>
internal sealed record Answer(HttpStatusCode Status, string Body, IReadOnlyDictionary<string, string> Headers, string? ContentType)
{
    public int Code => (int)Status;

    public static async Task<Answer> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Http.Ct);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers)
        {
            headers[name] = string.Join(", ", values);
        }

        return new Answer(response.StatusCode, body, headers, response.Content.Headers.ContentType?.MediaType);
    }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Body);
        return document.RootElement.Clone();
    }

    public string ErrorMessage() => Json().GetProperty("error").GetProperty("message").GetString()!;
}
