using System.Text.Json;

namespace ApiAuth.Hardening.Tests.Infrastructure;

/// <summary>One recorded error response from the shared fixture corpus (tests/ApiAuth.Tests/Fixtures).</summary>
internal sealed record Fixture(string Name, string Provider, int Status, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>The recorded corpus: the seeds of the mutation fuzzer.</summary>
internal static class Corpus
{
    private static readonly Lazy<IReadOnlyList<Fixture>> Loaded = new(Load);

    public static IReadOnlyList<Fixture> All => Loaded.Value;

    private static IReadOnlyList<Fixture> Load()
    {
        string root = Path.Combine(AppContext.BaseDirectory, "Fixtures");
        var fixtures = new List<Fixture>();
        foreach (string file in Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(file));
            JsonElement e = doc.RootElement;
            if (!e.TryGetProperty("status", out JsonElement status) || !e.TryGetProperty("body", out JsonElement body))
            {
                continue;
            }

            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (e.TryGetProperty("headers", out JsonElement h) && h.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty p in h.EnumerateObject())
                {
                    headers[p.Name] = p.Value.ToString();
                }
            }

            fixtures.Add(new Fixture(
                Path.GetRelativePath(root, file),
                e.TryGetProperty("provider", out JsonElement provider) ? provider.GetString() ?? "generic" : "generic",
                status.GetInt32(),
                headers,
                body.GetString() ?? string.Empty));
        }

        if (fixtures.Count == 0)
        {
            throw new InvalidOperationException($"No fixtures under {root}.");
        }

        return fixtures;
    }
}
