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

        // What was sent is read from "request" only, never from "expected" (issue 14).
        JsonElement sent = root.GetProperty("request");
        KeyFormat = sent.GetProperty("key").GetString()!;
        KeyHeader = sent.TryGetProperty("header", out JsonElement header) ? header.GetString() : null;
        KeyScheme = sent.TryGetProperty("scheme", out JsonElement scheme) ? scheme.GetString() : null;
        SentKey = KeyFormat is NoKey or EmptyKey ? null : TestKeys.ForFormat(KeyFormat);
        if (KeyFormat != NoKey && string.IsNullOrEmpty(KeyHeader))
        {
            throw new InvalidDataException($"{path}: request.key '{KeyFormat}' needs request.header");
        }
    }

    /// <summary>The folder of real non-credential 400/403 bodies (issue 10), which records no expected code or request id.</summary>
    public const string NotAuthFolder = "not-auth/";

    public static string Directory => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures");

    /// <summary>Gets every fixture's path relative to <see cref="Directory"/>, with forward slashes (serializable test data).</summary>
    public static IEnumerable<string> All =>
        System.IO.Directory.EnumerateFiles(Directory, "*.json", SearchOption.AllDirectories)
            .Select(f => System.IO.Path.GetRelativePath(Directory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    /// <summary>The <c>request.key</c> value of a request that carried no credential.</summary>
    public const string NoKey = "none";

    /// <summary>The <c>request.key</c> value of a request whose credential header was sent empty (only the scheme, if any).</summary>
    public const string EmptyKey = "empty";

    /// <summary>The file that lists the fixtures ApiAuth does not classify right yet (issue 14), skipped with its name.</summary>
    public const string PendingFile = "pending-14.txt";

    /// <summary>Gets the pending fixtures (issue 14): relative path to the comment that says what ApiAuth answers today.</summary>
    public static IReadOnlyDictionary<string, string> Pending { get; } = ReadPending();

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

    /// <summary>Gets the recorded request's key format id (<c>request.key</c>): <c>none</c>, or an id <see cref="TestKeys.ForFormat"/> builds.</summary>
    public string KeyFormat { get; }

    /// <summary>Gets the header the key was sent in (<c>request.header</c>).</summary>
    public string? KeyHeader { get; }

    /// <summary>Gets the scheme before the key (<c>request.scheme</c>, e.g. <c>Bearer</c>), or <see langword="null"/> for a bare value.</summary>
    public string? KeyScheme { get; }

    /// <summary>Gets the key the test sends, built at run time from <see cref="KeyFormat"/>, or <see langword="null"/> when none was sent.</summary>
    public string? SentKey { get; }

    /// <summary>Gets the credential header value as sent (scheme included), or <see langword="null"/>.</summary>
    public string? SentHeaderValue => KeyFormat == EmptyKey ? KeyScheme ?? string.Empty
        : SentKey is null ? null : KeyScheme is null ? SentKey : KeyScheme + " " + SentKey;

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

    /// <summary>Gets a value indicating whether the fixture is listed in <see cref="PendingFile"/>.</summary>
    public bool IsPending => Pending.ContainsKey(Path);

    /// <summary>Builds the recorded request: the fixture's URL, with the recorded key (if any) in the recorded header.</summary>
    public HttpRequestMessage ToRequest()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Uri) { Content = new StringContent("{}") };
        if (SentHeaderValue is { } value)
        {
            request.Headers.TryAddWithoutValidation(KeyHeader!, value);
        }

        return request;
    }

    /// <summary>Skips the running test when the fixture is pending (issue 14), naming the file that lists it.</summary>
    public void SkipIfPending()
    {
        if (Pending.TryGetValue(Path, out string? why))
        {
            Assert.Skip($"{Path} is listed in Fixtures/{PendingFile} (issue 14): {why}");
        }
    }

    private static Dictionary<string, string> ReadPending()
    {
        var pending = new Dictionary<string, string>(StringComparer.Ordinal);
        string file = System.IO.Path.Combine(Directory, PendingFile);
        foreach (string raw in File.ReadLines(file))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            int hash = line.IndexOf('#', StringComparison.Ordinal);
            string path = (hash < 0 ? line : line[..hash]).Trim();
            string why = hash < 0 ? "pending" : line[(hash + 1)..].Trim();
            if (!pending.TryAdd(path, why))
            {
                throw new InvalidDataException($"{PendingFile} lists {path} twice");
            }
        }

        return pending;
    }

    public override string ToString() => Path;
}
