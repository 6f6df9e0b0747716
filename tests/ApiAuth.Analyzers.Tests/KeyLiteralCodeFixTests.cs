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

    [Fact]
    public Task Fix_ConstField_BecomesStaticReadonly() =>
        Verifier.CodeFixAsync<KeyLiteralAnalyzer, KeyLiteralCodeFix>($$"""
            using System;

            class C
            {
                private const string Key = {|APIAUTH001:"{{TestKeys.Groq()}}"|};
                string M() => Key;
            }
            """, """
            using System;

            class C
            {
                private static readonly string Key = Environment.GetEnvironmentVariable("GROQ_API_KEY") ?? throw new InvalidOperationException("Set the GROQ_API_KEY environment variable to your Groq API key.");
                string M() => Key;
            }
            """);

    [Fact]
    public Task Fix_ConstLocal_BecomesAPlainLocal() =>
        Verifier.CodeFixAsync<KeyLiteralAnalyzer, KeyLiteralCodeFix>($$"""
            using System;

            class C
            {
                string M()
                {
                    const string key = {|APIAUTH001:"{{TestKeys.Google()}}"|};
                    return key;
                }
            }
            """, """
            using System;

            class C
            {
                string M()
                {
                    string key = Environment.GetEnvironmentVariable("GEMINI_API_KEY") ?? throw new InvalidOperationException("Set the GEMINI_API_KEY environment variable to your Google API key.");
                    return key;
                }
            }
            """);

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
