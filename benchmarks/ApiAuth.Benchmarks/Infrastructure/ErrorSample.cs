using System.Net;
using System.Text;

namespace ApiAuth.Benchmarks.Infrastructure;

/// <summary>One recorded error response: where it came from, what was sent, and the response to replay.</summary>
internal sealed class ErrorSample
{
    private ErrorSample(string host, string keyHeader, string keyValue, HttpStatusCode status, string? contentType, string body, params (string Name, string Value)[] headers)
    {
        Uri = new Uri($"https://{host}/v1/benchmark");
        KeyHeader = keyHeader;
        KeyValue = keyValue;
        Status = status;
        ContentType = contentType;
        Body = Encoding.UTF8.GetBytes(body);
        Headers = headers;
    }

    public Uri Uri { get; }

    public string KeyHeader { get; }

    public string KeyValue { get; }

    public HttpStatusCode Status { get; }

    public string? ContentType { get; }

    public byte[] Body { get; }

    public (string Name, string Value)[] Headers { get; }

    /// <summary>Gets a value indicating whether ApiAuth must hand the response back untouched (not an auth failure).</summary>
    public bool PassesThrough { get; private init; }

    public static ErrorSample For(ErrorShape shape) => shape switch
    {
        ErrorShape.OpenAI401 => new ErrorSample(
            "api.openai.com", "Authorization", Keys.OpenAIBearer, HttpStatusCode.Unauthorized, "application/json; charset=utf-8",
            "{\n    \"error\": {\n        \"message\": \"Incorrect API key provided: " + Keys.OpenAIMasked + ". You can find your API key at https://platform.openai.com/account/api-keys.\",\n        \"type\": \"invalid_request_error\",\n        \"param\": null,\n        \"code\": \"invalid_api_key\"\n    }\n}\n",
            ("x-request-id", "req_7a81a64cbce64f9d0560ed3d4c5fe7c0")),
        ErrorShape.Anthropic401 => new ErrorSample(
            "api.anthropic.com", "x-api-key", Keys.Anthropic, HttpStatusCode.Unauthorized, "application/json",
            "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"},\"request_id\":\"req_011CTPuJRNJu4nWTQhtLCN2o\"}",
            ("request-id", "req_011CTPuJRNJu4nWTQhtLCN2o")),
        ErrorShape.Gemini400 => new ErrorSample(
            "generativelanguage.googleapis.com", "x-goog-api-key", Keys.Google, HttpStatusCode.BadRequest, "application/json; charset=UTF-8",
            "{\n  \"error\": {\n    \"code\": 400,\n    \"message\": \"API key not valid. Please pass a valid API key.\",\n    \"status\": \"INVALID_ARGUMENT\",\n    \"details\": [\n      {\n        \"@type\": \"type.googleapis.com/google.rpc.ErrorInfo\",\n        \"reason\": \"API_KEY_INVALID\",\n        \"domain\": \"googleapis.com\",\n        \"metadata\": {\n          \"service\": \"generativelanguage.googleapis.com\"\n        }\n      },\n      {\n        \"@type\": \"type.googleapis.com/google.rpc.LocalizedMessage\",\n        \"locale\": \"en-US\",\n        \"message\": \"API key not valid. Please pass a valid API key.\"\n      }\n    ]\n  }\n}\n"),
        ErrorShape.Azure401 => new ErrorSample(
            "contoso-eastus.openai.azure.com", "api-key", Keys.Azure, HttpStatusCode.Unauthorized, "application/json",
            "{\"error\":{\"code\":\"401\",\"message\":\"Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.\"}}",
            ("apim-request-id", "2e6a029c-4b7d-46ca-9305-bd1c4d318025")),
        ErrorShape.ProblemJson401 => new ErrorSample(
            "aspnet-gateway.example.com", "Authorization", Keys.OpenAIBearer, HttpStatusCode.Unauthorized, "application/problem+json; charset=utf-8",
            "{\"type\":\"https://tools.ietf.org/html/rfc9110#section-15.5.2\",\"title\":\"Unauthorized\",\"status\":401,\"traceId\":\"00-093f9290aa1e5132e8dcd999f3d8e2a7-9a97b992671e8851-00\"}"),
        ErrorShape.Html401 => new ErrorSample(
            "llm-gateway.example.com", "Authorization", Keys.OpenAIBearer, HttpStatusCode.Unauthorized, "text/html",
            "<html>\r\n<head><title>401 Authorization Required</title></head>\r\n<body>\r\n<center><h1>401 Authorization Required</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
            ("WWW-Authenticate", "Basic realm=\"Restricted\"")),
        ErrorShape.BearerHeaderOnly401 => new ErrorSample(
            "api.example.com", "Authorization", Keys.OpenAIBearer, HttpStatusCode.Unauthorized, null, string.Empty,
            ("WWW-Authenticate", "Bearer realm=\"example\", error=\"invalid_token\", error_description=\"The access token expired\"")),
        ErrorShape.NotAuth403 => new ErrorSample(
            "api.openai.com", "Authorization", Keys.OpenAIBearer, HttpStatusCode.Forbidden, "application/json; charset=utf-8",
            "{\"error\":{\"code\":\"unsupported_country_region_territory\",\"message\":\"Country, region, or territory not supported\",\"param\":null,\"type\":\"request_forbidden\"}}",
            ("x-request-id", "req_bf12ad31051a50ecfabf39515d54f319"), ("cf-ray", "6e5273018a47fec3-HKG"))
        {
            PassesThrough = true,
        },
        ErrorShape.NotAuth400 => new ErrorSample(
            "api.openai.com", "Authorization", Keys.OpenAIBearer, HttpStatusCode.BadRequest, "application/json; charset=utf-8",
            "{\n    \"error\": {\n        \"message\": \"This model's maximum context length is 128000 tokens. However, your messages resulted in 131072 tokens. Please reduce the length of the messages.\",\n        \"type\": \"invalid_request_error\",\n        \"param\": \"messages\",\n        \"code\": \"context_length_exceeded\"\n    }\n}\n",
            ("x-request-id", "req_1eed391cd998170f74a935438db0f60f"))
        {
            PassesThrough = true,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };

    /// <summary>Creates a fresh response, as a server would send it.</summary>
    public HttpResponseMessage CreateResponse()
    {
        var content = new ByteArrayContent(Body);
        if (ContentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        }

        var response = new HttpResponseMessage(Status) { Content = content };
        foreach ((string name, string value) in Headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    /// <summary>Creates the request a client would send to this provider.</summary>
    public HttpRequestMessage CreateRequest()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Uri);
        request.Headers.TryAddWithoutValidation(KeyHeader, KeyValue);
        return request;
    }
}
