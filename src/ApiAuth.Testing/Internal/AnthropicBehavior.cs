using System.Text.Json;

namespace ApiAuth.Testing.Internal;

/// <summary>Anthropic: <c>x-api-key</c> (or a bearer token) and a required <c>anthropic-version</c> header.</summary>
internal sealed class AnthropicBehavior : ProviderBehavior
{
    private const string EventStream = "text/event-stream; charset=utf-8";

    public override EmulatedProvider Provider => EmulatedProvider.Anthropic;

    public override string Id => "anthropic";

    public override string DefaultBasePath => "/v1";

    public override Uri DefaultBaseAddress { get; } = new("https://api.anthropic.com/");

    public override IReadOnlyList<string> DefaultModels { get; } = ["claude-sonnet-4-5", "claude-haiku-4-5"];

    public override string? NewRequestId() => RequestIds.Anthropic();

    public override void AddCommonHeaders(EmulatorResponse response, string? requestId, EmulatorConfiguration configuration)
    {
        if (requestId is not null)
        {
            response.WithHeader("request-id", requestId);
        }
    }

    public override RouteMatch? MatchRoute(string method, string relativePath) => (method, relativePath) switch
    {
        ("GET", "/models") => new RouteMatch(EmulatedOperation.ListModels, EmulatorScopes.ModelsRead),
        ("POST", "/messages") => new RouteMatch(EmulatedOperation.Messages, EmulatorScopes.ModelRequest),
        _ => null,
    };

    public override Credential? FindCredential(IncomingRequest request) =>
        HeaderCredential(request, "x-api-key") ?? BearerCredential(request);

    public override EmulatedFailure? CheckRequest(IncomingRequest request, EmulatedKey key, EmulatorConfiguration configuration) =>
        string.IsNullOrEmpty(request.Header("anthropic-version")) ? EmulatedFailure.MissingVersionHeader : null;

    public override EmulatorResponse Failure(FailureContext context)
    {
        var (status, type, message) = context.Failure switch
        {
            EmulatedFailure.MissingKey or EmulatedFailure.WrongCredentialType => (401, "authentication_error", "x-api-key header is required"),
            EmulatedFailure.InsufficientScope => (403, "permission_error", "Your API key does not have permission to use the specified resource."),
            EmulatedFailure.AccountDisabled => (400, "invalid_request_error", "This organization has been disabled."),
            EmulatedFailure.MissingVersionHeader => (400, "invalid_request_error", "anthropic-version: header is required"),
            _ => (401, "authentication_error", "invalid x-api-key"),
        };

        return new EmulatorResponse(status, JsonBody.ApplicationJson, Error(type, message, context.RequestId))
            .WithHeader("x-should-retry", "false");
    }

    public override EmulatorResponse NotFound(IncomingRequest request, string? requestId) =>
        new(404, JsonBody.ApplicationJson, Error("not_found_error", "Not Found", requestId));

    public override EmulatorResponse InvalidBody(IncomingRequest request, string? requestId) =>
        new(400, JsonBody.ApplicationJson, Error("invalid_request_error", "There was an error parsing the body of your request.", requestId));

    public override EmulatorResponse Success(SuccessContext context)
    {
        var model = context.Body.Model ?? context.Configuration.EffectiveModels[0];
        var response = context.Route.Operation switch
        {
            EmulatedOperation.ListModels => new EmulatorResponse(200, JsonBody.ApplicationJson, ModelsList(context.Configuration.EffectiveModels)),
            _ when context.Body.Stream => new EmulatorResponse(200, EventStream, MessageEvents(context, model)),
            _ => new EmulatorResponse(200, JsonBody.ApplicationJson, Message(context, model)),
        };
        return response.WithHeader("anthropic-organization-id", context.Key.Organization ?? "00000000-0000-4000-8000-00000000e0e0");
    }

    /// <summary>Anthropic's error body; it carries the request id too.</summary>
    public static byte[] Error(string type, string message, string? requestId) => JsonBody.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("type", "error");
        w.WriteStartObject("error");
        w.WriteString("type", type);
        w.WriteString("message", message);
        w.WriteEndObject();
        if (requestId is null)
        {
            w.WriteNull("request_id");
        }
        else
        {
            w.WriteString("request_id", requestId);
        }

        w.WriteEndObject();
    });

    private static byte[] ModelsList(IReadOnlyList<string> models) => JsonBody.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("data");
        foreach (var model in models)
        {
            w.WriteStartObject();
            w.WriteString("type", "model");
            w.WriteString("id", model);
            w.WriteString("display_name", model);
            w.WriteString("created_at", "2025-09-29T00:00:00Z");
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteBoolean("has_more", false);
        w.WriteString("first_id", models.Count > 0 ? models[0] : null);
        w.WriteString("last_id", models.Count > 0 ? models[^1] : null);
        w.WriteEndObject();
    });

    private static byte[] Message(SuccessContext context, string model) => JsonBody.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("id", "msg_01" + RequestIds.Base62String(22));
        w.WriteString("type", "message");
        w.WriteString("role", "assistant");
        w.WriteString("model", model);
        w.WriteStartArray("content");
        w.WriteStartObject();
        w.WriteString("type", "text");
        w.WriteString("text", context.Configuration.CompletionText);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("stop_reason", "end_turn");
        w.WriteNull("stop_sequence");
        w.WriteStartObject("usage");
        w.WriteNumber("input_tokens", context.PromptTokens);
        w.WriteNumber("output_tokens", context.CompletionTokens);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    private static List<byte[]> MessageEvents(SuccessContext context, string model)
    {
        var id = "msg_01" + RequestIds.Base62String(22);
        var events = new List<byte[]>
        {
            Event("message_start", w =>
            {
                w.WriteStartObject("message");
                w.WriteString("id", id);
                w.WriteString("type", "message");
                w.WriteString("role", "assistant");
                w.WriteString("model", model);
                w.WriteStartArray("content");
                w.WriteEndArray();
                w.WriteNull("stop_reason");
                w.WriteNull("stop_sequence");
                w.WriteStartObject("usage");
                w.WriteNumber("input_tokens", context.PromptTokens);
                w.WriteNumber("output_tokens", 1);
                w.WriteEndObject();
                w.WriteEndObject();
            }),
            Event("content_block_start", w =>
            {
                w.WriteNumber("index", 0);
                w.WriteStartObject("content_block");
                w.WriteString("type", "text");
                w.WriteString("text", string.Empty);
                w.WriteEndObject();
            }),
            Event("ping", _ => { }),
        };

        foreach (var piece in context.TextPieces())
        {
            events.Add(Event("content_block_delta", w =>
            {
                w.WriteNumber("index", 0);
                w.WriteStartObject("delta");
                w.WriteString("type", "text_delta");
                w.WriteString("text", piece);
                w.WriteEndObject();
            }));
        }

        events.Add(Event("content_block_stop", w => w.WriteNumber("index", 0)));
        events.Add(Event("message_delta", w =>
        {
            w.WriteStartObject("delta");
            w.WriteString("stop_reason", "end_turn");
            w.WriteNull("stop_sequence");
            w.WriteEndObject();
            w.WriteStartObject("usage");
            w.WriteNumber("output_tokens", context.CompletionTokens);
            w.WriteEndObject();
        }));
        events.Add(Event("message_stop", _ => { }));
        return events;
    }

    private static byte[] Event(string type, Action<Utf8JsonWriter> body) => JsonBody.SseEvent(type, JsonBody.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("type", type);
        body(w);
        w.WriteEndObject();
    }));
}
