namespace ApiAuth.Internal;

/// <summary>The cause of a failure in words, as a tired developer reads it.</summary>
internal static class AuthFailureText
{
    public static string Describe(AuthFailureCause cause) => cause switch
    {
        AuthFailureCause.MissingKey => "no API key was sent",
        AuthFailureCause.PlaceholderKey => "the API key is a placeholder, not a real key",
        AuthFailureCause.MalformedKey => "the API key contains characters no key has",
        AuthFailureCause.WrongProviderKey => "the API key belongs to another service",
        AuthFailureCause.MalformedAuthorizationHeader => "the Authorization header is not in the form the provider reads",
        AuthFailureCause.WrongHeaderName => "the API key is in a header the provider does not read",
        AuthFailureCause.InvalidKey => "the API key is incorrect or revoked",
        AuthFailureCause.ExpiredCredential => "the credential has expired",
        AuthFailureCause.WrongOrganization => "the organization does not match the key",
        AuthFailureCause.WrongProject => "the project does not match the key",
        AuthFailureCause.AccountDisabled => "the account behind the key is disabled",
        AuthFailureCause.InsufficientPermissions => "the key lacks permission for this operation",
        AuthFailureCause.WrongEndpoint => "the request is going to the wrong endpoint for this credential",
        _ => "the server refused the credential without saying why",
    };
}
