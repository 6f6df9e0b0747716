using System.Net;
using ApiAuth.Tests.TestDoubles;
using Microsoft.Extensions.Logging;

namespace ApiAuth.Tests.Internal;

/// <summary>Every repair ApiAuth makes before sending, on both doors: the wire sees the clean value, a warning is logged once.</summary>
public sealed class PreSendRepairTests
{
    private static readonly string Key = TestKeys.OpenAIProject();

    public static TheoryData<string, bool> DirtyAuthorizationValues()
    {
        var data = new TheoryData<string, bool>();
        foreach (bool sync in new[] { false, true })
        {
            data.Add(new TheoryDataRow<string, bool>("Bearer " + Key + "\n", sync) { Label = "trailing newline" });
            data.Add(new TheoryDataRow<string, bool>("Bearer " + Key + "\r\n", sync) { Label = "trailing CRLF" });
            data.Add(new TheoryDataRow<string, bool>("  Bearer " + Key + "  ", sync) { Label = "leading and trailing spaces" });
            data.Add(new TheoryDataRow<string, bool>("Bearer " + Key + "\t", sync) { Label = "tab after key" });
            data.Add(new TheoryDataRow<string, bool>("Bearer \uFEFF" + Key, sync) { Label = "BOM before key" });
            data.Add(new TheoryDataRow<string, bool>("Bearer " + Key[..20] + "\u200B" + Key[20..], sync) { Label = "zero-width space inside" });
            data.Add(new TheoryDataRow<string, bool>("Bearer\u00A0" + Key + "\u00A0", sync) { Label = "NBSP around key" });
            data.Add(new TheoryDataRow<string, bool>("Bearer \"" + Key + "\"", sync) { Label = "double quotes" });
            data.Add(new TheoryDataRow<string, bool>("'Bearer " + Key + "'", sync) { Label = "single quotes around whole value" });
            data.Add(new TheoryDataRow<string, bool>("Bearer \u201C" + Key + "\u201D", sync) { Label = "smart quotes" });
            data.Add(new TheoryDataRow<string, bool>(Key, sync) { Label = "missing Bearer prefix" });
            data.Add(new TheoryDataRow<string, bool>("Bearer Bearer " + Key, sync) { Label = "doubled Bearer" });
            data.Add(new TheoryDataRow<string, bool>("bearer " + Key, sync) { Label = "lowercase bearer" });
            data.Add(new TheoryDataRow<string, bool>("Bearer  " + Key, sync) { Label = "two spaces after Bearer" });
            data.Add(new TheoryDataRow<string, bool>("Bearer: " + Key, sync) { Label = "Bearer with colon" });
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DirtyAuthorizationValues))]
    public async Task Send_RepairableAuthorization_SendsCleanBearerHeader(string raw, bool sync)
    {
        using TestClient client = TestClient.OpenAI();

        using HttpResponseMessage response = await client.PostAsync(sync, raw);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer " + Key, client.Stub.Single.Header("Authorization"));
        Assert.Contains(client.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Id.Id == 1);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_SameRepairTwice_WarnsOncePerClient(bool sync)
    {
        using TestClient client = TestClient.OpenAI();

        (await client.PostAsync(sync, "Bearer " + Key + "\n")).Dispose();
        (await client.PostAsync(sync, "Bearer " + Key + "\n")).Dispose();
        (await client.PostAsync(sync, "Bearer " + Key + "\n")).Dispose();

        Assert.Equal(3, client.Stub.Requests.Count);
        Assert.Single(client.Logs.GetSnapshot(), r => r.Id.Id == 1);
    }

    [Theory]
    [InlineData("api-key", false)]
    [InlineData("x-api-key", true)]
    [InlineData("x-api-key", false)]
    [InlineData("api-key", true)]
    public async Task Send_KeyInHeaderOpenAIDoesNotRead_MovesItToAuthorizationBearer(string header, bool sync)
    {
        using TestClient client = TestClient.OpenAI();

        using HttpResponseMessage response = await client.PostAsync(sync, null, (header, Key + "\n"));

        RecordedRequest sent = client.Stub.Single;
        Assert.Equal("Bearer " + Key, sent.Header("Authorization"));
        Assert.Null(sent.Header(header));
        Assert.Contains(client.Logs.GetSnapshot(), r => r.Id.Id == 6);
    }

    [Theory]
    [InlineData("OpenAI-Organization", " org-abc123 ", "org-abc123", false)]
    [InlineData("OpenAI-Organization", "org-abc123\n", "org-abc123", true)]
    [InlineData("OpenAI-Project", "\"proj_abc123\"", "proj_abc123", false)]
    [InlineData("OpenAI-Project", "proj_abc123 \r\n", "proj_abc123", true)]
    public async Task Send_WhitespaceAroundOrganizationOrProject_IsTrimmed(string header, string raw, string expected, bool sync)
    {
        using TestClient client = TestClient.OpenAI();

        using HttpResponseMessage response = await client.PostAsync(sync, "Bearer " + Key, (header, raw));

        Assert.Equal(expected, client.Stub.Single.Header(header));
        Assert.Contains(client.Logs.GetSnapshot(), r => r.Id.Id == 1);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_CleanKey_IsSentUntouchedWithoutLogging(bool sync)
    {
        using TestClient client = TestClient.OpenAI();

        using HttpResponseMessage response = await client.PostAsync(sync, "Bearer " + Key, ("OpenAI-Organization", "org-abc123"), ("OpenAI-Project", "proj_abc"));

        Assert.Equal("Bearer " + Key, client.Stub.Single.Header("Authorization"));
        Assert.Equal("org-abc123", client.Stub.Single.Header("OpenAI-Organization"));
        Assert.DoesNotContain(client.Logs.GetSnapshot(), r => r.Level >= LogLevel.Warning);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_TypedAuthorizationHeader_IsAccepted(bool sync)
    {
        using TestClient client = TestClient.OpenAI();
        client.Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Key);

        using HttpResponseMessage response = await client.PostAsync(sync);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer " + Key, client.Stub.Single.Header("Authorization"));
    }

    public static TheoryData<string> ValidKeysOfUnknownOrNewFormats() =>
    [
        "sk-" + "None-" + TestKeys.Body(48),
        TestKeys.OpenAIServiceAccount(),
        TestKeys.OpenAILegacy(),
        "sk-" + "admin-" + TestKeys.Body(60),
        "sk-" + "future2030-" + TestKeys.Body(80),
        TestKeys.Body(64),
        TestKeys.DeepSeek(),
        "eyJ" + TestKeys.Body(30) + "." + TestKeys.Body(40) + "." + TestKeys.Body(20),
    ];

    [Theory]
    [MemberData(nameof(ValidKeysOfUnknownOrNewFormats))]
    public async Task Send_KeyOfUnknownOrNewFormat_IsSentNotRefused(string key)
    {
        using TestClient client = TestClient.OpenAI();

        using HttpResponseMessage response = await client.PostAsync(sync: false, "Bearer " + key);

        Assert.Equal("Bearer " + key, client.Stub.Single.Header("Authorization"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_ConfiguredApiKey_IsAddedWhenRequestHasNone(bool sync)
    {
        using TestClient client = TestClient.OpenAI(configure: o =>
        {
            o.ApiKey = Key + "\n";
            o.Organization = " org-cfg ";
        });

        using HttpResponseMessage response = await client.PostAsync(sync);

        Assert.Equal("Bearer " + Key, client.Stub.Single.Header("Authorization"));
        Assert.Equal("org-cfg", client.Stub.Single.Header("OpenAI-Organization"));
    }

    [Fact]
    public async Task Send_ConfiguredApiKeyEnvironmentVariable_IsRead()
    {
        string variable = "APIAUTH_TEST_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, Key);
        try
        {
            using TestClient client = TestClient.OpenAI(configure: o => o.ApiKeyEnvironmentVariable = variable);

            using HttpResponseMessage response = await client.PostAsync(sync: false);

            Assert.Equal("Bearer " + Key, client.Stub.Single.Header("Authorization"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }
}
