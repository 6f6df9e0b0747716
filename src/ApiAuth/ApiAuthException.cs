using System.Text;

namespace ApiAuth;

/// <summary>
/// The exception thrown when a request's credential is refused before sending, or the server
/// rejects it. <see cref="Failure"/> carries the typed diagnosis.
/// </summary>
public sealed class ApiAuthException : HttpRequestException
{
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
        : base(BuildMessage(failure), innerException, failure?.StatusCode)
    {
        Failure = failure!;
    }

    /// <summary>Gets the diagnosed failure.</summary>
    public AuthFailure Failure { get; }

    private static string BuildMessage(AuthFailure? failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var sb = new StringBuilder(320);
        sb.Append(failure.RequestWasSent ? "The server rejected the credential: " : "ApiAuth refused to send the request: ")
          .Append(failure.Description)
          .Append(" [").Append(failure.Cause.ToString()).Append("]. ")
          .Append(failure.Remediation);
        failure.AppendDetails(sb);
        return sb.ToString();
    }
}
