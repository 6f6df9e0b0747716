namespace ApiAuth.Hardening.Tests.Redirects;

/// <summary>One redirect scenario: the pipeline, the redirect, the credentials the request carries, the door.</summary>
/// <param name="Shape">How the client pipeline is built.</param>
/// <param name="Code">The redirect status the origin answers.</param>
/// <param name="CrossOrigin">Whether the redirect goes to the other origin (another port) or stays.</param>
/// <param name="Carriers">The credentials the request carries (at most one from options).</param>
/// <param name="Sync">Whether the call goes through <c>Send</c> (else <c>SendAsync</c>).</param>
/// <param name="Post">Whether the request is a POST with a body (else a GET).</param>
/// <param name="LandingStatus">What the landing page answers: 200, or 503 to make a resilience handler retry.</param>
public sealed record RedirectCase(RedirectPipelineShape Shape, int Code, bool CrossOrigin, IReadOnlyList<CredentialCarrier> Carriers, bool Sync, bool Post, int LandingStatus)
{
    public override string ToString() =>
        $"{(Sync ? "Send" : "SendAsync")} {(Post ? "POST" : "GET")} {Code} {(CrossOrigin ? "cross-origin" : "same-origin")} landing {LandingStatus}; {Shape}; carriers [{string.Join(", ", Carriers)}]";
}
