using ApiAuth.Providers;
using ApiAuth.Tests.TestDoubles;
using Microsoft.CodeAnalysis.Testing;

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

    /// <summary>Names, hashes and dates after a key prefix (red team, issue 16): words, not a random body.</summary>
    public static TheoryData<string> NamesWithAKeyPrefix => new(
        "sk-" + "learn-inference-worker-7d9f8b6c5d-x4k2p",
        "sk-" + "learn-feature-pipeline-2024-01-15-run-042",
        "sk-" + "cache-3f2504e0-4f89-11d3-9a0c-0305e82c3301",
        "hf" + "_TransformersAutoTokenizerCacheRoot",
        "api_" + "org_HuggingFaceOrganizationMirrorNames",
        "fw" + "_FirmwareUpdateV2Available",
        "AQ" + ".Ab8RN6Lq-cache-entry-2024-11-30-001");

    [Theory]
    [MemberData(nameof(NamesWithAKeyPrefix))]
    public Task Analyze_NameWithAKeyPrefix_DoesNotReport_Issue16(string value) =>
        Verifier.AnalyzerAsync<KeyLiteralAnalyzer>($$"""
            class C
            {
                const string Name = "{{value}}";
                string M() => "{{value}}";
            }
            """);

    /// <summary>Placeholders and test fakes in any case, and typed sequences (red team, issue 16).</summary>
    public static TheoryData<string> PlaceholdersInAnyCase => new(
        "sk-" + "ExampleKeyForDocumentation1234567890abc",
        "AI" + "zaSyB-Example-Maps-Key-For-Docs-12345",
        "AI" + "zaSy_Documentation_Sample_Key_0000001",
        "sk-" + "test-1234567890abcdef1234567890abcdef",
        "sk-" + "fake-key-for-unit-tests-0123456789abcdef",
        "sk-dummy" + TestKeys.Body(40),
        "sk-mock-" + TestKeys.Body(40),
        "sk-SampleKey" + TestKeys.Body(40),
        "sk-" + TestKeys.Body(20) + "PLACEHOLDER" + TestKeys.Body(20),
        "sk-" + TestKeys.Body(20) + "Your" + TestKeys.Body(20),
        "sk-" + "1234567890abcdef1234567890abcdef",
        "gs" + "k_" + "1234567890abcdefghij" + TestKeys.Body(32),
        "sk-" + string.Concat(Enumerable.Repeat("abc123", 6)),
        "sk-" + "abcdefghijklmnopqrstuvwxyz1234567890ABCDEFGH",
        "sk-proj-" + TestKeys.Body(60) + "ExAmPlE" + TestKeys.Body(70));

    [Theory]
    [MemberData(nameof(PlaceholdersInAnyCase))]
    public Task Analyze_PlaceholderInAnyCase_DoesNotReport_Issue16(string value) =>
        Verifier.AnalyzerAsync<KeyLiteralAnalyzer>($$"""
            class C
            {
                string M() => "{{value}}";
            }
            """);

    /// <summary>
    /// A four-letter marker spelled in a random mix of cases inside a random body is chance, not a template: the key is
    /// still reported (one real key in a thousand would otherwise be missed).
    /// </summary>
    [Fact]
    public Task Analyze_ShortMarkerInMixedCaseInsideRandomBody_Reports_Issue16() =>
        Verifier.AnalyzerAsync<KeyLiteralAnalyzer>($$"""
            class C
            {
                string M() => {|APIAUTH001:"{{"sk-" + "proj-" + TestKeys.Body(60) + "tEsT" + TestKeys.Body(70, seed: 8)}}"|};
                string N() => {|APIAUTH001:"{{"gs" + "k_" + TestKeys.Body(20) + "mOcK" + TestKeys.Body(28, seed: 9)}}"|};
            }
            """);

    /// <summary>The test markers are searched in the body only: a Stripe test-mode key (sk_test_) is a real secret.</summary>
    [Fact]
    public Task Analyze_StripeTestModeKey_Reports_Issue16() =>
        Verifier.AnalyzerAsync<KeyLiteralAnalyzer>($$"""
            class C
            {
                string M() => {|APIAUTH001:"{{"sk_" + "test_" + TestKeys.Body(40)}}"|};
            }
            """);

    /// <summary>A key concatenated with other constants is reported once, on the whole expression (red team, issue 16).</summary>
    [Fact]
    public Task Analyze_KeyConcatenatedWithOtherConstants_ReportsTheWholeExpression_Issue16() =>
        Verifier.AnalyzerAsync<KeyLiteralAnalyzer>($$"""
            class C
            {
                string H = {|APIAUTH001:"Bearer " + "{{TestKeys.OpenAIProject()}}"|};
                string K = {|APIAUTH001:"{{TestKeys.Anthropic()}}" + ""|};
                string L = {|APIAUTH001:"{{TestKeys.Groq()}}" + "\n"|};
                string B = {|APIAUTH001:"  bearer " + "{{TestKeys.XAI()}}" + " "|};
            }
            """);

    /// <summary>A 164-character OpenAI project key split into two halves over two lines of a const (red team, issue 16).</summary>
    [Fact]
    public Task Analyze_KeySplitOverTwoLinesOfAConst_ReportsOnce_Issue16()
    {
        string key = TestKeys.OpenAIProject();
        Assert.Equal(164, key.Length);
        return Verifier.AnalyzerAsync<KeyLiteralAnalyzer>(
            $$"""
            class C
            {
                const string Key = {|#0:"{{key[..82]}}" +
                    "{{key[82..]}}"|};
            }
            """,
            [new DiagnosticResult(Descriptors.KeyLiteral).WithLocation(0).WithArguments("An OpenAI")]);
    }

    [Fact]
    public Task Analyze_Utf8Literal_Reports_Issue16() =>
        Verifier.AnalyzerAsync<KeyLiteralAnalyzer>($$"""
            class C
            {
                int M() => {|APIAUTH001:"{{TestKeys.Groq()}}"u8|}.Length;
                static System.ReadOnlySpan<byte> N => {|APIAUTH001:"Bearer {{TestKeys.Anthropic()}}"u8|};
            }
            """);

    [Fact]
    public Task Analyze_TopLevelStatements_Reports_Issue16() =>
        Verifier.AnalyzerAsync<KeyLiteralAnalyzer>(
            $$"""
            var key = {|#0:"{{TestKeys.Groq()}}"|};
            System.Console.WriteLine(key.Length);
            """,
            [new DiagnosticResult(Descriptors.KeyLiteral).WithLocation(0).WithArguments("A Groq")],
            CompilerDiagnostics.None,
            "class Other { }");

    /// <summary>A shared-prefix key (sk-) with no provider URL in scope is not claimed to be OpenAI's (red team, issue 16).</summary>
    [Fact]
    public Task Analyze_SharedPrefixKeyWithoutProviderUrl_DoesNotNameOpenAI_Issue16() =>
        Verifier.AnalyzerAsync<KeyLiteralAnalyzer>(
            $$"""
            class C
            {
                string M() => {|#0:"{{TestKeys.DeepSeek()}}"|};
            }
            """,
            [new DiagnosticResult(Descriptors.KeyLiteral).WithLocation(0).WithArguments("An API (sk-…)")]);

    [Fact]
    public Task Analyze_SharedPrefixKeyNextToProviderUrl_NamesThatProvider_Issue16() =>
        Verifier.AnalyzerAsync<KeyLiteralAnalyzer>(
            $$"""
            class C
            {
                string U() => "https://api.openai.com/v1";
                (string, string) M() => ("https://api.deepseek.com/chat/completions", {|#0:"{{TestKeys.DeepSeek()}}"|});
            }
            """,
            [new DiagnosticResult(Descriptors.KeyLiteral).WithLocation(0).WithArguments("A DeepSeek")]);

    /// <summary>Two providers' URLs in the type and none in the member: whose key it is stays unknown.</summary>
    [Fact]
    public Task Analyze_SharedPrefixKeyWithTwoProvidersInTheType_NamesNone_Issue16() =>
        Verifier.AnalyzerAsync<KeyLiteralAnalyzer>(
            $$"""
            class C
            {
                string U() => "https://api.openai.com/v1";
                string V() => "https://api.deepseek.com";
                string M() => {|#0:"{{TestKeys.DeepSeek()}}"|};
            }
            """,
            [new DiagnosticResult(Descriptors.KeyLiteral).WithLocation(0).WithArguments("An API (sk-…)")]);

    /// <summary>
    /// An unmistakable prefix is its vendor's whatever URL stands next to it, also when the key is too short for the
    /// vendor's format and only the shared sk- rule matches it (half of an Anthropic key).
    /// </summary>
    [Fact]
    public Task Analyze_UnmistakableKeyNextToOtherProvidersUrl_NamesItsVendor_Issue16() =>
        Verifier.AnalyzerAsync<KeyLiteralAnalyzer>(
            $$"""
            class C
            {
                (string, string) M() => ("https://api.deepseek.com", {|#0:"{{TestKeys.Anthropic()}}"|});
                (string, string) N() => ("https://api.deepseek.com", {|#1:"{{TestKeys.OpenAIProject()[..90]}}"|});
            }
            """,
            [
                new DiagnosticResult(Descriptors.KeyLiteral).WithLocation(0).WithArguments("An Anthropic"),
                new DiagnosticResult(Descriptors.KeyLiteral).WithLocation(1).WithArguments("An OpenAI"),
            ]);

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
