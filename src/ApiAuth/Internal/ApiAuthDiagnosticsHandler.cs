using System.Net;
using ApiAuth.Providers;
using Microsoft.Extensions.Logging;

namespace ApiAuth.Internal;

/// <summary>
/// The handler <c>AddApiAuthDiagnostics()</c> adds: resolve the profile, inspect the credential before
/// sending, pass successes through untouched, classify 400/401/403 answers into <see cref="AuthFailure"/>.
/// Both <see cref="Send"/> and <see cref="SendAsync"/> do the same, so the SDKs' synchronous methods are covered.
/// </summary>
internal sealed class ApiAuthDiagnosticsHandler : DelegatingHandler
{
    private readonly string _clientName;
    private readonly HandlerSettings _settings;
    private readonly ProviderRegistry _registry;
    private readonly PreSendInspector _inspector;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public ApiAuthDiagnosticsHandler(string clientName, HandlerSettings settings, ProviderRegistry registry, ClientState state, ILogger logger, TimeProvider time)
    {
        _clientName = clientName;
        _settings = settings;
        _registry = registry;
        _logger = logger;
        _time = time;
        _inspector = new PreSendInspector(clientName, settings, state, logger, time);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ProviderProfile profile = Profile(request);
        if (_inspector.Inspect(request, profile, out SentCredential sent) is { } refused)
        {
            throw new ApiAuthException(refused);
        }

        HttpResponseMessage response = base.Send(request, cancellationToken);
        if (!ErrorClassifier.IsInspected(response.StatusCode))
        {
            return response;
        }

        ErrorBody body = ErrorBodyReader.Read(response.Content, _settings.Options.MaxErrorBodyBytes, _settings.Options.ErrorBodyReadTimeout, _time, cancellationToken);
        return Conclude(request, response, profile, body, sent);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ProviderProfile profile = Profile(request);
        if (_inspector.Inspect(request, profile, out SentCredential sent) is { } refused)
        {
            return Task.FromException<HttpResponseMessage>(new ApiAuthException(refused));
        }

        Task<HttpResponseMessage> sending = base.SendAsync(request, cancellationToken);
        if (sending.IsCompletedSuccessfully && !ErrorClassifier.IsInspected(sending.Result.StatusCode))
        {
            return sending;
        }

        return AwaitAndInspectAsync(request, sending, profile, sent, cancellationToken);
    }

    private async Task<HttpResponseMessage> AwaitAndInspectAsync(HttpRequestMessage request, Task<HttpResponseMessage> sending, ProviderProfile profile, SentCredential sent, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await sending.ConfigureAwait(false);
        if (!ErrorClassifier.IsInspected(response.StatusCode))
        {
            return response;
        }

        ErrorBody body = await ErrorBodyReader.ReadAsync(response.Content, _settings.Options.MaxErrorBodyBytes, _settings.Options.ErrorBodyReadTimeout, _time, cancellationToken).ConfigureAwait(false);
        return Conclude(request, response, profile, body, sent);
    }

    private ProviderProfile Profile(HttpRequestMessage request)
    {
        if (_settings.FixedProfile is { } fixedProfile)
        {
            return fixedProfile;
        }

        return request.RequestUri is { IsAbsoluteUri: true } uri ? _registry.ForHost(uri.IdnHost) : BuiltInProfiles.Generic;
    }

    private HttpResponseMessage Conclude(HttpRequestMessage request, HttpResponseMessage response, ProviderProfile profile, ErrorBody body, in SentCredential sent)
    {
        int status = (int)response.StatusCode;
        if (body.Problem is not null)
        {
            Log.ErrorBodyIncomplete(_logger, _clientName, status, body.Length, body.Problem);
        }

        HttpContent original = response.Content;
        AuthFailure? failure;
        try
        {
            ReadOnlySpan<byte> utf8 = ErrorBodyDecoder.ToUtf8(body.Span, original.Headers.ContentEncoding, original.Headers.ContentType?.CharSet, _settings.Options.MaxErrorBodyBytes);
            failure = ErrorClassifier.Classify(profile, response, utf8, sent, request.RequestUri?.IdnHost);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // Classification must never take the request down: an unforeseen body is an unknown auth failure (401) or passes (400/403).
            failure = response.StatusCode == HttpStatusCode.Unauthorized
                ? new AuthFailure(AuthFailureCause.Unknown, profile.Id, Remediation.Render(profile, AuthFailureCause.Unknown, new RemediationContext { Host = request.RequestUri?.IdnHost, KeyHint = sent.Hint }))
                {
                    StatusCode = response.StatusCode,
                    RequestWasSent = true,
                    KeyHint = sent.Hint,
                    Host = request.RequestUri?.IdnHost,
                }
                : null;
        }

        if (failure is null)
        {
            response.Content = body.ToContent(original);
            Log.NotAnAuthFailure(_logger, _clientName, status);
            return response;
        }

        Log.ServerRejected(_logger, profile.DisplayName, _clientName, status, failure.Cause, failure.Remediation, failure.KeyHint, failure.ErrorCode, failure.RequestId);
        if (_settings.Options.ThrowOnFailure)
        {
            body.Remainder?.Dispose();
            response.Dispose();
            throw new ApiAuthException(failure);
        }

        response.Content = body.ToContent(original);
        request.Options.Set(RequestOptionKeys.Failure, failure);
        return response;
    }
}
