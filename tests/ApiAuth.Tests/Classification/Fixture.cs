using System.Net;
using System.Text;
using System.Text.Json;
using ApiAuth.Providers;
using ApiAuth.Tests.TestDoubles;

namespace ApiAuth.Tests.Classification;

/// <summary>One recorded response of the corpus in <c>Fixtures/</c> (schema in its README).</summary>
internal sealed class Fixture
{
    private Fixture(string path, JsonElement root)
    {
        Path = path;
        Provider = root.GetProperty("provider").GetString()!;
        Host = root.GetProperty("host").GetString()!;
        RequestPath = root.GetProperty("path").GetString()!;
        Status = root.GetProperty("status").GetInt32();
        Body = root.GetProperty("body").GetString()!;
        Headers = [.. root.GetProperty("headers").EnumerateObject().Select(p => (p.Name, p.Value.GetString()!))];
        JsonElement expected = root.GetProperty("expected");
        PassThrough = expected.TryGetProperty("passThrough", out JsonElement pass) && pass.GetBoolean();
        Cause = expected.TryGetProperty("cause", out JsonElement cause) ? Enum.Parse<AuthFailureCause>(cause.GetString()!) : null;
        RequestId = expected.TryGetProperty("requestId", out JsonElement id) ? id.GetString() : null;
        ErrorCode = expected.TryGetProperty("errorCode", out JsonElement code) ? code.GetString() : null;
        Category = root.TryGetProperty("category", out JsonElement category) ? category.GetString() : null;
        DeclaresFacts = !path.StartsWith(NotAuthFolder, StringComparison.Ordinal);
    }

    /// <summary>The folder of real non-credential 400/403 bodies (issue 10), which records no expected code or request id.</summary>
    public const string NotAuthFolder = "not-auth/";

    public static string Directory => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures");

    /// <summary>Gets every fixture's path relative to <see cref="Directory"/>, with forward slashes (serializable test data).</summary>
    public static IEnumerable<string> All =>
        System.IO.Directory.EnumerateFiles(Directory, "*.json", SearchOption.AllDirectories)
            .Select(f => System.IO.Path.GetRelativePath(Directory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    public string Path { get; }

    /// <summary>Gets the provider the response was recorded from (the fixture's <c>provider</c> field, its folder outside <c>not-auth/</c>).</summary>
    public string Provider { get; }

    public string Host { get; }

    public string RequestPath { get; }

    public int Status { get; }

    public string Body { get; }

    public (string Name, string Value)[] Headers { get; }

    public bool PassThrough { get; }

    public AuthFailureCause? Cause { get; }

    public string? RequestId { get; }

    public string? ErrorCode { get; }

    /// <summary>Gets the not-auth set's category (content-filter, schema, validation, context-length, region, quota, waf-cdn, model-access).</summary>
    public string? Category { get; }

    /// <summary>Gets a value indicating whether the fixture records its expected error code and request id (all but the not-auth set).</summary>
    public bool DeclaresFacts { get; }

    public Uri Uri => new("https://" + Host + RequestPath);

    public static Fixture Load(string relativePath)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(Directory, relativePath)));
        return new Fixture(relativePath, document.RootElement.Clone());
    }

    /// <summary>Builds the recorded response, as a fresh message each time.</summary>
    public HttpResponseMessage ToResponse()
    {
        var response = new HttpResponseMessage((HttpStatusCode)Status) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body)) };
        foreach ((string name, string value) in Headers)
        {
            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                response.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return response;
    }

    /// <summary>Gets the profile ApiAuth detects for the fixture's host.</summary>
    public ProviderProfile Profile => ProviderRegistry.Default.ForHost(Uri.IdnHost);

    /// <summary>A plausible key of the provider the host belongs to, built at run time.</summary>
    public static string KeyFor(string profileId) => profileId switch
    {
        "openai" => TestKeys.OpenAIProject(),
        "azure-openai" => TestKeys.Azure(),
        "anthropic" => TestKeys.Anthropic(),
        "gemini" => TestKeys.Google(),
        "groq" => TestKeys.Groq(),
        "openrouter" => TestKeys.OpenRouter(),
        "xai" => TestKeys.XAI(),
        "deepseek" => TestKeys.DeepSeek(),
        "mistral" => TestKeys.Body(32, 47),
        "together" => TestKeys.Body(64, 53).ToLowerInvariant(),
        "fireworks" => "fw" + "_" + TestKeys.Body(24, 59),
        "perplexity" => "pp" + "lx-" + TestKeys.Body(48, 61),
        "huggingface" => "h" + "f_" + TestKeys.Body(34, 67),
        _ => "sk-" + TestKeys.Body(40, 71),
    };

    public override string ToString() => Path;
}
