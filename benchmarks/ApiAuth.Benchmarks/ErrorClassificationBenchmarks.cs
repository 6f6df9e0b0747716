using System.Net;
using System.Text.Json;
using ApiAuth.Benchmarks.Infrastructure;
using ApiAuth.Internal;
using ApiAuth.Providers;
using BenchmarkDotNet.Attributes;

namespace ApiAuth.Benchmarks;

/// <summary>
/// Classification alone, as the pure function it is: (profile, status, headers, body bytes, what was sent) → <see cref="AuthFailure"/>.
/// No HTTP, no throw. The baseline looks at the status code alone (it is the floor here: there is no handler to be empty);
/// "status + headers" builds the failure without reading the body; the ApiAuth row is Utf8JsonReader; the JsonDocument
/// row parses the same JSON into the same facts with a DOM and classifies them with the same rules (reference, not shipped).
/// Target for the OpenAI 401: ApiAuth ≤ 500 ns and ≤ 1 KB over the baseline.
/// </summary>
[MemoryDiagnoser]
public class ErrorClassificationBenchmarks
{
    private ErrorSample _sample = null!;
    private ProviderProfile _profile = null!;
    private HttpResponseMessage _response = null!;
    private SentCredential _sent;
    private string _host = null!;

    [Params(ErrorShape.OpenAI401, ErrorShape.Anthropic401, ErrorShape.Gemini400, ErrorShape.Azure401, ErrorShape.ProblemJson401, ErrorShape.Html401, ErrorShape.BearerHeaderOnly401, ErrorShape.NotAuth403)]
    public ErrorShape Shape { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _sample = ErrorSample.For(Shape);
        _host = _sample.Uri.IdnHost;
        _profile = ProviderRegistry.Default.ForHost(_host);
        _response = _sample.CreateResponse();
        _ = _response.Headers.WwwAuthenticate.Count; // parse the challenge once, as a real response is parsed once
        bool bearer = _sample.KeyHeader == "Authorization";
        _sent = new SentCredential { HeaderValue = _sample.KeyValue, KeyOffset = bearer ? "Bearer ".Length : 0 };

        AuthFailure? ours = ApiAuthUtf8JsonReader();
        AuthFailure? reference = JsonDocumentReference();
        if ((ours is null) != _sample.PassesThrough || ours?.Cause != reference?.Cause)
        {
            throw new InvalidOperationException($"setup: {Shape}: ApiAuth {ours?.Cause.ToString() ?? "pass"}, JsonDocument reference {reference?.Cause.ToString() ?? "pass"}");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _response.Dispose();

    [Benchmark(Baseline = true, Description = "Status code only")]
    public bool StatusOnly() => _response.StatusCode == HttpStatusCode.Unauthorized;

    [Benchmark(Description = "Status + headers (body not read)")]
    public AuthFailure? StatusAndHeaders() =>
        ErrorClassifier.Classify(_profile, _response, ReadOnlySpan<byte>.Empty, _sent, _host);

    [Benchmark(Description = "ApiAuth (Utf8JsonReader)")]
    public AuthFailure? ApiAuthUtf8JsonReader() =>
        ErrorClassifier.Classify(_profile, _response, _sample.Body, _sent, _host);

    [Benchmark(Description = "JsonDocument (reference)")]
    public AuthFailure? JsonDocumentReference()
    {
        ReadOnlySpan<byte> body = _sample.Body;
        if (body.IsEmpty || body.TrimStart(" \t\r\n"u8)[0] is not ((byte)'{' or (byte)'['))
        {
            return ErrorClassifier.Classify(_profile, _response, body, _sent, _host);
        }

        // The facts the rules read, found with a DOM; WWW-Authenticate still comes from the shared parser.
        ErrorFacts facts = ErrorBodyParser.Parse(ReadOnlySpan<byte>.Empty, _response.Content.Headers.ContentType?.MediaType, _response.Headers.WwwAuthenticate);
        using JsonDocument document = JsonDocument.Parse(_sample.Body);
        JsonElement root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0)
        {
            root = root[0];
        }

        facts.Format = ErrorBodyFormat.Json;
        JsonElement error = root.TryGetProperty("error", out JsonElement e) && e.ValueKind == JsonValueKind.Object ? e : root;
        facts.Message = Text(error, "message") ?? Text(root, "message") ?? Text(root, "detail") ?? Text(root, "title");
        facts.Code = Text(error, "code");
        facts.Type = error.TryGetProperty("type", out JsonElement type) && type.GetString() is { } t && t != "error" && !t.StartsWith("http", StringComparison.Ordinal) ? t : null;
        facts.Status = Text(error, "status");
        facts.RequestId = Text(root, "request_id") ?? Text(root, "traceId");
        if (error.TryGetProperty("details", out JsonElement details) && details.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement detail in details.EnumerateArray())
            {
                if (Text(detail, "reason") is { } reason)
                {
                    facts.Reason = reason;
                    break;
                }
            }
        }

        return ErrorClassifier.Classify(_profile, _response.StatusCode, _response.Headers, facts, _sent, _host);
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}
