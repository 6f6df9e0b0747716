using ApiAuth.Tests.TestDoubles;

namespace ApiAuth.Analyzers.Tests;

public sealed class KeyLiteralCodeFixTests
{
    [Fact]
    public Task Fix_LiteralInLocal_ReadsTheProvidersVariable() =>
        Verifier.CodeFixAsync<KeyLiteralAnalyzer, KeyLiteralCodeFix>($$"""
            using System;

            class C
            {
                string M()
                {
                    var key = {|APIAUTH001:"{{TestKeys.OpenAIProject()}}"|};
                    return key;
                }
            }
            """, """
            using System;

            class C
            {
                string M()
                {
                    var key = Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException("Set the OPENAI_API_KEY environment variable to your OpenAI API key.");
                    return key;
                }
            }
            """);

    /// <summary>A full-length Anthropic key (sk-ant-api03- + 93 + AA = 108 characters), built at run time.</summary>
    private static string AnthropicKey => KeyExamples.Build("sk-" + "ant-api03-", 106, KeyExamples.Base64Url, seed: 3) + "AA";

    [Fact]
    public Task Fix_AnthropicKey_ReadsAnthropicsVariable() =>
        Verifier.CodeFixAsync<KeyLiteralAnalyzer, KeyLiteralCodeFix>($$"""
            class C
            {
                string M() => {|APIAUTH001:"{{AnthropicKey}}"|};
            }
            """, """
            class C
            {
                string M() => System.Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY") ?? throw new System.InvalidOperationException("Set the ANTHROPIC_API_KEY environment variable to your Anthropic API key.");
            }
            """);

    /// <summary>
    /// A const may be used where only a constant may stand (another const, an attribute, a case label): turning it into a
    /// read broke the build there (CS0133, CS0182, CS9135). The diagnostic stands; no fix is offered (red team, issue 16).
    /// </summary>
    [Fact]
    public Task Fix_ConstFieldUsedByAnotherConst_OffersNoFix_Issue16()
    {
        string source = $$"""
            using System;

            class C
            {
                private const string Key = {|APIAUTH001:"{{TestKeys.Groq()}}"|};
                private const string Header = "Bearer " + Key;
                string M() => Header;
            }
            """;
        return Verifier.CodeFixAsync<KeyLiteralAnalyzer, KeyLiteralCodeFix>(source, source);
    }

    [Fact]
    public Task Fix_PublicConstUsedInAttributeAndCaseLabel_OffersNoFix_Issue16()
    {
        string source = $$"""
            using System;

            class A : Attribute { public A(string s) { } }

            class C
            {
                public const string Key = {|APIAUTH001:"{{TestKeys.XAI()}}"|};

                [A(Key)]
                int M(string s) => s switch { Key => 1, _ => 0 };
            }
            """;
        return Verifier.CodeFixAsync<KeyLiteralAnalyzer, KeyLiteralCodeFix>(source, source);
    }

    [Fact]
    public Task Fix_ConstLocalUsedByAnotherConstLocal_OffersNoFix_Issue16()
    {
        string source = $$"""
            using System;

            class C
            {
                string M()
                {
                    const string key = {|APIAUTH001:"{{TestKeys.Google()}}"|};
                    const string header = "key=" + key;
                    return header;
                }
            }
            """;
        return Verifier.CodeFixAsync<KeyLiteralAnalyzer, KeyLiteralCodeFix>(source, source);
    }

    /// <summary>A concatenation inside a const initializer is no place for a read either.</summary>
    [Fact]
    public Task Fix_ConcatenationInConstInitializer_OffersNoFix_Issue16()
    {
        string key = TestKeys.OpenAIProject();
        string source = $$"""
            class C
            {
                const string Key = {|APIAUTH001:"{{key[..82]}}" +
                    "{{key[82..]}}"|};
            }
            """;
        return Verifier.CodeFixAsync<KeyLiteralAnalyzer, KeyLiteralCodeFix>(source, source);
    }

    /// <summary>A UTF-8 literal is bytes; a read is a string: no fix.</summary>
    [Fact]
    public Task Fix_Utf8Literal_OffersNoFix_Issue16()
    {
        string source = $$"""
            class C
            {
                int M() => {|APIAUTH001:"{{TestKeys.Groq()}}"u8|}.Length;
            }
            """;
        return Verifier.CodeFixAsync<KeyLiteralAnalyzer, KeyLiteralCodeFix>(source, source);
    }

    /// <summary>A shared-prefix key (sk- + 32 hex, DeepSeek's shape) next to DeepSeek's URL reads DeepSeek's variable.</summary>
    [Fact]
    public Task Fix_SharedPrefixKeyNextToProviderUrl_ReadsThatProvidersVariable_Issue16() =>
        Verifier.CodeFixAsync<KeyLiteralAnalyzer, KeyLiteralCodeFix>($$"""
            using System;

            class C
            {
                (string, string) M()
                {
                    var url = "https://api.deepseek.com/chat/completions";
                    var key = {|APIAUTH001:"{{DeepSeekKey}}"|};
                    return (url, key);
                }
            }
            """, """
            using System;

            class C
            {
                (string, string) M()
                {
                    var url = "https://api.deepseek.com/chat/completions";
                    var key = Environment.GetEnvironmentVariable("DEEPSEEK_API_KEY") ?? throw new InvalidOperationException("Set the DEEPSEEK_API_KEY environment variable to your DeepSeek API key.");
                    return (url, key);
                }
            }
            """);

    /// <summary>The provider's URL in another member of the same type counts too (a base-address constant).</summary>
    [Fact]
    public Task Fix_SharedPrefixKeyWithProviderUrlInTheType_ReadsThatProvidersVariable_Issue16() =>
        Verifier.CodeFixAsync<KeyLiteralAnalyzer, KeyLiteralCodeFix>($$"""
            class C
            {
                const string BaseUrl = "https://api.deepseek.com";
                string M() => {|APIAUTH001:"{{DeepSeekKey}}"|};
            }
            """, """
            class C
            {
                const string BaseUrl = "https://api.deepseek.com";
                string M() => System.Environment.GetEnvironmentVariable("DEEPSEEK_API_KEY") ?? throw new System.InvalidOperationException("Set the DEEPSEEK_API_KEY environment variable to your DeepSeek API key.");
            }
            """);

    /// <summary>A shared-prefix key with no provider URL in scope is nobody's in particular: no variable is guessed, no fix.</summary>
    [Fact]
    public Task Fix_SharedPrefixKeyWithoutProviderUrl_OffersNoFix_Issue16()
    {
        string source = $$"""
            class C
            {
                string M() => {|APIAUTH001:"{{DeepSeekKey}}"|};
            }
            """;
        return Verifier.CodeFixAsync<KeyLiteralAnalyzer, KeyLiteralCodeFix>(source, source);
    }

    /// <summary>A legacy OpenAI key (sk- + 48 with OpenAI's marker) is OpenAI's even under the shared prefix.</summary>
    [Fact]
    public Task Fix_LegacyOpenAIKey_ReadsOpenAIsVariable_Issue16() =>
        Verifier.CodeFixAsync<KeyLiteralAnalyzer, KeyLiteralCodeFix>($$"""
            class C
            {
                string M() => {|APIAUTH001:"{{TestKeys.OpenAILegacy()}}"|};
            }
            """, """
            class C
            {
                string M() => System.Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new System.InvalidOperationException("Set the OPENAI_API_KEY environment variable to your OpenAI API key.");
            }
            """);

    /// <summary>Fix for <c>"Bearer " + "&lt;key&gt;"</c>: the whole constant is replaced, the scheme kept.</summary>
    [Fact]
    public Task Fix_BearerConcatenatedWithKey_KeepsTheScheme_Issue16() =>
        Verifier.CodeFixAsync<KeyLiteralAnalyzer, KeyLiteralCodeFix>($$"""
            class C
            {
                string M() => {|APIAUTH001:"Bearer " + "{{TestKeys.OpenAIProject()}}"|};
            }
            """, """
            class C
            {
                string M() => "Bearer " + (System.Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new System.InvalidOperationException("Set the OPENAI_API_KEY environment variable to your OpenAI API key."));
            }
            """);

    /// <summary>DeepSeek's shape: sk- + 32 lower-case hex characters, built at run time.</summary>
    private static string DeepSeekKey => KeyExamples.Build("sk-", 35, "0123456789abcdef", seed: 5);

    [Fact]
    public Task Fix_BearerWrittenWithTheKey_KeepsTheScheme() =>
        Verifier.CodeFixAsync<KeyLiteralAnalyzer, KeyLiteralCodeFix>($$"""
            using System;

            class C
            {
                string M() => {|APIAUTH001:"Bearer {{TestKeys.OpenAIProject()}}"|};
            }
            """, """
            using System;

            class C
            {
                string M() => "Bearer " + (Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException("Set the OPENAI_API_KEY environment variable to your OpenAI API key."));
            }
            """);

    [Fact]
    public Task Fix_OperandOfALargerExpression_IsParenthesized() =>
        Verifier.CodeFixAsync<KeyLiteralAnalyzer, KeyLiteralCodeFix>($$"""
            using System;

            class C
            {
                int M() => {|APIAUTH001:"{{TestKeys.XAI()}}"|}.Length;
            }
            """, """
            using System;

            class C
            {
                int M() => (Environment.GetEnvironmentVariable("XAI_API_KEY") ?? throw new InvalidOperationException("Set the XAI_API_KEY environment variable to your xAI API key.")).Length;
            }
            """);

    /// <summary>GitHub has no provider profile, so no variable to name: the diagnostic stands, no fix is offered.</summary>
    [Fact]
    public Task Fix_VendorWithoutProfile_OffersNoFix()
    {
        string source = $$"""
            class C
            {
                string M() => {|APIAUTH001:"{{TestKeys.GitHub()}}"|};
            }
            """;
        return Verifier.CodeFixAsync<KeyLiteralAnalyzer, KeyLiteralCodeFix>(source, source);
    }

    /// <summary>An attribute argument must stay constant: no fix.</summary>
    [Fact]
    public Task Fix_AttributeArgument_OffersNoFix()
    {
        string source = $$"""
            [System.Obsolete({|APIAUTH001:"{{TestKeys.OpenAIProject()}}"|})]
            class C
            {
            }
            """;
        return Verifier.CodeFixAsync<KeyLiteralAnalyzer, KeyLiteralCodeFix>(source, source);
    }
}
