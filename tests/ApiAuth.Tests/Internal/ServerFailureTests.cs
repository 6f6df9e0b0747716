using System.Net;
using System.Text;
using ApiAuth.Tests.TestDoubles;
using Microsoft.Extensions.Logging;

namespace ApiAuth.Tests.Internal;

/// <summary>OpenAI's auth failure answers, classified on both doors; non-auth errors and successes pass through untouched.</summary>
public sealed class ServerFailureTests
{
    private static readonly string Key = TestKeys.OpenAIProject();

    private static string OpenAIError(string message, string? code, string type = "invalid_request_error") =>
        $$"""
        {
          "error": {
            "message": "{{message}}",
            "type": "{{type}}",
            "param": null,
            "code": {{(code is null ? "null" : "\"" + code + "\"")}}
          }
        }
        """;

    public static TheoryData<int, string, AuthFailureCause, bool> OpenAIFailures()
    {
        var data = new TheoryData<int, string, AuthFailureCause, bool>();
        foreach (bool sync in new[] { false, true })
        {
            data.Add(new TheoryDataRow<int, string, AuthFailureCause, bool>(401, OpenAIError("Incorrect API key provided: sk-proj-********************************************WXyz. You can find your API key at https://platform.openai.com/account/api-keys.", "invalid_api_key"), AuthFailureCause.InvalidKey, sync) { Label = "incorrect key" });
            data.Add(new TheoryDataRow<int, string, AuthFailureCause, bool>(401, OpenAIError("You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.", null), AuthFailureCause.MissingKey, sync) { Label = "no key" });
            data.Add(new TheoryDataRow<int, string, AuthFailureCause, bool>(401, OpenAIError("OpenAI-Organization header should match organization for API key", "mismatched_organization"), AuthFailureCause.WrongOrganization, sync) { Label = "mismatched organization" });
            data.Add(new TheoryDataRow<int, string, AuthFailureCause, bool>(401, OpenAIError("No such organization: org-abc123.", "invalid_organization"), AuthFailureCause.WrongOrganization, sync) { Label = "no such organization" });
            data.Add(new TheoryDataRow<int, string, AuthFailureCause, bool>(401, OpenAIError("You must be a member of an organization to use the API. Please contact us through our help center at help.openai.com.", "no_organization"), AuthFailureCause.WrongOrganization, sync) { Label = "not a member of an organization" });
            data.Add(new TheoryDataRow<int, string, AuthFailureCause, bool>(401, OpenAIError("OpenAI-Project header should match project for API key", "mismatched_project"), AuthFailureCause.WrongProject, sync) { Label = "mismatched project" });
            data.Add(new TheoryDataRow<int, string, AuthFailureCause, bool>(401, OpenAIError("This key is associated with a deactivated account. If you feel this is an error, contact us through our help center at help.openai.com.", "account_deactivated"), AuthFailureCause.AccountDisabled, sync) { Label = "deactivated account" });
            data.Add(new TheoryDataRow<int, string, AuthFailureCause, bool>(401, OpenAIError("You have insufficient permissions for this operation. Missing scopes: model.request. Check that you have the correct role in your organization (Reader, Writer, Owner) and project (Member, Owner), and if you're using a restricted API key, that it has the necessary scopes.", null), AuthFailureCause.InsufficientPermissions, sync) { Label = "missing scopes" });
            data.Add(new TheoryDataRow<int, string, AuthFailureCause, bool>(403, OpenAIError("You have insufficient permissions for this operation. Missing scopes: api.model.read.", null), AuthFailureCause.InsufficientPermissions, sync) { Label = "restricted key 403" });
            data.Add(new TheoryDataRow<int, string, AuthFailureCause, bool>(401, OpenAIError("Your authentication token is not from a valid issuer.", "invalid_issuer"), AuthFailureCause.WrongProviderKey, sync) { Label = "invalid issuer" });
            data.Add(new TheoryDataRow<int, string, AuthFailureCause, bool>(401, OpenAIError("Incorrect API key provided: sk-ant-ap*****************************************************************************************************AA. You can find your API key at https://platform.openai.com/account/api-keys.", "invalid_api_key"), AuthFailureCause.WrongProviderKey, sync) { Label = "echoed Anthropic key" });
            data.Add(new TheoryDataRow<int, string, AuthFailureCause, bool>(401, OpenAIError("Incorrect API key provided: undefined. You can find your API key at https://platform.openai.com/account/api-keys.", "invalid_api_key"), AuthFailureCause.PlaceholderKey, sync) { Label = "echoed undefined" });
            data.Add(new TheoryDataRow<int, string, AuthFailureCause, bool>(401, "<html><head><title>401 Authorization Required</title></head><body><center><h1>401 Authorization Required</h1></center><hr><center>nginx</center></body></html>", AuthFailureCause.Unknown, sync) { Label = "unknown 401 html" });
            data.Add(new TheoryDataRow<int, string, AuthFailureCause, bool>(401, string.Empty, AuthFailureCause.Unknown, sync) { Label = "empty 401" });
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OpenAIFailures))]
    public async Task Send_OpenAIAuthFailure_ThrowsTypedFailure(int status, string body, AuthFailureCause expected, bool sync)
    {
        using TestClient client = TestClient.OpenAI((HttpStatusCode)status, body, headers: ("x-request-id", "req_0123456789abcdef0123456789abcdef"));

        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.PostAsync(sync, "Bearer " + Key, ("OpenAI-Organization", "org-abc123")));

        Assert.Equal(expected, e.Failure.Cause);
        Assert.True(e.Failure.RequestWasSent);
        Assert.Equal((HttpStatusCode)status, e.Failure.StatusCode);
        Assert.Equal((HttpStatusCode)status, e.StatusCode);
        Assert.Equal("req_0123456789abcdef0123456789abcdef", e.Failure.RequestId);
        Assert.Equal("openai", e.Failure.Provider);
        Assert.Equal("api.openai.com", e.Failure.Host);
        Assert.Equal(KeyHintOf(Key), e.Failure.KeyHint);
        Assert.Contains(e.Failure.Remediation, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, e.ToString(), StringComparison.Ordinal);
        Assert.Contains(client.Logs.GetSnapshot(), r => r.Level == LogLevel.Error && r.Id.Id == 3);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_InvalidKey_RemediationNamesVariableHintAndDashboard(bool sync)
    {
        using TestClient client = TestClient.OpenAI(HttpStatusCode.Unauthorized, OpenAIError("Incorrect API key provided: sk-proj-****WXyz.", "invalid_api_key"));

        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.PostAsync(sync, "Bearer " + Key));

        Assert.Contains("OPENAI_API_KEY", e.Failure.Remediation, StringComparison.Ordinal);
        Assert.Contains(KeyHintOf(Key), e.Failure.Remediation, StringComparison.Ordinal);
        Assert.Contains("platform.openai.com", e.Failure.Remediation, StringComparison.Ordinal);
        Assert.Equal("invalid_api_key", e.Failure.ErrorCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_WrongOrganization_RemediationNamesTheOrganizationSent(bool sync)
    {
        using TestClient client = TestClient.OpenAI(HttpStatusCode.Unauthorized, OpenAIError("OpenAI-Organization header should match organization for API key", "mismatched_organization"));

        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.PostAsync(sync, "Bearer " + Key, ("OpenAI-Organization", "org-sent123")));

        Assert.Contains("org-sent123", e.Failure.Remediation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_ServerEchoesWholeKey_MessageIsRedacted(bool sync)
    {
        using TestClient client = TestClient.OpenAI(HttpStatusCode.Unauthorized, OpenAIError("Incorrect API key provided: " + Key + ". Partial: " + Key[20..40] + ".", "invalid_api_key"));

        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.PostAsync(sync, "Bearer " + Key));

        Assert.NotNull(e.Failure.ServerMessage);
        Assert.DoesNotContain(Key, e.Failure.ServerMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(Key[20..40], e.Failure.ServerMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(Key[20..40], e.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Key[20..40], client.AllLogText(), StringComparison.Ordinal);
    }

    public static TheoryData<int, string, bool> NonAuthErrors()
    {
        var data = new TheoryData<int, string, bool>();
        foreach (bool sync in new[] { false, true })
        {
            data.Add(403, OpenAIError("Country, region, or territory not supported", "unsupported_country_region_territory", "request_forbidden"), sync);
            data.Add(400, OpenAIError("This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens.", "context_length_exceeded"), sync);
            data.Add(400, OpenAIError("'messages' is a required property", null), sync);
            data.Add(429, OpenAIError("You exceeded your current quota, please check your plan and billing details.", "insufficient_quota", "insufficient_quota"), sync);
            data.Add(404, OpenAIError("The model `gpt-9` does not exist or you do not have access to it.", "model_not_found"), sync);
            data.Add(500, "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}", sync);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NonAuthErrors))]
    public async Task Send_NonAuthError_PassesThroughWithBodyReadable(int status, string body, bool sync)
    {
        using TestClient client = TestClient.OpenAI((HttpStatusCode)status, body);

        using HttpResponseMessage response = await client.PostAsync(sync, "Bearer " + Key);

        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.TryGetAuthFailure(out _));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_ThrowOnFailureFalse_ReturnsResponseWithFailureAndReadableBody(bool sync)
    {
        string body = OpenAIError("Incorrect API key provided: sk-proj-****WXyz.", "invalid_api_key");
        using TestClient client = TestClient.OpenAI(HttpStatusCode.Unauthorized, body, o => o.ThrowOnFailure = false);

        using HttpResponseMessage response = await client.PostAsync(sync, "Bearer " + Key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
        Assert.True(response.TryGetAuthFailure(out AuthFailure? failure));
        Assert.Equal(AuthFailureCause.InvalidKey, failure.Cause);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_Success_ReturnsTheSameContentInstanceUnbuffered(bool sync)
    {
        var stream = new NonSeekableStream(Encoding.UTF8.GetBytes("data: {\"choices\":[]}\n\ndata: [DONE]\n\n"));
        var content = new StreamContent(stream);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/event-stream");
        using var client = new TestClient(new RecordingHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = content }));
        var request = new HttpRequestMessage(HttpMethod.Post, "chat/completions");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Key);

        using HttpResponseMessage response = sync
            ? client.Client.Send(request, HttpCompletionOption.ResponseHeadersRead)
            : await client.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        Assert.Same(content, response.Content);
        Assert.Equal(0, stream.BytesRead);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_LargeErrorBody_ReadsAtMostTheCap(bool sync)
    {
        var stream = new NonSeekableStream(Encoding.UTF8.GetBytes("{\"error\":{\"message\":\"Incorrect API key provided\",\"code\":\"invalid_api_key\",\"pad\":\"" + new string('x', 200_000) + "\"}}"));
        using var client = new TestClient(new RecordingHandler(_ => new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = new StreamContent(stream) }), o => o.MaxErrorBodyBytes = 4096);

        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.PostAsync(sync, "Bearer " + Key));

        Assert.Equal(AuthFailureCause.InvalidKey, e.Failure.Cause);
        Assert.True(stream.BytesRead <= 4096, $"read {stream.BytesRead} bytes");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_LargeNonAuthBody_PassesThroughWhole(bool sync)
    {
        string body = "{\"error\":{\"message\":\"bad request\",\"pad\":\"" + new string('y', 100_000) + "\"}}";
        var stream = new NonSeekableStream(Encoding.UTF8.GetBytes(body));
        using var client = new TestClient(new RecordingHandler(_ => new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StreamContent(stream) }), o => o.MaxErrorBodyBytes = 1024);

        using HttpResponseMessage response = await client.PostAsync(sync, "Bearer " + Key);

        Assert.Equal(body, await response.Content.ReadAsStringAsync());
    }

    [Fact(Timeout = 60_000)]
    public async Task SendAsync_CallerCancelsWhileErrorBodyTrickles_IsCancelledPromptly()
    {
        var slow = new TricklingStream();
        using var client = new TestClient(new RecordingHandler(_ => new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = new StreamContent(slow) }));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromMilliseconds(300));
        var request = new HttpRequestMessage(HttpMethod.Post, "chat/completions");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Key);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Client.SendAsync(request, cts.Token));

        // The trickle's next byte is 30 s away: the bound tells "at the cancellation" from "at the body" with room for a loaded machine.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}");
    }

    [Theory(Timeout = 60_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_ErrorBodyNeverCompletes_ClassifiesWhatArrivedAfterReadTimeout(bool sync)
    {
        var slow = new TricklingStream(prefix: "{\"error\":{\"code\":\"invalid_api_key\",\"message\":\"Incorrect API key provided\"");
        using var client = new TestClient(new RecordingHandler(_ => new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = new StreamContent(slow) }), o => o.ErrorBodyReadTimeout = TimeSpan.FromMilliseconds(200));

        ApiAuthException e = await Assert.ThrowsAsync<ApiAuthException>(() => client.PostAsync(sync, "Bearer " + Key).WaitAsync(TestContext.Current.CancellationToken));

        Assert.Equal(AuthFailureCause.InvalidKey, e.Failure.Cause);
    }

    private static string KeyHintOf(string key) => "sk-proj-\u2026" + key[^4..];

    /// <summary>A stream that counts what was read and cannot seek, like a network body.</summary>
    private sealed class NonSeekableStream(byte[] data) : Stream
    {
        private int _position;

        public int BytesRead => _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(count, data.Length - _position);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A body that sends a prefix, then one byte every few seconds, forever.</summary>
    private sealed class TricklingStream(string prefix = "") : Stream
    {
        private readonly byte[] _prefix = Encoding.UTF8.GetBytes(prefix);
        private readonly ManualResetEventSlim _closed = new();
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position < _prefix.Length)
            {
                int n = Math.Min(count, _prefix.Length - _position);
                Array.Copy(_prefix, _position, buffer, offset, n);
                _position += n;
                return n;
            }

            // Like a socket: a blocked read returns only when data arrives or the stream is closed.
            if (_closed.Wait(TimeSpan.FromSeconds(30)))
            {
                throw new ObjectDisposedException(nameof(TricklingStream));
            }

            buffer[offset] = (byte)' ';
            return 1;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position < _prefix.Length)
            {
                int n = Math.Min(buffer.Length, _prefix.Length - _position);
                _prefix.AsMemory(_position, n).CopyTo(buffer);
                _position += n;
                return n;
            }

            await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
            buffer.Span[0] = (byte)' ';
            return 1;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            _closed.Set();
            base.Dispose(disposing);
        }
    }
}
