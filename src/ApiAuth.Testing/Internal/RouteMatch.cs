namespace ApiAuth.Testing.Internal;

/// <summary>A matched route: the operation, the model or deployment named in the path, and the scope it needs.</summary>
/// <param name="Operation">The operation.</param>
/// <param name="RequiredScope">The scope the operation needs (see <see cref="EmulatorScopes"/>).</param>
/// <param name="PathModel">The model (Gemini) or deployment (Azure) named in the path, if any.</param>
/// <param name="PermissionDetail">Provider-specific detail for the insufficient-scope answer (Azure data action, Gemini RPC method).</param>
/// <param name="OperationTemplate">The route template, for Azure's PermissionDenied message.</param>
internal sealed record RouteMatch(
    EmulatedOperation Operation,
    string RequiredScope,
    string? PathModel = null,
    string? PermissionDetail = null,
    string? OperationTemplate = null);
