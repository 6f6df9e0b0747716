namespace ApiAuth.IntegrationTests.NotTransient;

/// <summary>Where <c>AddStandardResilienceHandler()</c> is registered relative to the <see cref="Stage"/>.</summary>
public enum Resilience
{
    /// <summary>No resilience handler.</summary>
    None,

    /// <summary>Registered before <c>AddApiAuthDiagnostics()</c>: the resilience handler is outside ApiAuth and sees what it throws.</summary>
    BeforeApiAuth,

    /// <summary>Registered after <c>AddApiAuthDiagnostics()</c>: the resilience handler is inside ApiAuth and sees the server's response.</summary>
    AfterApiAuth,
}
