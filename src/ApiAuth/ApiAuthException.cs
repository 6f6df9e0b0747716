using System.Text;

namespace ApiAuth;

/// <summary>
/// The exception thrown when a request's credential is refused before sending, or the server
/// rejects it. <see cref="Failure"/> carries the typed diagnosis.
/// </summary>
/// <remarks>
/// It derives from <see cref="Exception"/> on purpose, not from <see cref="HttpRequestException"/> or
/// <see cref="IOException"/>: retry policies (System.ClientModel's <c>ClientRetryPolicy</c>,
/// Microsoft.Extensions.Http.Resilience, Polly's usual handling) treat those as transient and retry them, and an
/// authentication failure is not transient. SDKs that wrap handler exceptions still carry it as an inner exception;
/// <see cref="AuthFailureExtensions.TryGetAuthFailure(Exception, out AuthFailure)"/> finds it there.
/// </remarks>
public sealed class ApiAuthException : Exception
{
    private string? _message;

    /// <summary>Initializes a new instance of the <see cref="ApiAuthException"/> class.</summary>
    /// <param name="failure">The diagnosed failure.</param>
    /// <exception cref="ArgumentNullException"><paramref name="failure"/> is <see langword="null"/>.</exception>
    public ApiAuthException(AuthFailure failure)
        : this(failure, innerException: null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ApiAuthException"/> class.</summary>
    /// <param name="failure">The diagnosed failure.</param>
    /// <param name="innerException">The exception that caused this one, if any.</param>
    /// <exception cref="ArgumentNullException"><paramref name="failure"/> is <see langword="null"/>.</exception>
    public ApiAuthException(AuthFailure failure, Exception? innerException)
        : base(null, innerException)
    {
        ArgumentNullException.ThrowIfNull(failure);
        Failure = failure;
    }

    /// <summary>Gets the diagnosed failure.</summary>
    public AuthFailure Failure { get; }

    /// <summary>Gets the message: the failure in one sentence, its remediation and its details (never the credential).</summary>
    /// <remarks>Built on first read, not when the exception is thrown: a caller that catches it and reads <see cref="Failure"/> pays nothing for the text.</remarks>
    public override string Message => _message ??= BuildMessage(Failure);

    /// <summary>Gets the HTTP status the server answered with, or <see langword="null"/> when the request was refused before sending.</summary>
    public System.Net.HttpStatusCode? StatusCode => Failure.StatusCode;

    private static string BuildMessage(AuthFailure failure)
    {
        var sb = new StringBuilder(320);
        sb.Append(failure.RequestWasSent ? "The server rejected the credential: " : "ApiAuth refused to send the request: ")
          .Append(failure.Description)
          .Append(" [").Append(failure.Cause.ToString()).Append("]. ")
          .Append(failure.Remediation);
        failure.AppendDetails(sb);
        return sb.ToString();
    }
}
