namespace ApiAuth.Testing.Internal;

/// <summary>OpenAI, and any OpenAI-compatible service, which answers the same way.</summary>
internal sealed class OpenAIBehavior : ProviderBehavior
{
    private const string InvalidRequest = "invalid_request_error";

    private readonly bool _compatible;

    public OpenAIBehavior(bool compatible) => _compatible = compatible;

    public override EmulatedProvider Provider => _compatible ? EmulatedProvider.OpenAICompatible : EmulatedProvider.OpenAI;

    public override string Id => _compatible ? "openai-compatible" : "openai";

    public override string DefaultBasePath => "/v1";

    public override Uri DefaultBaseAddress => _compatible ? new Uri("http://openai-compatible.emulator.test/") : new Uri("https://api.openai.com/");

    public override IReadOnlyList<string> DefaultModels { get; } = ["gpt-4o-mini", "gpt-4o", "text-embedding-3-small"];

    public override string? NewRequestId() => RequestIds.OpenAI();

    public override void AddCommonHeaders(EmulatorResponse response, string? requestId, EmulatorConfiguration configuration)
    {
        if (requestId is not null)
        {
            response.WithHeader("x-request-id", requestId);
        }
    }

    public override RouteMatch? MatchRoute(string method, string relativePath) => (method, relativePath) switch
    {
        ("GET", "/models") => new RouteMatch(EmulatedOperation.ListModels, EmulatorScopes.ModelsRead),
        ("POST", "/chat/completions") => new RouteMatch(EmulatedOperation.ChatCompletions, EmulatorScopes.ModelRequest),
        ("POST", "/embeddings") => new RouteMatch(EmulatedOperation.Embeddings, EmulatorScopes.ModelRequest),
        _ => null,
    };

    public override Credential? FindCredential(IncomingRequest request) => BearerCredential(request);

    public override EmulatedFailure? CheckRequest(IncomingRequest request, EmulatedKey key, EmulatorConfiguration configuration)
    {
        var organization = request.Header("OpenAI-Organization");
        if (!string.IsNullOrEmpty(organization))
        {
            if (!configuration.IsKnownOrganization(organization))
            {
                return EmulatedFailure.UnknownOrganization;
            }

            if (key.Organization is not null && !string.Equals(key.Organization, organization, StringComparison.Ordinal))
            {
                return EmulatedFailure.WrongOrganization;
            }
        }

        var project = request.Header("OpenAI-Project");
        if (!string.IsNullOrEmpty(project) && key.Project is not null && !string.Equals(key.Project, project, StringComparison.Ordinal))
        {
            return EmulatedFailure.WrongProject;
        }

        return null;
    }

    public override EmulatorResponse Failure(FailureContext context)
    {
        var (message, code) = context.Failure switch
        {
            EmulatedFailure.MissingKey or EmulatedFailure.WrongCredentialType => (OpenAIWire.MissingKeyMessage, (string?)null),
            EmulatedFailure.WrongOrganization => ("OpenAI-Organization header should match organization for API key", "mismatched_organization"),
            EmulatedFailure.UnknownOrganization => ("No such organization: " + (context.Request.Header("OpenAI-Organization") ?? string.Empty) + ".", "invalid_organization"),
            EmulatedFailure.WrongProject => ("OpenAI-Project header should match project for API key", "mismatched_project"),
            EmulatedFailure.InsufficientScope => (
                "You have insufficient permissions for this operation. Missing scopes: " + context.MissingScope + ". " +
                "Check that you have the correct role in your organization (Reader, Writer, Owner) and project (Member, Owner), " +
                "and if you're using a restricted API key, that it has the necessary scopes.",
                null),
            EmulatedFailure.AccountDisabled => (
                "This key is associated with a deactivated account. If you feel this is an error, contact us through our help center at help.openai.com.",
                "account_deactivated"),
            _ => (
                "Incorrect API key provided: " + KeyMasking.OpenAIStyle(context.Credential?.Value ?? string.Empty) +
                ". You can find your API key at https://platform.openai.com/account/api-keys.",
                "invalid_api_key"),
        };

        return new EmulatorResponse(401, JsonBody.ApplicationJson, OpenAIWire.Error(message, InvalidRequest, code));
    }

    public override EmulatorResponse NotFound(IncomingRequest request, string? requestId) =>
        new(404, JsonBody.ApplicationJson, OpenAIWire.Error("Invalid URL (" + request.Method + " " + request.Path + ")", InvalidRequest, null));

    public override EmulatorResponse InvalidBody(IncomingRequest request, string? requestId) =>
        new(400, JsonBody.ApplicationJson, OpenAIWire.Error(OpenAIWire.InvalidJsonMessage, InvalidRequest, null));

    public override EmulatorResponse Success(SuccessContext context)
    {
        var response = OpenAIWire.Operation(context, context.Configuration.EffectiveModels[0]);
        response.WithHeader("openai-organization", context.Key.Organization ?? "user-emulator")
            .WithHeader("openai-processing-ms", "42")
            .WithHeader("openai-version", "2020-10-01");
        if (context.Key.Project is not null)
        {
            response.WithHeader("openai-project", context.Key.Project);
        }

        return response;
    }
}
