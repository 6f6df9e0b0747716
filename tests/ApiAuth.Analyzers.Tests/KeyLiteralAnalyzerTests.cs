using ApiAuth.Providers;
using ApiAuth.Tests.TestDoubles;

namespace ApiAuth.Analyzers.Tests;

public sealed class KeyLiteralAnalyzerTests
{
    public static TheoryData<string> Shapes => new(
        TestKeys.OpenAIProject(), TestKeys.OpenAILegacy(), TestKeys.Anthropic(), TestKeys.Google(), TestKeys.Groq(),
        TestKeys.OpenRouter(), TestKeys.XAI(), TestKeys.GitHub(), TestKeys.DeepSeek());

    [Theory]
    [MemberData(nameof(Shapes))]
    public Task Analyze_KeyShapeInLiteral_Reports(string key) =>
        Verifier.AnalyzerAsync<KeyLiteralAnalyzer>($$"""
            class C
            {
                string M() => {|APIAUTH001:"{{key}}"|};
            }
            """);

    [Fact]
    public Task Analyze_ConstField_ReportsTheLiteralOnce() =>
        Verifier.AnalyzerAsync<KeyLiteralAnalyzer>($$"""
            class C
            {
                private const string Key = {|APIAUTH001:"{{TestKeys.OpenAIProject()}}"|};
                string M() => Key;
                string N() => Key + "";
            }
            """);

    [Fact]
    public Task Analyze_ConstLocal_Reports() =>
        Verifier.AnalyzerAsync<KeyLiteralAnalyzer>($$"""
            class C
            {
                string M()
                {
                    const string key = {|APIAUTH001:"{{TestKeys.Anthropic()}}"|};
                    return key;
                }
            }
            """);

    [Fact]
    public Task Analyze_ConcatenationOfConstants_ReportsOnceOnTheWholeExpression()
    {
        string key = TestKeys.OpenAIProject();
        return Verifier.AnalyzerAsync<KeyLiteralAnalyzer>($$"""
            class C
            {
                string M() => {|APIAUTH001:"{{key[..20]}}" + "{{key[20..90]}}" + "{{key[90..]}}"|};
            }
            """);
    }

    [Fact]
    public Task Analyze_InterpolationOfConstants_ReportsOnceOnTheInterpolation()
    {
        string key = TestKeys.Groq();
        return Verifier.AnalyzerAsync<KeyLiteralAnalyzer>($$"""
            class C
            {
                const string Head = "{{key[..4]}}";
                const string Body = "{{key[4..]}}";
                string M() => {|APIAUTH001:$"{Head}{Body}"|};
            }
            """);
    }

    [Fact]
    public Task Analyze_BearerAndKeyInOneLiteral_Reports() =>
        Verifier.AnalyzerAsync<KeyLiteralAnalyzer>($$"""
            class C
            {
                string M() => {|APIAUTH001:"Bearer {{TestKeys.OpenAIProject()}}"|};
            }
            """);

    [Fact]
    public Task Analyze_KeyBuiltAtRunTime_DoesNotReport() =>
        Verifier.AnalyzerAsync<KeyLiteralAnalyzer>("""
            class C
            {
                string M() => "sk-proj-" + new string('A', 150);
                string N(int n) => $"sk-proj-{n}{new string('b', 140)}";
            }
            """);

    public static TheoryData<string> NotKeys => new(
        "sk-your-key-here",
        "sk-...",
        "<your key>",
        "YOUR_API_KEY",
        "sk-",
        "sk-proj-",
        "sk-proj-abc123DEF456",                                               // too short for any format
        "sk-proj-" + TestKeys.Body(70) + "!" + TestKeys.Body(69),             // full length, a character no key has
        "sk-proj-" + TestKeys.Body(60) + ".." + TestKeys.Body(70),            // full length, dots
        "sk-" + new string('x', 48),                                          // filler
        "sk-proj-" + new string('A', 140),                                    // one repeated character
        "sk-" + string.Concat(Enumerable.Repeat("x0", 24)),                   // filler of x and 0
        "sk-proj-YOUR_KEY_HERE" + TestKeys.Body(120),                         // a template padded to full length
        "sk-proj-" + TestKeys.Body(60) + "example" + TestKeys.Body(70),
        "AIza" + new string('*', 35),
        "ghp_" + new string('0', 36),
        new string('*', 60));

    [Theory]
    [MemberData(nameof(NotKeys))]
    public Task Analyze_PlaceholderOrMalformed_DoesNotReport(string value) =>
        Verifier.AnalyzerAsync<KeyLiteralAnalyzer>($$"""
            class C
            {
                string M() => "{{value.Replace("\"", "\\\"")}}";
            }
            """);

    [Fact]
    public Task Analyze_NamesThatShareAKeyPrefix_DoNotReport() =>
        Verifier.AnalyzerAsync<KeyLiteralAnalyzer>($$"""
            class C
            {
                string M() => "sk-this-is-a-long-resource-name-and-not-a-key";
                string N() => "sk-button-primary-large-2x-variant-dark";
                string O() => "AQ.settings.section.v2.title";
            }
            """);

    public static TheoryData<string, int> PublishedFormats()
    {
        var data = new TheoryData<string, int>();
        KeyFormat[] formats = KeyFormats.Published();
        for (int i = 0; i < formats.Length; i++)
        {
            data.Add(formats[i].ToString(), i);
        }

        return data;
    }

    /// <summary>The analyzer's linked data is the library's: every published format, built to its shortest and longest key, is reported.</summary>
    [Theory]
    [MemberData(nameof(PublishedFormats))]
    public async Task Analyze_EveryPublishedFormatAtBothLengths_Reports(string format, int index)
    {
        KeyFormat f = KeyFormats.Published()[index];
        Assert.Equal(format, f.ToString());
        foreach (int length in new[] { f.MinLength, f.MaxLength })
        {
            string key = KeyExamples.Build(f.Prefix, length, f.Alphabet, seed: index);
            await Verifier.AnalyzerAsync<KeyLiteralAnalyzer>($$"""
                class C
                {
                    string M() => {|APIAUTH001:"{{key}}"|};
                }
                """);
        }
    }

    /// <summary>The same through the library's public catalog, so a copy of the data in the analyzer that drifted would fail here.</summary>
    [Fact]
    public async Task Analyze_EveryFormatOfTheLibraryCatalog_Reports()
    {
        var formats = ApiAuthProviderInfo.BuiltIn.SelectMany(static p => p.KeyFormats).Distinct().ToList();
        Assert.NotEmpty(formats);
        int seed = 0;
        foreach ((_, string prefix, int min, int max, string alphabet, _) in formats)
        {
            string key = KeyExamples.Build(prefix, Math.Min(max, min + 3), alphabet, seed++);
            await Verifier.AnalyzerAsync<KeyLiteralAnalyzer>($$"""
                class C
                {
                    string M() => {|APIAUTH001:"{{key}}"|};
                }
                """);
        }
    }
}
