using System.Security.Cryptography;
using System.Text;

namespace ApiAuth.Testing.Internal;

/// <summary>Azure OpenAI: <c>api-key</c> (or <c>Ocp-Apim-Subscription-Key</c>) or a Microsoft Entra bearer token.</summary>
internal sealed class AzureOpenAIBehavior : ProviderBehavior
{
    private const string MissingKeyMessage =
        "Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.";

    private const string InvalidKeyMessage =
        "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active " +
        "subscription and use a correct regional API endpoint for your resource.";

    private const string InvalidTokenMessage =
        "Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired.";

    private const string DeploymentNotFoundMessage =
        "The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.";

    private const string ChatAction = "Microsoft.CognitiveServices/accounts/OpenAI/deployments/chat/completions/action";
    private const string EmbeddingsAction = "Microsoft.CognitiveServices/accounts/OpenAI/deployments/embeddings/action";
    private const string ModelsAction = "Microsoft.CognitiveServices/accounts/OpenAI/models/read";

    public override EmulatedProvider Provider => EmulatedProvider.AzureOpenAI;

    public override string Id => "azure-openai";

    public override string DefaultBasePath => "/openai";

    public override Uri DefaultBaseAddress { get; } = new("https://emulated-resource.openai.azure.com/");

    public override IReadOnlyList<string> DefaultModels { get; } = ["gpt-4o-mini", "gpt-4o", "text-embedding-3-small"];

    public override string? NewRequestId() => RequestIds.Azure();

    public override void AddCommonHeaders(EmulatorResponse response, string? requestId, EmulatorConfiguration configuration)
    {
        if (requestId is not null)
        {
            response.WithHeader("apim-request-id", requestId);
        }

        response.WithHeader("x-ms-region", "East US");
    }

    public override RouteMatch? MatchRoute(string method, string relativePath)
    {
        switch (method, relativePath)
        {
            case ("GET", "/models"):
                return new RouteMatch(EmulatedOperation.ListModels, EmulatorScopes.ModelsRead, null, ModelsAction, "GET /openai/models");
            case ("GET", "/v1/models"):
                return new RouteMatch(EmulatedOperation.ListModels, EmulatorScopes.ModelsRead, null, ModelsAction, "GET /openai/v1/models");
            case ("POST", "/v1/chat/completions"):
                return new RouteMatch(EmulatedOperation.ChatCompletions, EmulatorScopes.ModelRequest, null, ChatAction, "POST /openai/v1/chat/completions");
            case ("POST", "/v1/embeddings"):
                return new RouteMatch(EmulatedOperation.Embeddings, EmulatorScopes.ModelRequest, null, EmbeddingsAction, "POST /openai/v1/embeddings");
        }

        const string prefix = "/deployments/";
        if (!string.Equals(method, "POST", StringComparison.Ordinal) || !relativePath.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = relativePath[prefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return null;
        }

        var deployment = rest[..slash];
        return rest[slash..] switch
        {
            "/chat/completions" => new RouteMatch(EmulatedOperation.ChatCompletions, EmulatorScopes.ModelRequest, deployment, ChatAction, "POST /openai/deployments/{deployment-id}/chat/completions"),
            "/embeddings" => new RouteMatch(EmulatedOperation.Embeddings, EmulatorScopes.ModelRequest, deployment, EmbeddingsAction, "POST /openai/deployments/{deployment-id}/embeddings"),
            _ => null,
        };
    }

    public override Credential? FindCredential(IncomingRequest request) =>
        HeaderCredential(request, "api-key") ?? HeaderCredential(request, "Ocp-Apim-Subscription-Key") ?? BearerCredential(request);

    public override EmulatedFailure? CheckCredentialForm(Credential credential, EmulatorConfiguration configuration) =>
        configuration.KeyAuthenticationDisabled && credential.Source == CredentialSource.ApiKeyHeader ? EmulatedFailure.KeyAuthenticationDisabled : null;

    public override EmulatorResponse? CheckRoute(IncomingRequest request, RouteMatch route, EmulatorConfiguration configuration)
    {
        var needsApiVersion = route.OperationTemplate is { } template && !template.Contains("/v1/", StringComparison.Ordinal);
        if (needsApiVersion && string.IsNullOrEmpty(request.QueryValue("api-version")))
        {
            return NotFound(request, null);
        }

        if (route.PathModel is { } deployment && !configuration.Deployments.IsEmpty && !configuration.Deployments.Contains(deployment))
        {
            return new EmulatorResponse(404, JsonBody.ApplicationJson, Error("DeploymentNotFound", DeploymentNotFoundMessage));
        }

        return null;
    }

    public override EmulatorResponse Failure(FailureContext context)
    {
        var bearer = context.Credential?.Source == CredentialSource.AuthorizationBearer;
        return context.Failure switch
        {
            EmulatedFailure.MissingKey or EmulatedFailure.WrongCredentialType =>
                new EmulatorResponse(401, JsonBody.ApplicationJson, Error("401", MissingKeyMessage)),
            EmulatedFailure.KeyAuthenticationDisabled =>
                new EmulatorResponse(403, JsonBody.ApplicationJson, Error("AuthenticationTypeDisabled", "Key based authentication is disabled for this resource.")),
            EmulatedFailure.InsufficientScope =>
                new EmulatorResponse(403, JsonBody.ApplicationJson, Error(
                    "PermissionDenied",
                    "The principal `" + PrincipalId(context.Credential) + "` lacks the required data action `" +
                    (context.Route?.PermissionDetail ?? ChatAction) + "` to perform `" +
                    (context.Route?.OperationTemplate ?? "POST /openai/deployments/{deployment-id}/chat/completions") + "` operation.")),
            _ => new EmulatorResponse(401, JsonBody.ApplicationJson, Error("401", bearer ? InvalidTokenMessage : InvalidKeyMessage)),
        };
    }

    public override EmulatorResponse NotFound(IncomingRequest request, string? requestId) =>
        new(404, JsonBody.ApplicationJson, Error("404", "Resource not found"));

    public override EmulatorResponse InvalidBody(IncomingRequest request, string? requestId) =>
        new(400, JsonBody.ApplicationJson, OpenAIWire.Error(OpenAIWire.InvalidJsonMessage, "invalid_request_error", null));

    public override EmulatorResponse Success(SuccessContext context) =>
        OpenAIWire.Operation(context, context.Route.PathModel ?? context.Configuration.EffectiveModels[0]);

    private static byte[] Error(string code, string message) => JsonBody.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteString("code", code);
        w.WriteString("message", message);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    /// <summary>A stable, non-secret object id for the caller: a GUID made from a hash of the credential.</summary>
    private static string PrincipalId(Credential? credential)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(credential?.Value ?? string.Empty));
        return new Guid(hash.AsSpan(0, 16)).ToString("D");
    }
}
