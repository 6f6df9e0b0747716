using System.Net;
using ApiAuth.Internal;
using ApiAuth.Providers;
using ApiAuth.Tests.TestDoubles;

namespace ApiAuth.Tests.Providers;

/// <summary>
/// Issue 12, section 4: the seed's two last checklist items — "test the key directly with cURL" and "check the provider's
/// status page" — are in the remediation itself, as profile data: a command that reads the key from its variable (never the
/// key), and the provider's status page.
/// </summary>
public sealed class RemediationChecklistTests
{
    private static readonly AuthFailureCause[] TestCauses = [AuthFailureCause.InvalidKey, AuthFailureCause.ExpiredCredential, AuthFailureCause.Unknown];

    private static readonly AuthFailureCause[] StatusCauses = [AuthFailureCause.Unknown, AuthFailureCause.AccountDisabled];

    private static readonly RemediationContext Context = new() { Host = "contoso.openai.azure.com", KeyHint = "k…abcd", RequestId = "req_1", Detail = "detail" };

    /// <summary>Every profile that names a service (all built-ins but the generic one, which knows neither header nor path).</summary>
    public static TheoryData<string> Profiles => [.. BuiltInProfiles.All.Where(p => p.Id != BuiltInProfiles.GenericId).Select(p => p.Id)];

    /// <summary>The providers that run a public status page (all but the user-named OpenAI-compatible service).</summary>
    public static TheoryData<string> Vendors => [.. BuiltInProfiles.All.Where(p => p.Id is not BuiltInProfiles.GenericId and not "openai-compatible").Select(p => p.Id)];

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Render_InvalidExpiredUnknown_GiveTheTestCommandReadingTheVariable_Issue12(string id)
    {
        ProviderProfile profile = Profile(id);
        Assert.NotNull(profile.TestCommand);
        string variable = "$" + profile.KeyEnvironmentVariables[0];
        Assert.Contains(variable, profile.TestCommand, StringComparison.Ordinal);
        Assert.StartsWith("curl -sS ", profile.TestCommand, StringComparison.Ordinal);

        foreach (AuthFailureCause cause in TestCauses)
        {
            string text = Remediation.Render(profile, cause, Context);

            Assert.Contains(profile.TestCommand.Replace("{Host}", Context.Host, StringComparison.Ordinal), text, StringComparison.Ordinal);
            Assert.Contains(variable, text, StringComparison.Ordinal);
            Assert.DoesNotContain("{", text.Replace("{" + "}", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Render_OtherCauses_DoNotAddTheTestCommand_Issue12(string id)
    {
        ProviderProfile profile = Profile(id);

        foreach (AuthFailureCause cause in Enum.GetValues<AuthFailureCause>().Except(TestCauses))
        {
            Assert.DoesNotContain("curl ", Remediation.Render(profile, cause, Context), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Vendors))]
    public void Render_UnknownAndAccountDisabled_NameTheStatusPage_Issue12(string id)
    {
        ProviderProfile profile = Profile(id);
        Assert.NotNull(profile.StatusPage);
        Assert.StartsWith("https://", profile.StatusPage, StringComparison.Ordinal);

        foreach (AuthFailureCause cause in StatusCauses)
        {
            Assert.Contains(profile.StatusPage, Remediation.Render(profile, cause, Context), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(profile.StatusPage, Remediation.Render(profile, AuthFailureCause.InvalidKey, Context), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_GenericProfile_PromisesNoCommandItCannotKnow_Issue12()
    {
        foreach (AuthFailureCause cause in Enum.GetValues<AuthFailureCause>())
        {
            string text = Remediation.Render(BuiltInProfiles.Generic, cause, Context);

            Assert.DoesNotContain("curl", text, StringComparison.Ordinal);
            Assert.DoesNotContain("{TestCommand}", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("contoso.openai.azure.com", "https://contoso.openai.azure.com/openai/models?api-version=2024-10-21")]
    [InlineData("x$(touch pwned).openai.azure.com", "https://<your-resource>.openai.azure.com/openai/models")]
    [InlineData("x;rm -rf ~.openai.azure.com", "https://<your-resource>.openai.azure.com/openai/models")]
    [InlineData(null, "https://<your-resource>.openai.azure.com/openai/models")]
    public void Render_AzureCommand_TakesThePlainHostOnly_Issue12(string? host, string expected)
    {
        string text = Remediation.Render(BuiltInProfiles.AzureOpenAI, AuthFailureCause.InvalidKey, new RemediationContext { Host = host });

        // The prose may name the host as it came; the shell line takes only a plain host name.
        string command = text[text.IndexOf("curl ", StringComparison.Ordinal)..];
        Assert.StartsWith("curl -sS \"" + expected, command, StringComparison.Ordinal);
        Assert.EndsWith("-H \"api-key: $AZURE_OPENAI_API_KEY\"", command, StringComparison.Ordinal);
        Assert.DoesNotContain("$(", command, StringComparison.Ordinal);
        Assert.DoesNotContain(";", command, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TemplatePlacingTheTokens_IsNotRepeated_Issue12()
    {
        string text = Remediation.Render(BuiltInProfiles.OpenAI, AuthFailureCause.Unknown, Context, "Run {TestCommand}; see {StatusPage}.");

        Assert.Equal("Run " + BuiltInProfiles.OpenAI.TestCommand + "; see https://status.openai.com.", text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_RevokedKey_RemediationHasTheCommandAndNoKey_Issue12(bool sync)
    {
        string key = TestKeys.OpenAIProject(99);
        string body = "{\"error\":{\"message\":\"Incorrect API key provided: " + key + ".\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}";
        using TestClient client = TestClient.OpenAI(HttpStatusCode.Unauthorized, body);

        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.PostAsync(sync, "Bearer " + key));

        Assert.Equal(AuthFailureCause.InvalidKey, e.Failure.Cause);
        Assert.Contains("curl -sS https://api.openai.com/v1/models -H \"Authorization: Bearer $OPENAI_API_KEY\"", e.Failure.Remediation, StringComparison.Ordinal);
        foreach (string text in new[] { e.Failure.Remediation, e.Message, e.ToString(), client.AllLogText() })
        {
            Assert.DoesNotContain(key[10..30], text, StringComparison.Ordinal);
            Assert.DoesNotContain(key[^20..], text, StringComparison.Ordinal);
        }

        Assert.Single(client.Stub.Requests);
    }

    [Fact]
    public void BuiltInProfiles_TestCommandsAndStatusPages_HoldNoKeyShapedToken_Issue12()
    {
        foreach (ProviderProfile profile in BuiltInProfiles.All)
        {
            foreach (string? text in new[] { profile.TestCommand, profile.StatusPage })
            {
                if (text is null)
                {
                    continue;
                }

                foreach (string token in text.Split([' ', '"', ':', '/', '?', '='], StringSplitOptions.RemoveEmptyEntries))
                {
                    Assert.True(KeyFormats.Match(token) is null, $"{profile.Id}: '{token}' looks like a key");
                }
            }
        }
    }

    private static ProviderProfile Profile(string id)
    {
        Assert.True(ProviderRegistry.Default.TryGet(id, out ProviderProfile profile));
        return profile;
    }
}
