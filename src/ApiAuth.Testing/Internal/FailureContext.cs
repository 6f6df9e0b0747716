namespace ApiAuth.Testing.Internal;

/// <summary>Everything a provider needs to word a failure.</summary>
internal sealed record FailureContext(
    EmulatedFailure Failure,
    string? RequestId,
    IncomingRequest Request,
    EmulatorConfiguration Configuration,
    Credential? Credential,
    RouteMatch? Route)
{
    public string MissingScope => Route?.RequiredScope ?? EmulatorScopes.ModelRequest;
}
