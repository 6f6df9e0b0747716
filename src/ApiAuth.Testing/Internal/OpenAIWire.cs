using System.Text.Json;

namespace ApiAuth.Testing.Internal;

/// <summary>OpenAI's JSON shapes, shared by OpenAI, OpenAI-compatible services and Azure OpenAI.</summary>
internal static class OpenAIWire
{
    public const string EventStream = "text/event-stream; charset=utf-8";

    public const string MissingKeyMessage =
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth " +
        "(i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API " +
        "from your browser and are prompted for a username and password. You can obtain an API key from " +
        "https://platform.openai.com/account/api-keys.";

    public const string InvalidJsonMessage =
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. " +
        "The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, " +
        "please contact us through our help center at help.openai.com.)";

    private const int EmbeddingDimensions = 8;

    public static byte[] Error(string message, string type, string? code) => JsonBody.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteString("message", message);
        w.WriteString("type", type);
        w.WriteNull("param");
        if (code is null)
        {
            w.WriteNull("code");
        }
        else
        {
            w.WriteString("code", code);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    });

    public static EmulatorResponse Operation(SuccessContext context, string defaultModel)
    {
        var model = context.Body.Model ?? context.Route.PathModel ?? defaultModel;
        return context.Route.Operation switch
        {
            EmulatedOperation.ListModels => new EmulatorResponse(200, JsonBody.ApplicationJson, ModelsList(context.Configuration.EffectiveModels)),
            EmulatedOperation.Embeddings => new EmulatorResponse(200, JsonBody.ApplicationJson, Embeddings(context, model)),
            _ when context.Body.Stream => new EmulatorResponse(200, EventStream, ChatChunks(context, model)),
            _ => new EmulatorResponse(200, JsonBody.ApplicationJson, ChatCompletion(context, model)),
        };
    }

    public static byte[] ModelsList(IReadOnlyList<string> models) => JsonBody.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("object", "list");
        w.WriteStartArray("data");
        foreach (var model in models)
        {
            w.WriteStartObject();
            w.WriteString("id", model);
            w.WriteString("object", "model");
            w.WriteNumber("created", 1715367049);
            w.WriteString("owned_by", "system");
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    public static byte[] ChatCompletion(SuccessContext context, string model) => JsonBody.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("id", "chatcmpl-" + RequestIds.Base62String(29));
        w.WriteString("object", "chat.completion");
        w.WriteNumber("created", context.Now.ToUnixTimeSeconds());
        w.WriteString("model", model);
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("message");
        w.WriteString("role", "assistant");
        w.WriteString("content", context.Configuration.CompletionText);
        w.WriteNull("refusal");
        w.WriteStartArray("annotations");
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteNull("logprobs");
        w.WriteString("finish_reason", "stop");
        w.WriteEndObject();
        w.WriteEndArray();
        WriteUsage(w, context.PromptTokens, context.CompletionTokens);
        w.WriteString("service_tier", "default");
        w.WriteString("system_fingerprint", "fp_emulator0");
        w.WriteEndObject();
    });

    public static IReadOnlyList<byte[]> ChatChunks(SuccessContext context, string model)
    {
        var id = "chatcmpl-" + RequestIds.Base62String(29);
        var created = context.Now.ToUnixTimeSeconds();
        var events = new List<byte[]> { JsonBody.SseEvent(null, Chunk(id, created, model, w => { w.WriteString("role", "assistant"); w.WriteString("content", string.Empty); w.WriteNull("refusal"); }, null)) };
        foreach (var piece in context.TextPieces())
        {
            events.Add(JsonBody.SseEvent(null, Chunk(id, created, model, w => w.WriteString("content", piece), null)));
        }

        events.Add(JsonBody.SseEvent(null, Chunk(id, created, model, _ => { }, "stop")));
        events.Add(JsonBody.SseData("[DONE]"));
        return events;
    }

    public static byte[] Embeddings(SuccessContext context, string model) => JsonBody.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("object", "list");
        w.WriteStartArray("data");
        for (var i = 0; i < context.Body.InputCount; i++)
        {
            w.WriteStartObject();
            w.WriteString("object", "embedding");
            w.WriteNumber("index", i);
            var vector = new float[EmbeddingDimensions];
            for (var d = 0; d < vector.Length; d++)
            {
                vector[d] = (d + 1 + i) / 100f;
            }

            if (context.Body.Base64Encoding)
            {
                var bytes = new byte[vector.Length * sizeof(float)];
                Buffer.BlockCopy(vector, 0, bytes, 0, bytes.Length);
                w.WriteString("embedding", Convert.ToBase64String(bytes));
            }
            else
            {
                w.WriteStartArray("embedding");
                foreach (var value in vector)
                {
                    w.WriteNumberValue(value);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("model", model);
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", context.PromptTokens);
        w.WriteNumber("total_tokens", context.PromptTokens);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    private static byte[] Chunk(string id, long created, string model, Action<Utf8JsonWriter> delta, string? finishReason) => JsonBody.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("object", "chat.completion.chunk");
        w.WriteNumber("created", created);
        w.WriteString("model", model);
        w.WriteString("service_tier", "default");
        w.WriteString("system_fingerprint", "fp_emulator0");
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("delta");
        delta(w);
        w.WriteEndObject();
        w.WriteNull("logprobs");
        if (finishReason is null)
        {
            w.WriteNull("finish_reason");
        }
        else
        {
            w.WriteString("finish_reason", finishReason);
        }

        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void WriteUsage(Utf8JsonWriter w, int prompt, int completion)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", prompt);
        w.WriteNumber("completion_tokens", completion);
        w.WriteNumber("total_tokens", prompt + completion);
        w.WriteEndObject();
    }
}
