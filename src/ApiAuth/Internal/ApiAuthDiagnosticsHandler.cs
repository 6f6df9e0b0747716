using System.Net;
using System.Runtime.CompilerServices;
using ApiAuth.Providers;
using Microsoft.Extensions.Logging;

namespace ApiAuth.Internal;

/// <summary>
/// The handler <c>AddApiAuthDiagnostics()</c> adds (ARCHITECTURE.md): inspect the request with the credential policy and
/// apply its rewrites, or refuse it; pass successes through untouched; follow redirects without carrying a credential across
/// origins; classify 400/401/403 answers into <see cref="AuthFailure"/>. The inspection made before sending is carried, as one
/// <see cref="Exchange"/>, through every later step. Both <see cref="Send"/> and <see cref="SendAsync"/> do the same, so the
/// SDKs' synchronous methods are covered.
/// </summary>
internal sealed class ApiAuthDiagnosticsHandler : DelegatingHandler
{
    private static readonly HttpRequestOptionsKey<bool> Retried = new("ApiAuth.RotationRetried");

    private readonly string _clientName;
    private readonly ClientState _state;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ApiAuthMetrics _metrics;
    private readonly RedirectFollower _redirects;

    public ApiAuthDiagnosticsHandler(string clientName, ClientState state, ProviderRegistry registry, ILogger logger, TimeProvider time, ApiAuthMetrics metrics)
    {
        _clientName = clientName;
        _state = state;
        _logger = logger;
        _time = time;
        _metrics = metrics;
        _redirects = new RedirectFollower(clientName, state.Redirects, logger, registry, base.Send, base.SendAsync);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HandlerSettings settings = Inspect(request, out Inspection inspection);
        if (inspection.Refusal is { } refused)
        {
            throw new ApiAuthException(refused);
        }

        HttpResponseMessage response = base.Send(request, cancellationToken);
        return NeedsAttention(response) ? AfterSend(inspection, settings, request, response, cancellationToken) : response;
    }

    /// <summary>
    /// The synchronous door's redirect or inspected answer. Not inlined into <see cref="Send"/>: the body read, classification
    /// and retry would otherwise widen the frame every successful request zeroes.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private HttpResponseMessage AfterSend(in Inspection inspection, HandlerSettings settings, HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var exchange = new Exchange(request, inspection.Profile, inspection.Sent, settings);
        if (RedirectFollower.IsRedirect(response.StatusCode) && _state.Redirects.FollowsRedirects)
        {
            (response, bool dropped) = _redirects.Follow(request, response, exchange.Sent.HeaderValue, cancellationToken);
            if (dropped)
            {
                exchange = exchange.WithSent(default);
            }
        }

        if (!ErrorClassifier.IsInspected(response.StatusCode))
        {
            return response;
        }

        ErrorBody body = ErrorBodyReader.Read(response.Content, settings.Options.MaxErrorBodyBytes, settings.Options.ErrorBodyReadTimeout, _time, cancellationToken);
        AuthFailure? failure = Classify(exchange, response, body);
        if (failure is not null && TryPrepareRotationRetry(exchange, response, body, failure))
        {
            return Send(request, cancellationToken);
        }

        return Conclude(exchange, response, body, failure);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HandlerSettings settings = Inspect(request, out Inspection inspection);
        if (inspection.Refusal is { } refused)
        {
            return Task.FromException<HttpResponseMessage>(new ApiAuthException(refused));
        }

        Task<HttpResponseMessage> sending = base.SendAsync(request, cancellationToken);
        if (sending.IsCompletedSuccessfully)
        {
            HttpResponseMessage done = sending.Result;
            return NeedsAttention(done) ? Attend(inspection, settings, request, done, cancellationToken) : sending;
        }

        return Await(inspection, settings, request, sending, cancellationToken);
    }

    /// <summary>
    /// The asynchronous door's answer that needs attention, as an <see cref="Exchange"/>. Not inlined: what was sent is copied
    /// into an exchange only here, so the clean request's frame holds no exchange to zero (issue 15).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private Task<HttpResponseMessage> Attend(in Inspection inspection, HandlerSettings settings, HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken) =>
        AfterSendAsync(new Exchange(request, inspection.Profile, inspection.Sent, settings), response, cancellationToken);

    /// <summary>The asynchronous door's answer still to come (a real transport): awaited with what was sent. Not inlined, as above.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private Task<HttpResponseMessage> Await(in Inspection inspection, HandlerSettings settings, HttpRequestMessage request, Task<HttpResponseMessage> sending, CancellationToken cancellationToken) =>
        AwaitAsync(new Exchange(request, inspection.Profile, inspection.Sent, settings), sending, cancellationToken);

    /// <summary>
    /// Inspects the request with the credential policy, into the caller's <paramref name="inspection"/>; when it may be sent,
    /// applies the policy's rewrites and reports its repairs; when it may not, reports the refusal (once for an SDK's immediate
    /// retries of it). What was sent becomes an <see cref="Exchange"/> only if the answer needs attention.
    /// </summary>
    /// <returns>The settings the request was inspected with (carried with what was sent).</returns>
    private HandlerSettings Inspect(HttpRequestMessage request, out Inspection inspection)
    {
        ClientSnapshot snapshot = _state.Current;
        HandlerSettings settings = snapshot.Settings;
        CredentialPolicy.Inspect(request, snapshot.ProfileFor(request.RequestUri), settings, _time, snapshot.Caches, out inspection);
        if (inspection.Refusal is { } refused)
        {
            ReportRefusal(refused);
        }
        else if (inspection.Rewrites.Count > 0 || inspection.OwnNetworkPlainHttp)
        {
            ApplyAndReport(inspection, snapshot, request);
        }

        return settings;
    }

    // The two methods below are not inlined into the success path: their logging would widen the frame every clean request zeroes.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ReportRefusal(AuthFailure refusal)
    {
        if (_state.Warnings.ShouldLogRefusal(refusal, _time.GetUtcNow()))
        {
            Log.RequestRefused(_logger, _clientName, refusal.Host, refusal.Cause, refusal.Remediation, refusal.KeyHint);
        }

        _metrics.Failure(refusal);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ApplyAndReport(in Inspection inspection, ClientSnapshot snapshot, HttpRequestMessage request)
    {
        inspection.ApplyTo(request);
        Report(inspection, snapshot, request);
    }

    private void Report(in Inspection inspection, ClientSnapshot snapshot, HttpRequestMessage request)
    {
        ProviderProfile profile = inspection.Profile;
        if (inspection.MovedFrom is { } moved && _state.Warnings.FirstTime(CredentialRepairs.MovedToProviderHeader) != CredentialRepairs.None)
        {
            Log.KeyMoved(_logger, _clientName, profile.DisplayName, moved, profile.KeyHeader);
        }

        if (inspection.Repairs != CredentialRepairs.None)
        {
            _metrics.Repaired(profile.Id, inspection.Repairs);
            CredentialRepairs fresh = _state.Warnings.FirstTime(inspection.Repairs);
            if (fresh != CredentialRepairs.None)
            {
                Log.CredentialRepaired(_logger, _clientName, profile.DisplayName, inspection.Sent.Hint ?? "(none)", RepairText.Describe(fresh));
            }
        }

        if (inspection.OwnNetworkPlainHttp && snapshot.FirstOwnNetworkWarning())
        {
            Log.PlainHttpToOwnNetwork(_logger, _clientName, request.RequestUri!.IdnHost, inspection.Sent.Hint ?? "(none)");
        }
    }

    private bool NeedsAttention(HttpResponseMessage response) =>
        RedirectFollower.IsRedirect(response.StatusCode) && _state.Redirects.FollowsRedirects || ErrorClassifier.IsInspected(response.StatusCode);

    /// <summary>The success path over a real socket: the only allocation is this method's state machine.</summary>
    private async Task<HttpResponseMessage> AwaitAsync(Exchange exchange, Task<HttpResponseMessage> sending, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await sending.ConfigureAwait(false);
        return NeedsAttention(response)
            ? await AfterSendAsync(exchange, response, cancellationToken).ConfigureAwait(false)
            : response;
    }

    /// <summary>A redirect to follow or an answer to inspect, with what was sent carried from the inspection.</summary>
    private async Task<HttpResponseMessage> AfterSendAsync(Exchange exchange, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (RedirectFollower.IsRedirect(response.StatusCode) && _state.Redirects.FollowsRedirects)
        {
            (response, bool dropped) = await _redirects.FollowAsync(exchange.Request, response, exchange.Sent.HeaderValue, cancellationToken).ConfigureAwait(false);
            if (dropped)
            {
                exchange = exchange.WithSent(default);
            }

            if (!ErrorClassifier.IsInspected(response.StatusCode))
            {
                return response;
            }
        }

        HandlerSettings settings = exchange.Settings;
        ErrorBody body = await ErrorBodyReader.ReadAsync(response.Content, settings.Options.MaxErrorBodyBytes, settings.Options.ErrorBodyReadTimeout, _time, cancellationToken).ConfigureAwait(false);
        AuthFailure? failure = Classify(exchange, response, body);
        if (failure is not null && TryPrepareRotationRetry(exchange, response, body, failure))
        {
            return await SendAsync(exchange.Request, cancellationToken).ConfigureAwait(false);
        }

        return Conclude(exchange, response, body, failure);
    }

    private AuthFailure? Classify(in Exchange exchange, HttpResponseMessage response, ErrorBody body)
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
        ProviderProfile profile = exchange.Profile;
        SentCredential sent = exchange.Sent;
        if (sent.HeaderValue is { } value && IsBareScheme(value))
        {
            // "Authorization: Bearer" with nothing after it (HTTP trims the space): a scheme, not a key. Sent as written to a
            // service without a profile; when the server answers, it is read as what it is: no key.
            sent = default;
        }

        if (sent.HeaderValue is null)
        {
            // A header the catalog does not know, whose name says it holds a key (a service no profile describes), on the
            // message that got this answer: after a redirect, the last hop, which may carry less than the caller's request.
            CredentialLocator.TryFindByHeaderName(response.RequestMessage ?? exchange.Request, ref sent);
        }

        string? host = exchange.Host;
        try
        {
            ReadOnlySpan<byte> utf8 = ErrorBodyDecoder.ToUtf8(body.Span, ResponseHeaderView.ContentEncoding(original), ResponseHeaderView.ContentType(original)?.CharSet, exchange.Settings.Options.MaxErrorBodyBytes);
            return ErrorClassifier.Classify(profile, response, utf8, sent, new RequestSummary(exchange.Request.RequestUri, host, _time.GetUtcNow()), EchoFor(sent));
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
    /// The echo matcher for the key that was sent, kept per client next to the other memo of that key: a client that keeps
    /// failing with the same key (a revoked key, retried) builds the key's hash index once, not on every failure.
    /// </summary>
    private KeyEchoMatcher? EchoFor(in SentCredential sent)
    {
        if (sent.HeaderValue is null || sent.IsBasic)
        {
            return null;
        }

        CredentialCache cache = _state.Current.Caches.Credentials;
        KeyEchoMatcher? kept = cache.LastEcho;
        if (ErrorClassifier.IsFor(kept, sent))
        {
            return kept;
        }

        KeyEchoMatcher? built = KeyEchoMatcher.For(sent.KeyString);
        cache.LastEcho = built;
        return built;
    }

    /// <summary>
    /// A 401 on a request that carried the key ApiAuth supplied, when that key has since been rotated: retry once with the
    /// new key, if the request can be replayed (no content, or content already in memory). Never loops.
    /// </summary>
    private bool TryPrepareRotationRetry(in Exchange exchange, HttpResponseMessage response, ErrorBody body, AuthFailure failure)
    {
        HttpRequestMessage request = exchange.Request;
        SentCredential sent = exchange.Sent;
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
        request.Headers.Remove(exchange.Profile.KeyHeader);
        body.Remainder?.Dispose();
        response.Dispose();
        _metrics.Retried(exchange.Profile.Id);
        return true;
    }

    private static bool IsBareScheme(string value)
    {
        ReadOnlySpan<char> trimmed = value.AsSpan().Trim();
        return trimmed.Equals("Bearer", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("Basic", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("Token", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsReplayable(HttpContent? content) =>
        content is null or ByteArrayContent or ReadOnlyMemoryContent;

    private HttpResponseMessage Conclude(in Exchange exchange, HttpResponseMessage response, ErrorBody body, AuthFailure? failure)
    {
        int status = (int)response.StatusCode;
        HttpContent original = response.Content;
        if (failure is null)
        {
            response.Content = body.ToContent(original);
            Log.NotAnAuthFailure(_logger, _clientName, status);
            return response;
        }

        if (_logger.IsEnabled(LogLevel.Error))
        {
            // Asked first: reading the remediation renders it, and a failure nobody logs or reads needs none.
            Log.ServerRejected(_logger, exchange.Profile.DisplayName, _clientName, status, failure.Cause, failure.Remediation, failure.KeyHint, failure.ErrorCode, failure.RequestId);
        }

        _metrics.Failure(failure);
        if (exchange.Settings.Options.ThrowOnFailure)
        {
            body.Remainder?.Dispose();
            response.Dispose();
            throw new ApiAuthException(failure);
        }

        response.Content = body.ToContent(original);
        exchange.Request.Options.Set(RequestOptionKeys.Failure, failure);
        return response;
    }
}
