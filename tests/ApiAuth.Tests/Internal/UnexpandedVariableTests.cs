using System.Net;
using ApiAuth.Tests.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ApiAuth.Tests.Internal;

/// <summary>
/// Issue 11, section 4: <c>$…</c> is an unexpanded variable only when it looks like one (<c>$OPENAI_API_KEY</c>,
/// <c>${ANTHROPIC_API_KEY}</c>, <c>$(NAME)</c>, <c>%NAME%</c>, <c>{{NAME}}</c>); a real key that starts with <c>$</c> is a key:
/// it is sent, and never printed — not in the exception, the logs, <see cref="ApiAuthDiagnostics.CheckKey"/> or an
/// <see cref="OptionsValidationException"/>.
/// </summary>
public sealed class UnexpandedVariableTests
{
    public static TheoryData<string> DollarKeys() =>
    [
        "$" + TestKeys.Body(40, 501),
        "$" + TestKeys.Body(24, 503),
        "$" + TestKeys.Body(32, 509).ToUpperInvariant(),
        "$" + TestKeys.Body(48, 521).ToLowerInvariant(),
        "$2a$10$" + TestKeys.Body(30, 523),
        "$" + TestKeys.Body(8, 541) + "_" + TestKeys.Body(12, 547),
    ];

    [Theory]
    [InlineData("$OPENAI_API_KEY", "OPENAI_API_KEY")]
    [InlineData("${ANTHROPIC_API_KEY}", "ANTHROPIC_API_KEY")]
    [InlineData("$(OPENAI_API_KEY)", "OPENAI_API_KEY")]
    [InlineData("%OPENAI_API_KEY%", "OPENAI_API_KEY")]
    [InlineData("{{OPENAI_API_KEY}}", "OPENAI_API_KEY")]
    [InlineData("{{ secrets.OPENAI_API_KEY }}", "secrets.OPENAI_API_KEY")]
    [InlineData("${env:GEMINI_API_KEY}", "GEMINI_API_KEY")]
    [InlineData("$env:OPENAI_API_KEY", "OPENAI_API_KEY")]
    [InlineData("${OPENAI_API_KEY:-}", "OPENAI_API_KEY")]
    [InlineData("$apiKey", "apiKey")]
    [InlineData("$GPT4O_KEY", "GPT4O_KEY")]
    [InlineData("$openai_api_key", "openai_api_key")]
    public void CheckKey_VariableReference_IsPlaceholderNamingTheVariable_Issue11(string value, string name)
    {
        KeyCheck check = ApiAuthDiagnostics.CheckKey(value, "openai");

        Assert.False(check.WouldSend);
        Assert.Equal(AuthFailureCause.PlaceholderKey, check.Failure!.Cause);
        Assert.Contains("variable " + name, check.Failure.Remediation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("${" + "Zq9T8kLm2Nx7Pq4Rs6Tv1Wy3Za5Bc8De0Fg2Hi4}")]
    [InlineData("{{not a name!}}")]
    public void CheckKey_TemplateAroundSomethingElse_IsANamelessTemplate(string value)
    {
        KeyCheck check = ApiAuthDiagnostics.CheckKey(value, "openai");

        Assert.Equal(AuthFailureCause.PlaceholderKey, check.Failure!.Cause);
        Assert.DoesNotContain("variable", check.Failure.Remediation, StringComparison.Ordinal);
        Assert.DoesNotContain("Zq9T8kLm", check.Failure.Remediation + check.Failure, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DollarKeys))]
    public void CheckKey_DollarPrefixedKey_IsAKeyAndNeverPrinted_Issue11(string key)
    {
        foreach (string provider in new[] { "openai", "generic", "anthropic" })
        {
            KeyCheck check = ApiAuthDiagnostics.CheckKey(key, provider);

            Assert.True(check.Failure is null || check.Failure.Cause != AuthFailureCause.PlaceholderKey, $"{provider}: {check.Failure}");
            AssertNotShown(key, check.KeyHint, check.Failure?.ToString(), check.Failure?.Remediation);
        }
    }

    [Theory]
    [MemberData(nameof(DollarKeys))]
    public void ValidateOnStart_DollarPrefixedKey_PassesAndIsNotPrinted_Issue11(string key)
    {
        var services = new ServiceCollection();
        services.AddHttpClient("c", c => c.BaseAddress = new Uri("https://gateway.example/v1/")).AddApiAuthDiagnostics(o => o.ApiKey = key);
        using ServiceProvider provider = services.BuildServiceProvider();

        Exception? e = Record.Exception(provider.GetRequiredService<IStartupValidator>().Validate);

        Assert.Null(e);
    }

    [Fact]
    public void ValidateOnStart_VariableReference_FailsNamingItAndNotAKey_Issue11()
    {
        var services = new ServiceCollection();
        services.AddHttpClient("c").AddApiAuthDiagnostics(o => o.ApiKey = "$OPENAI_API_KEY");
        using ServiceProvider provider = services.BuildServiceProvider();

        OptionsValidationException e = Assert.Throws<OptionsValidationException>(provider.GetRequiredService<IStartupValidator>().Validate);

        Assert.Contains("variable OPENAI_API_KEY", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_DollarPrefixedKey_IsSentAndNeverPrinted_Issue11(bool sync)
    {
        foreach (string key in DollarKeys())
        {
            foreach (bool fromOptions in new[] { false, true })
            {
                var stub = RecordingHandler.Answering(HttpStatusCode.Unauthorized, "{\"error\":{\"message\":\"Invalid key " + key + "\",\"code\":\"invalid_api_key\"}}");
                using var client = new TestClient(stub, o => o.ApiKey = fromOptions ? key : null, "https://gateway.example/v1/");

                ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.PostAsync(sync, fromOptions ? null : "Bearer " + key));

                Assert.True(e.Failure.RequestWasSent, e.Message);
                Assert.Equal("Bearer " + key, Assert.Single(stub.Requests).Headers["Authorization"].Single());
                AssertNotShown(key, e.Message, e.ToString(), e.Failure.ServerMessage, e.Failure.Remediation, e.Failure.KeyHint, client.AllLogText());
            }
        }
    }

    private static void AssertNotShown(string key, params string?[] outputs)
    {
        foreach (string? output in outputs)
        {
            Assert.DoesNotContain("reference to the variable", output ?? string.Empty, StringComparison.Ordinal);
            Assert.Null(LeakScan.FindLeak(key, string.Empty, [("output", output)]));
        }
    }
}
