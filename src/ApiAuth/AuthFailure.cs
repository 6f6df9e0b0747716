using System.Globalization;
using System.Net;
using System.Text;
using ApiAuth.Internal;
using ApiAuth.Providers;

namespace ApiAuth;

/// <summary>
/// A diagnosed authentication failure: what went wrong, why, and what to do about it.
/// It never holds the credential itself, only <see cref="KeyHint"/>.
/// </summary>
public sealed class AuthFailure
{
    private readonly ProviderProfile? _profile;
    private readonly RemediationContext? _context;
    private readonly string? _template;
    private string? _remediation;

    /// <summary>Initializes a new instance of the <see cref="AuthFailure"/> class.</summary>
    /// <param name="cause">The diagnosed cause.</param>
    /// <param name="provider">The provider profile id (for example <c>openai</c>).</param>
    /// <param name="remediation">The one thing to do next, specific to this failure.</param>
    /// <exception cref="ArgumentNullException"><paramref name="provider"/> or <paramref name="remediation"/> is <see langword="null"/>.</exception>
    public AuthFailure(AuthFailureCause cause, string provider, string remediation)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(remediation);
        Cause = cause;
        Provider = provider;
        _remediation = remediation;
    }

    /// <summary>
    /// Initializes a new instance of the <see cref="AuthFailure"/> class whose remediation is rendered on first read: a failure
    /// handed back with <c>ThrowOnFailure = false</c> and never logged costs no remediation text. The parts are the ones an
    /// eager rendering would use (a template and safe facts: host, key hint, redacted ids and details), so the text read is the
    /// same whenever it is read.
    /// </summary>
    /// <param name="cause">The diagnosed cause.</param>
    /// <param name="profile">The profile whose remediation is rendered.</param>
    /// <param name="context">The facts the template names (none of them a secret).</param>
    /// <param name="template">The template, or <see langword="null"/> for the profile's own for the cause.</param>
    internal AuthFailure(AuthFailureCause cause, ProviderProfile profile, RemediationContext context, string? template)
    {
        Cause = cause;
        Provider = profile.Id;
        _profile = profile;
        _context = context;
        _template = template;
    }

    /// <summary>Gets the diagnosed cause.</summary>
    public AuthFailureCause Cause { get; }

    /// <summary>Gets the remediation: the specific next step (which variable to set, which id to compare, which host was used).</summary>
    public string Remediation => _remediation ??= Internal.Remediation.Render(_profile!, Cause, _context!, _template);

    /// <summary>Gets the provider profile id that diagnosed the failure (<c>openai</c>, <c>anthropic</c>, <c>generic</c> …).</summary>
    public string Provider { get; }

    /// <summary>Gets the HTTP status code the server answered with, or <see langword="null"/> when the request was refused before it was sent.</summary>
    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>Gets a value indicating whether any byte of the request left the machine.</summary>
    public bool RequestWasSent { get; init; }

    /// <summary>Gets the server's error code (or type) when it gave one, for example <c>invalid_api_key</c>.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Gets the server's error message, with any echo of the credential redacted to the key hint.</summary>
    public string? ServerMessage { get; init; }

    /// <summary>Gets a hint identifying the credential: at most its public prefix and last four characters (for example <c>sk-proj-…Wx9z</c>).</summary>
    public string? KeyHint { get; init; }

    /// <summary>Gets the request id the provider assigned (from its header or body), to quote to its support.</summary>
    public string? RequestId { get; init; }

    /// <summary>Gets the host the request was addressed to.</summary>
    public string? Host { get; init; }

    /// <summary>Gets a short description of the cause in words.</summary>
    public string Description => AuthFailureText.Describe(Cause);

    /// <summary>Returns a one-paragraph, secret-free description of the failure with its details.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder(256);
        sb.Append(Cause.ToString()).Append(": ").Append(Description).Append(". ").Append(Remediation);
        AppendDetails(sb);
        return sb.ToString();
    }

    internal void AppendDetails(StringBuilder sb)
    {
        sb.Append(" (provider: ").Append(Provider);
        if (Host is not null)
        {
            sb.Append(", host: ").Append(Host);
        }

        if (StatusCode is { } status)
        {
            sb.Append(", status: ").Append(((int)status).ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            sb.Append(", not sent");
        }

        if (ErrorCode is not null)
        {
            sb.Append(", code: ").Append(ErrorCode);
        }

        if (KeyHint is not null)
        {
            sb.Append(", key: ").Append(KeyHint);
        }

        if (RequestId is not null)
        {
            sb.Append(", request id: ").Append(RequestId);
        }

        sb.Append(')');
    }
}
