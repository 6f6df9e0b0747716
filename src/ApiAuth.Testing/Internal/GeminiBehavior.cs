using System.Text.Json;

namespace ApiAuth.Testing.Internal;

/// <summary>The Gemini API: <c>x-goog-api-key</c> or <c>?key=</c>, google.rpc.Status error bodies.</summary>
internal sealed class GeminiBehavior : ProviderBehavior
{
    private const string Service = "generativelanguage.googleapis.com";
    private const string RpcPrefix = "google.ai.generativelanguage.v1beta.";
    private const string JsonUtf8 = "application/json; charset=UTF-8";
    private const string Consumer = "projects/123456789012";

    private const string InvalidKeyMessage = "API key not valid. Please pass a valid API key.";
    private const string ExpiredKeyMessage = "API key expired. Please renew the API key.";
    private const string UnregisteredMessage =
        "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.";
    private const string UnauthenticatedMessage =
        "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. " +
        "See https://developers.google.com/identity/sign-in/web/devconsole-project.";

    public override EmulatedProvider Provider => EmulatedProvider.Gemini;

    public override string Id => "gemini";

    public override string DefaultBasePath => "/v1beta";

    public override Uri DefaultBaseAddress { get; } = new("https://generativelanguage.googleapis.com/");

    public override IReadOnlyList<string> DefaultModels { get; } = ["gemini-2.5-flash", "gemini-2.0-flash"];

    public override string? NewRequestId() => null;

    public override void AddCommonHeaders(EmulatorResponse response, string? requestId, EmulatorConfiguration configuration)
    {
        response.WithHeader("server", "scaffolding on HTTPServer2")
            .WithHeader("vary", "Origin, X-Origin, Referer")
            .WithHeader("x-content-type-options", "nosniff");
    }

    public override RouteMatch? MatchRoute(string method, string relativePath)
    {
        if (string.Equals(method, "GET", StringComparison.Ordinal) && string.Equals(relativePath, "/models", StringComparison.Ordinal))
        {
            return new RouteMatch(EmulatedOperation.ListModels, EmulatorScopes.ModelsRead, null, "ModelService.ListModels");
        }

        const string prefix = "/models/";
        if (!string.Equals(method, "POST", StringComparison.Ordinal) || !relativePath.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = relativePath[prefix.Length..];
        var colon = rest.LastIndexOf(':');
        if (colon <= 0)
        {
            return null;
        }

        var model = rest[..colon];
        return rest[(colon + 1)..] switch
        {
            "generateContent" => new RouteMatch(EmulatedOperation.GenerateContent, EmulatorScopes.ModelRequest, model, "GenerativeService.GenerateContent"),
            "streamGenerateContent" => new RouteMatch(EmulatedOperation.StreamGenerateContent, EmulatorScopes.ModelRequest, model, "GenerativeService.StreamGenerateContent"),
            _ => null,
        };
    }

    public override Credential? FindCredential(IncomingRequest request)
    {
        var header = HeaderCredential(request, "x-goog-api-key");
        if (header is not null)
        {
            return header;
        }

        var query = request.QueryValue("key");
        return !string.IsNullOrEmpty(query) ? new Credential(query, CredentialSource.QueryParameter) : BearerCredential(request);
    }

    public override EmulatedFailure? CheckCredentialForm(Credential credential, EmulatorConfiguration configuration) =>
        credential.Source == CredentialSource.AuthorizationBearer ? EmulatedFailure.WrongCredentialType : null;

    public override EmulatorResponse Failure(FailureContext context)
    {
        var method = RpcPrefix + (context.Route?.PermissionDetail ?? "GenerativeService.GenerateContent");
        return context.Failure switch
        {
            EmulatedFailure.MissingKey => Status(403, "PERMISSION_DENIED", UnregisteredMessage, null),
            EmulatedFailure.WrongCredentialType => Status(401, "UNAUTHENTICATED", UnauthenticatedMessage, ("ACCESS_TOKEN_TYPE_UNSUPPORTED", [("method", method), ("service", Service)])),
            EmulatedFailure.ExpiredKey => Status(400, "INVALID_ARGUMENT", ExpiredKeyMessage, ("API_KEY_INVALID", [("service", Service)])),
            EmulatedFailure.InsufficientScope => Status(
                403,
                "PERMISSION_DENIED",
                "Requests to this API " + Service + " method " + method + " are blocked.",
                ("API_KEY_SERVICE_BLOCKED", [("methodName", method), ("consumer", Consumer), ("service", Service)])),
            EmulatedFailure.AccountDisabled => Status(
                403,
                "PERMISSION_DENIED",
                "Permission denied: Consumer 'api_key:" + (context.Credential?.Value ?? string.Empty) + "' has been suspended.",
                ("CONSUMER_SUSPENDED", [("consumer", Consumer), ("service", Service)])),
            _ => Status(400, "INVALID_ARGUMENT", InvalidKeyMessage, ("API_KEY_INVALID", [("service", Service)])),
        };
    }

    public override EmulatorResponse NotFound(IncomingRequest request, string? requestId) =>
        Status(404, "NOT_FOUND", "Method not found.", null);

    public override EmulatorResponse InvalidBody(IncomingRequest request, string? requestId) =>
        Status(400, "INVALID_ARGUMENT", "Invalid JSON payload received. Unexpected token.", null);

    public override EmulatorResponse Success(SuccessContext context)
    {
        var model = context.Route.PathModel ?? context.Configuration.EffectiveModels[0];
        switch (context.Route.Operation)
        {
            case EmulatedOperation.ListModels:
                return new EmulatorResponse(200, JsonUtf8, ModelsList(context.Configuration.EffectiveModels));
            case EmulatedOperation.StreamGenerateContent:
                var pieces = context.TextPieces();
                var chunks = new List<byte[]>();
                for (var i = 0; i < pieces.Length; i++)
                {
                    chunks.Add(Candidate(context, model, pieces[i], last: i == pieces.Length - 1));
                }

                if (string.Equals(context.Request.QueryValue("alt"), "sse", StringComparison.Ordinal))
                {
                    return new EmulatorResponse(200, "text/event-stream", chunks.ConvertAll(c => JsonBody.SseEvent(null, c, "\r\n\r\n")));
                }

                var array = new List<byte> { (byte)'[' };
                for (var i = 0; i < chunks.Count; i++)
                {
                    if (i > 0)
                    {
                        array.AddRange(",\r\n"u8.ToArray());
                    }

                    array.AddRange(chunks[i]);
                }

                array.Add((byte)']');
                return new EmulatorResponse(200, JsonUtf8, array.ToArray());
            default:
                return new EmulatorResponse(200, JsonUtf8, Candidate(context, model, context.Configuration.CompletionText, last: true));
        }
    }

    private static EmulatorResponse Status(int code, string status, string message, (string Reason, (string Key, string Value)[] Metadata)? errorInfo) =>
        new(code, JsonUtf8, JsonBody.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteNumber("code", code);
            w.WriteString("message", message);
            w.WriteString("status", status);
            if (errorInfo is { } info)
            {
                w.WriteStartArray("details");
                w.WriteStartObject();
                w.WriteString("@type", "type.googleapis.com/google.rpc.ErrorInfo");
                w.WriteString("reason", info.Reason);
                w.WriteString("domain", "googleapis.com");
                w.WriteStartObject("metadata");
                foreach (var (key, value) in info.Metadata)
                {
                    w.WriteString(key, value);
                }

                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteStartObject();
                w.WriteString("@type", "type.googleapis.com/google.rpc.LocalizedMessage");
                w.WriteString("locale", "en-US");
                w.WriteString("message", message);
                w.WriteEndObject();
                w.WriteEndArray();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }));

    private static byte[] ModelsList(IReadOnlyList<string> models) => JsonBody.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("models");
        foreach (var model in models)
        {
            w.WriteStartObject();
            w.WriteString("name", "models/" + model);
            w.WriteString("version", "001");
            w.WriteString("displayName", model);
            w.WriteStartArray("supportedGenerationMethods");
            w.WriteStringValue("generateContent");
            w.WriteStringValue("countTokens");
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static byte[] Candidate(SuccessContext context, string model, string text, bool last) => JsonBody.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("candidates");
        w.WriteStartObject();
        w.WriteStartObject("content");
        w.WriteStartArray("parts");
        w.WriteStartObject();
        w.WriteString("text", text);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("role", "model");
        w.WriteEndObject();
        if (last)
        {
            w.WriteString("finishReason", "STOP");
        }

        w.WriteNumber("index", 0);
        w.WriteEndObject();
        w.WriteEndArray();
        WriteUsage(w, context, last);
        w.WriteString("modelVersion", model);
        w.WriteEndObject();
    });

    private static void WriteUsage(Utf8JsonWriter w, SuccessContext context, bool last)
    {
        w.WriteStartObject("usageMetadata");
        w.WriteNumber("promptTokenCount", context.PromptTokens);
        if (last)
        {
            w.WriteNumber("candidatesTokenCount", context.CompletionTokens);
            w.WriteNumber("totalTokenCount", context.PromptTokens + context.CompletionTokens);
        }
        else
        {
            w.WriteNumber("totalTokenCount", context.PromptTokens);
        }

        w.WriteEndObject();
    }
}
