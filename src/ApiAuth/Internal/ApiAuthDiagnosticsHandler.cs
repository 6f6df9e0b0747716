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
    private static readonly HttpRequestOptionsKey<bool> Retried = new("ApiAuth.RotationRetried");

    private readonly string _clientName;
    private readonly ClientState _state;
    private readonly ProviderRegistry _registry;
    private readonly PreSendInspector _inspector;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ApiAuthMetrics _metrics;
    private readonly RedirectFollower _redirects;

    public ApiAuthDiagnosticsHandler(string clientName, ClientState state, ProviderRegistry registry, ILogger logger, TimeProvider time, ApiAuthMetrics metrics)
    {
        _clientName = clientName;
        _state = state;
        _registry = registry;
        _logger = logger;
        _time = time;
        _metrics = metrics;
        _inspector = new PreSendInspector(clientName, state, logger, time, metrics);
        _redirects = new RedirectFollower(clientName, state, logger, registry, base.Send, base.SendAsync);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HandlerSettings settings = _state.Settings;
        ProviderProfile profile = Profile(request, settings);
        if (_inspector.Inspect(request, profile, out SentCredential sent) is { } refused)
        {
            throw new ApiAuthException(refused);
        }

        HttpResponseMessage response = base.Send(request, cancellationToken);
        if (RedirectFollower.IsRedirect(response.StatusCode) && _state.FollowsRedirects)
        {
            (response, bool dropped) = _redirects.Follow(request, response, sent.HeaderValue, cancellationToken);
            if (dropped)
            {
                sent = default;
            }
        }

        if (!ErrorClassifier.IsInspected(response.StatusCode))
        {
            return response;
        }

        ErrorBody body = ErrorBodyReader.Read(response.Content, settings.Options.MaxErrorBodyBytes, settings.Options.ErrorBodyReadTimeout, _time, cancellationToken);
        AuthFailure? failure = Classify(request, response, profile, body, sent, settings);
        if (failure is not null && TryPrepareRotationRetry(request, response, body, failure, sent, profile))
        {
            return Send(request, cancellationToken);
        }

        return Conclude(request, response, profile, body, failure, settings, sent);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HandlerSettings settings = _state.Settings;
        ProviderProfile profile = Profile(request, settings);
        if (_inspector.Inspect(request, profile, out SentCredential sent) is { } refused)
        {
            return Task.FromException<HttpResponseMessage>(new ApiAuthException(refused));
        }

        Task<HttpResponseMessage> sending = base.SendAsync(request, cancellationToken);
        if (sending.IsCompletedSuccessfully)
        {
            HttpResponseMessage done = sending.Result;
            if (RedirectFollower.IsRedirect(done.StatusCode) && _state.FollowsRedirects)
            {
                return AfterAwaitAsync(request, done, cancellationToken);
            }

            return ErrorClassifier.IsInspected(done.StatusCode) ? InspectFailureAsync(request, done, profile, sent, settings, cancellationToken) : sending;
        }

        return AwaitAsync(request, sending, cancellationToken);
    }

    /// <summary>
    /// The success path over a real socket: the only allocation is this method's small state machine (it captures the
    /// request, the send and the token); what the failure path needs is recomputed from the request on failure.
    /// </summary>
    private async Task<HttpResponseMessage> AwaitAsync(HttpRequestMessage request, Task<HttpResponseMessage> sending, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await sending.ConfigureAwait(false);
        return RedirectFollower.IsRedirect(response.StatusCode) && _state.FollowsRedirects || ErrorClassifier.IsInspected(response.StatusCode)
            ? await AfterAwaitAsync(request, response, cancellationToken).ConfigureAwait(false)
            : response;
    }

    /// <summary>A redirect to follow or an answer to inspect, after an awaited send: what was sent is read back from the request, once.</summary>
    private async Task<HttpResponseMessage> AfterAwaitAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        HandlerSettings settings = _state.Settings;
        ProviderProfile profile = Profile(request, settings);
        SentCredential sent = PreSendInspector.SentFrom(request, profile);
        return RedirectFollower.IsRedirect(response.StatusCode) && _state.FollowsRedirects
            ? await AfterRedirectAsync(request, response, profile, sent, settings, cancellationToken).ConfigureAwait(false)
            : await InspectFailureAsync(request, response, profile, sent, settings, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> AfterRedirectAsync(HttpRequestMessage request, HttpResponseMessage response, ProviderProfile profile, SentCredential sent, HandlerSettings settings, CancellationToken cancellationToken)
    {
        (response, bool dropped) = await _redirects.FollowAsync(request, response, sent.HeaderValue, cancellationToken).ConfigureAwait(false);
        if (dropped)
        {
            sent = default;
        }

        return ErrorClassifier.IsInspected(response.StatusCode)
            ? await InspectFailureAsync(request, response, profile, sent, settings, cancellationToken).ConfigureAwait(false)
            : response;
    }

    private async Task<HttpResponseMessage> InspectFailureAsync(HttpRequestMessage request, HttpResponseMessage response, ProviderProfile profile, SentCredential sent, HandlerSettings settings, CancellationToken cancellationToken)
    {
        ErrorBody body = await ErrorBodyReader.ReadAsync(response.Content, settings.Options.MaxErrorBodyBytes, settings.Options.ErrorBodyReadTimeout, _time, cancellationToken).ConfigureAwait(false);
        AuthFailure? failure = Classify(request, response, profile, body, sent, settings);
        if (failure is not null && TryPrepareRotationRetry(request, response, body, failure, sent, profile))
        {
            return await SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        return Conclude(request, response, profile, body, failure, settings, sent);
    }

    private ProviderProfile Profile(HttpRequestMessage request, HandlerSettings settings)
    {
        if (settings.FixedProfile is { } fixedProfile)
        {
            return fixedProfile;
        }

        if (request.RequestUri is not { IsAbsoluteUri: true } uri)
        {
            return BuiltInProfiles.Generic;
        }

        string host = uri.IdnHost;
        HostProfile? last = _state.LastHost;
        if (last is not null && string.Equals(last.Host, host, StringComparison.Ordinal))
        {
            return last.Profile;
        }

        ProviderProfile profile = settings.ProfileForHost(host) ?? _registry.ForHost(host);
        _state.LastHost = new HostProfile(host, profile);
        return profile;
    }

    private AuthFailure? Classify(HttpRequestMessage request, HttpResponseMessage response, ProviderProfile profile, ErrorBody body, in SentCredential sent, HandlerSettings settings)
    {
        if (body.Cancelled)
        {
            // Cancelled while ApiAuth read the body: the caller (or HttpClient's buffering) meets the cancellation on the
            // response, exactly as without ApiAuth, whose response was already returned by then.
            return null;
        }

        if (body.Problem is not null)
        {
            Log.ErrorBodyIncomplete(_logger, _clientName, (int)response.StatusCode, body.Length, body.Problem);
        }

        HttpContent original = response.Content;
        string? host = request.RequestUri is { IsAbsoluteUri: true } uri ? uri.IdnHost : null;
        try
        {
            ReadOnlySpan<byte> utf8 = ErrorBodyDecoder.ToUtf8(body.Span, original.Headers.ContentEncoding, original.Headers.ContentType?.CharSet, settings.Options.MaxErrorBodyBytes);
            return ErrorClassifier.Classify(profile, response, utf8, sent, host);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // Classification must never take the request down: an unforeseen body is an unknown auth failure (401) or passes (400/403).
            return response.StatusCode == HttpStatusCode.Unauthorized
                ? new AuthFailure(AuthFailureCause.Unknown, profile.Id, Remediation.Render(profile, AuthFailureCause.Unknown, new RemediationContext { Host = host, KeyHint = sent.Hint }))
                {
                    StatusCode = response.StatusCode,
                    RequestWasSent = true,
                    KeyHint = sent.Hint,
                    Host = host,
                }
                : null;
        }
    }

    /// <summary>
    /// A 401 on a request that carried the key ApiAuth supplied, when that key has since been rotated: retry once with the
    /// new key, if the request can be replayed (no content, or content already in memory). Never loops.
    /// </summary>
    private bool TryPrepareRotationRetry(HttpRequestMessage request, HttpResponseMessage response, ErrorBody body, AuthFailure failure, in SentCredential sent, ProviderProfile profile)
    {
        if (failure.Cause is not (AuthFailureCause.InvalidKey or AuthFailureCause.ExpiredCredential)
            || sent.HeaderValue is null
            || request.Options.TryGetValue(Retried, out bool already) && already
            || !IsReplayable(request.Content))
        {
            return false;
        }

        // Retry only a key ApiAuth itself supplied from options, which has been replaced since.
        HandlerSettings current = _state.Settings;
        ReadOnlySpan<char> used = sent.Key;
        string? suppliedKey = sent.ConfiguredBy?.ConfiguredKey?.Key ?? _state.PreviousSettings?.ConfiguredKey?.Key;
        if (current.ConfiguredKey is not { } newKey
            || used.SequenceEqual(newKey.Key)
            || suppliedKey is null
            || !used.SequenceEqual(suppliedKey))
        {
            return false;
        }

        request.Options.Set(Retried, true);
        request.Headers.Remove(profile.KeyHeader);
        body.Remainder?.Dispose();
        response.Dispose();
        _metrics.Retried(profile.Id);
        return true;
    }

    private static bool IsReplayable(HttpContent? content) =>
        content is null or ByteArrayContent or ReadOnlyMemoryContent;

    private HttpResponseMessage Conclude(HttpRequestMessage request, HttpResponseMessage response, ProviderProfile profile, ErrorBody body, AuthFailure? failure, HandlerSettings settings, in SentCredential sent)
    {
        int status = (int)response.StatusCode;
        HttpContent original = response.Content;
        if (failure is null)
        {
            response.Content = body.ToContent(original);
            Log.NotAnAuthFailure(_logger, _clientName, status);
            return response;
        }

        Log.ServerRejected(_logger, profile.DisplayName, _clientName, status, failure.Cause, failure.Remediation, failure.KeyHint, failure.ErrorCode, failure.RequestId);
        _metrics.Failure(failure);
        if (settings.Options.ThrowOnFailure)
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
