namespace ApiAuth.Testing.Internal;

/// <summary>
/// The one request-processing core both transports share: a pure function from a configuration snapshot and a
/// request (plus the forced failure, request id and time chosen for it) to a response.
/// </summary>
internal static class EmulatorCore
{
    public static EmulatorResponse Evaluate(
        EmulatorConfiguration configuration,
        IncomingRequest request,
        EmulatedFailure? forcedFailure,
        string? requestId,
        DateTimeOffset now)
    {
        var behavior = configuration.Behavior;
        var relativePath = RelativePath(request.Path, configuration.BasePath);
        var route = relativePath is null ? null : behavior.MatchRoute(request.Method, relativePath);
        var credential = behavior.FindCredential(request);

        EmulatorResponse response;
        if (forcedFailure is { } forced)
        {
            response = Fail(forced, configuration, request, requestId, credential, route);
        }
        else if (route is null)
        {
            response = behavior.NotFound(request, requestId);
        }
        else
        {
            response = Answer(configuration, request, requestId, credential, route, now);
        }

        behavior.AddCommonHeaders(response, requestId, configuration);
        return response;
    }

    private static EmulatorResponse Answer(
        EmulatorConfiguration configuration,
        IncomingRequest request,
        string? requestId,
        Credential? credential,
        RouteMatch route,
        DateTimeOffset now)
    {
        var behavior = configuration.Behavior;
        if (credential is null)
        {
            return Fail(EmulatedFailure.MissingKey, configuration, request, requestId, credential, route);
        }

        if (behavior.CheckCredentialForm(credential, configuration) is { } formFailure)
        {
            return Fail(formFailure, configuration, request, requestId, credential, route);
        }

        if (!configuration.Keys.TryGetValue(credential.Value, out var key))
        {
            return Fail(EmulatedFailure.InvalidKey, configuration, request, requestId, credential, route);
        }

        if (StateFailure(key.State) is { } stateFailure)
        {
            return Fail(stateFailure, configuration, request, requestId, credential, route);
        }

        if (behavior.CheckRequest(request, key, configuration) is { } requestFailure)
        {
            return Fail(requestFailure, configuration, request, requestId, credential, route);
        }

        if (!key.HasScope(route.RequiredScope))
        {
            return Fail(EmulatedFailure.InsufficientScope, configuration, request, requestId, credential, route);
        }

        if (behavior.CheckRoute(request, route, configuration) is { } refusal)
        {
            return refusal;
        }

        var body = route.Operation == EmulatedOperation.ListModels ? RequestBody.None : RequestBody.Parse(request.Body);
        if (!body.IsValid)
        {
            return behavior.InvalidBody(request, requestId);
        }

        return behavior.Success(new SuccessContext(request, configuration, route, key, body, now));
    }

    private static EmulatorResponse Fail(
        EmulatedFailure failure,
        EmulatorConfiguration configuration,
        IncomingRequest request,
        string? requestId,
        Credential? credential,
        RouteMatch? route)
    {
        var response = configuration.Behavior.Failure(new FailureContext(failure, requestId, request, configuration, credential, route));
        response.Failure = failure;
        return response;
    }

    private static EmulatedFailure? StateFailure(EmulatedKeyState state) => state switch
    {
        EmulatedKeyState.Revoked => EmulatedFailure.RevokedKey,
        EmulatedKeyState.Expired => EmulatedFailure.ExpiredKey,
        EmulatedKeyState.AccountDisabled => EmulatedFailure.AccountDisabled,
        _ => null,
    };

    /// <summary>The path below the base path, without a trailing slash; null when the path is not under the base path.</summary>
    private static string? RelativePath(string path, string basePath)
    {
        string relative;
        if (basePath.Length == 0)
        {
            relative = path;
        }
        else if (path.StartsWith(basePath, StringComparison.Ordinal) && (path.Length == basePath.Length || path[basePath.Length] == '/'))
        {
            relative = path[basePath.Length..];
        }
        else
        {
            return null;
        }

        relative = relative.TrimEnd('/');
        return relative.Length == 0 ? "/" : relative;
    }
}
