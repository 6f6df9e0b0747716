using Microsoft.Extensions.Logging;

namespace ApiAuth.Internal;

/// <summary>
/// Every log message ApiAuth writes. Messages carry facts about a credential (provider, key hint,
/// what was repaired), never its value and never a raw body. Event ids are fixed and documented in the README.
/// </summary>
internal static partial class Log
{
    /// <summary>Event id 1.</summary>
    [LoggerMessage(1, LogLevel.Warning, "ApiAuth repaired the credential of client '{ClientName}' for {Provider} (key {KeyHint}): {Repairs}. The request was sent repaired; fix the source of the value. This warning is logged once per client and repair.")]
    public static partial void CredentialRepaired(ILogger logger, string clientName, string provider, string keyHint, string repairs);

    /// <summary>Event id 2.</summary>
    [LoggerMessage(2, LogLevel.Error, "ApiAuth refused to send a request of client '{ClientName}' to {Host}: {Cause}. {Remediation} Key: {KeyHint}.")]
    public static partial void RequestRefused(ILogger logger, string clientName, string? host, AuthFailureCause cause, string remediation, string? keyHint);

    /// <summary>Event id 3.</summary>
    [LoggerMessage(3, LogLevel.Error, "{Provider} rejected the credential of client '{ClientName}' with {StatusCode}: {Cause}. {Remediation} Key: {KeyHint}. Server code: {ErrorCode}. Request id: {RequestId}.")]
    public static partial void ServerRejected(ILogger logger, string provider, string clientName, int statusCode, AuthFailureCause cause, string remediation, string? keyHint, string? errorCode, string? requestId);

    /// <summary>Event id 4.</summary>
    [LoggerMessage(4, LogLevel.Debug, "ApiAuth passed a {StatusCode} response of client '{ClientName}' through untouched: it is not about authentication.")]
    public static partial void NotAnAuthFailure(ILogger logger, string clientName, int statusCode);

    /// <summary>Event id 5.</summary>
    [LoggerMessage(5, LogLevel.Warning, "ApiAuth could read only {BytesRead} bytes of the {StatusCode} error body of client '{ClientName}' ({Reason}); it classified what it had.")]
    public static partial void ErrorBodyIncomplete(ILogger logger, string clientName, int statusCode, int bytesRead, string reason);

    /// <summary>Event id 6.</summary>
    [LoggerMessage(6, LogLevel.Warning, "ApiAuth found the {Provider} key of client '{ClientName}' in the header {Header}, which {Provider} does not read, and moved it to {ProviderHeader}.")]
    public static partial void KeyMoved(ILogger logger, string clientName, string provider, string header, string providerHeader);

    // Event id 7 (RepeatRefused) is retired: ApiAuth no longer answers a request from memory. Do not reuse it.

    /// <summary>Event id 8.</summary>
    [LoggerMessage(8, LogLevel.Information, "ApiAuth followed a {StatusCode} redirect of client '{ClientName}' from {FromHost} to {ToHost}, another origin, without the credential.")]
    public static partial void RedirectWithoutCredential(ILogger logger, string clientName, int statusCode, string fromHost, string toHost);

    /// <summary>Event id 9.</summary>
    [LoggerMessage(9, LogLevel.Warning, "ApiAuth sent the credential of client '{ClientName}' (key {KeyHint}) over plain http to {Host}, a host on your own network (a private or link-local address, or a single-label name such as a docker service): anyone who can watch that network can read it. Use https, or set AllowInsecureHttp to accept this. This warning is logged once per client.")]
    public static partial void PlainHttpToOwnNetwork(ILogger logger, string clientName, string host, string keyHint);
}
