using ApiAuth.Providers;

namespace ApiAuth.Internal;

/// <summary>Builds the failures found before sending, the same way for the handler and the offline checks.</summary>
internal static class FailureFactory
{
    public static AuthFailure BeforeSend(ProviderProfile profile, AuthFailureCause cause, string? keyHint, string? detail, string? host, string? header = null, string? organization = null, string? project = null)
    {
        var context = new RemediationContext
        {
            Host = host,
            KeyHint = keyHint,
            Detail = detail,
            Header = header,
            Organization = organization,
            Project = project,
        };
        return new AuthFailure(cause, profile.Id, Remediation.Render(profile, cause, context))
        {
            RequestWasSent = false,
            KeyHint = keyHint,
            Host = host,
        };
    }
}
