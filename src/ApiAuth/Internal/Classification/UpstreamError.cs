using System.Net;
using System.Text;

namespace ApiAuth.Internal;

/// <summary>
/// An upstream provider's error that a proxy or gateway wrapped in its own (issue 14 §2), read from the facts the parser
/// found: which gateway, which upstream, the upstream's status when the gateway states it, and the upstream's own error
/// parsed with the same <see cref="ErrorBodyParser"/> — one level only (the inner text is never unwrapped again), and
/// always inside the bounded body prefix. The shapes, each from the gateway's own code and real reports:
/// <list type="bullet">
/// <item>LiteLLM: <c>litellm.AuthenticationError: [AuthenticationError: ]AnthropicException[ words] - [Error code: 401 - ]&lt;upstream
/// body or text&gt;[. Received Model Group=…]</c> (litellm/litellm_core_utils/exception_mapping_utils.py, the proxy's
/// ProxyException body), or the router's bare <c>&lt;upstream JSON&gt;. Received Model Group=…</c>.</item>
/// <item>OpenRouter: <c>{"error":{"message":"Provider returned error","metadata":{"raw":"&lt;upstream body&gt;","provider_name":"Anthropic"}}}</c>,
/// <c>raw</c> also as <c>{"data":"…"}</c> (openrouter.ai/docs/api-reference/errors).</item>
/// <item>Portkey: <c>{"error":{"message":"anthropic error: &lt;upstream message&gt;","type","code"},"provider":"anthropic"}</c>
/// (Portkey-AI/gateway src/providers/utils.ts generateErrorResponse; the upstream's type and code are kept).</item>
/// </list>
/// A gateway's own errors (its key is missing or wrong) are not wrapped, so they are not read here and stay the gateway's.
/// </summary>
internal sealed class UpstreamError
{
    private const string LiteLLMPrefix = "litellm.";
    private const string ModelGroupMarker = "Received Model Group=";

    /// <summary>LiteLLM's exception classes (docs.litellm.ai/docs/exception_mapping) and the upstream status each stands for.</summary>
    private static readonly (string Name, HttpStatusCode Status)[] LiteLLMClasses =
    [
        ("AuthenticationError", HttpStatusCode.Unauthorized),
        ("PermissionDeniedError", HttpStatusCode.Forbidden),
        ("BadRequestError", HttpStatusCode.BadRequest),
        ("InvalidRequestError", HttpStatusCode.BadRequest),
        ("UnsupportedParamsError", HttpStatusCode.BadRequest),
        ("ContextWindowExceededError", HttpStatusCode.BadRequest),
        ("ContentPolicyViolationError", HttpStatusCode.BadRequest),
        ("ImageFetchError", HttpStatusCode.BadRequest),
        ("BudgetExceededError", HttpStatusCode.BadRequest),
        ("NotFoundError", HttpStatusCode.NotFound),
        ("Timeout", HttpStatusCode.RequestTimeout),
        ("UnprocessableEntityError", HttpStatusCode.UnprocessableEntity),
        ("RateLimitError", HttpStatusCode.TooManyRequests),
        ("ServiceUnavailableError", HttpStatusCode.ServiceUnavailable),
        ("InternalServerError", HttpStatusCode.InternalServerError),
        ("APIConnectionError", HttpStatusCode.InternalServerError),
        ("APIError", HttpStatusCode.InternalServerError),
    ];

    private UpstreamError(Gateway gateway, UpstreamProvider upstream, ErrorFacts inner, HttpStatusCode? innerStatus, bool innerInOuterMessage)
    {
        Gateway = gateway;
        Upstream = upstream;
        Inner = inner;
        InnerStatus = innerStatus;
        InnerInOuterMessage = innerInOuterMessage;
    }

    /// <summary>Gets the gateway that wrapped the error.</summary>
    public Gateway Gateway { get; }

    /// <summary>Gets the upstream provider that answered.</summary>
    public UpstreamProvider Upstream { get; }

    /// <summary>Gets what the upstream's own error says.</summary>
    public ErrorFacts Inner { get; }

    /// <summary>Gets the upstream's status when the gateway states it (LiteLLM's exception class, "Error code: 401").</summary>
    public HttpStatusCode? InnerStatus { get; }

    /// <summary>Gets a value indicating whether the outer message already shows the upstream's message (LiteLLM, Portkey), or not (OpenRouter's "Provider returned error").</summary>
    public bool InnerInOuterMessage { get; }

    /// <summary>Reads a wrapped upstream error from the facts of a gateway's body.</summary>
    /// <param name="facts">What the outer body says.</param>
    /// <returns>The upstream error, or <see langword="null"/> when the body wraps none.</returns>
    public static UpstreamError? Read(ErrorFacts facts)
    {
        if (facts.UpstreamRaw is { Length: > 0 } raw)
        {
            return new UpstreamError(Gateway.OpenRouter, UpstreamProvider.For(facts.UpstreamProvider), ParseInner(raw), null, innerInOuterMessage: false);
        }

        if (facts.Message is not { Length: > 0 } message)
        {
            return null;
        }

        if (facts.UpstreamProvider is { Length: > 0 } provider && Portkey(facts, provider, message) is { } portkey)
        {
            return portkey;
        }

        return LiteLLM(message);
    }

    private static UpstreamError? Portkey(ErrorFacts facts, string provider, string message)
    {
        // "anthropic error: invalid x-api-key": the upstream's message after the provider's name; its type and code are the upstream's.
        const string Suffix = " error: ";
        if (message.Length <= provider.Length + Suffix.Length
            || !message.StartsWith(provider, StringComparison.OrdinalIgnoreCase)
            || string.CompareOrdinal(message, provider.Length, Suffix, 0, Suffix.Length) != 0
            || provider.Equals("portkey", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var inner = new ErrorFacts
        {
            Format = ErrorBodyFormat.Json,
            Message = message[(provider.Length + Suffix.Length)..],
            MessagePriority = 3,
            Code = facts.Code,
            Type = facts.Type,
            Status = facts.Status,
            Reason = facts.Reason,
            RequestId = facts.RequestId,
        };
        return new UpstreamError(Gateway.Portkey, UpstreamProvider.For(provider), inner, null, innerInOuterMessage: true);
    }

    private static UpstreamError? LiteLLM(string message)
    {
        ReadOnlySpan<char> rest = message.AsSpan();
        int groupAt = message.IndexOf(ModelGroupMarker, StringComparison.Ordinal);
        bool prefixed = message.StartsWith(LiteLLMPrefix, StringComparison.Ordinal);
        if (!prefixed && (groupAt < 0 || rest.TrimStart().IsEmpty || rest.TrimStart()[0] != '{'))
        {
            // Neither LiteLLM's exception prefix nor its router's suffix after an upstream body: not a LiteLLM wrap.
            return null;
        }

        if (groupAt >= 0)
        {
            // "<upstream text>. Received Model Group=…": the router's suffix is LiteLLM's, not the upstream's.
            rest = rest[..groupAt].TrimEnd();
        }

        HttpStatusCode? status = null;
        string? providerName = null;
        if (prefixed)
        {
            // litellm.<Class>: [<Class>: ]
            rest = rest[LiteLLMPrefix.Length..];
            int colon = rest.IndexOf(':');
            if (colon <= 0)
            {
                return null;
            }

            status = ClassStatus(rest[..colon]);
            rest = rest[(colon + 1)..].TrimStart();
            int again = rest.IndexOf(": ");
            if (again > 0 && ClassStatus(rest[..again]) is not null)
            {
                rest = rest[(again + 2)..].TrimStart();
            }

            // <Provider>Exception[ words] - <upstream>
            int space = rest.IndexOfAny(' ', '-');
            ReadOnlySpan<char> first = space < 0 ? rest : rest[..space];
            if (first.EndsWith("Exception", StringComparison.Ordinal) && first.Length > "Exception".Length)
            {
                providerName = first[..^"Exception".Length].ToString();
                int dash = rest.IndexOf(" - ", StringComparison.Ordinal);
                rest = dash < 0 ? rest[first.Length..].TrimStart() : rest[(dash + 3)..];
            }

            // "Error code: 401 - {…}" (the OpenAI SDK's text, kept by LiteLLM).
            if (rest.StartsWith("Error code: ", StringComparison.Ordinal))
            {
                ReadOnlySpan<char> code = rest["Error code: ".Length..];
                int end = code.IndexOf(" - ", StringComparison.Ordinal);
                if (end > 0 && int.TryParse(code[..end], out int number) && number is >= 100 and <= 599)
                {
                    status = (HttpStatusCode)number;
                    rest = code[(end + 3)..];
                }
            }
        }

        rest = rest.Trim();
        if (rest.EndsWith("."))
        {
            // LiteLLM joins its suffix with ". ": the upstream JSON ends before it.
            ReadOnlySpan<char> withoutDot = rest[..^1];
            if (withoutDot.EndsWith("}"))
            {
                rest = withoutDot;
            }
        }

        if (rest.IsEmpty)
        {
            return null;
        }

        return new UpstreamError(Gateway.LiteLLM, UpstreamProvider.For(providerName), ParseInner(rest.ToString()), status, innerInOuterMessage: true);
    }

    private static HttpStatusCode? ClassStatus(ReadOnlySpan<char> name)
    {
        foreach ((string className, HttpStatusCode status) in LiteLLMClasses)
        {
            if (name.SequenceEqual(className))
            {
                return status;
            }
        }

        return null;
    }

    /// <summary>Parses the upstream's own error: JSON, a Python literal of it, or plain text. Never unwraps further.</summary>
    private static ErrorFacts ParseInner(string text)
    {
        ReadOnlySpan<char> trimmed = text.AsSpan().Trim();
        if (trimmed.Length > 0 && trimmed[0] is '{' or '[')
        {
            ErrorFacts json = ErrorBodyParser.Parse(Encoding.UTF8.GetBytes(text), "application/json", null);
            if (json.Format == ErrorBodyFormat.Json && json.Message is not null)
            {
                return Flat(json);
            }

            ErrorFacts python = ErrorBodyParser.Parse(Encoding.UTF8.GetBytes(PythonLiteral.ToJson(trimmed)), "application/json", null);
            if (python.Format == ErrorBodyFormat.Json && python.Message is not null)
            {
                return Flat(python);
            }
        }

        return Flat(ErrorBodyParser.Parse(Encoding.UTF8.GetBytes(text), "text/plain", null));
    }

    /// <summary>One level only: what the inner body itself wraps is not read again.</summary>
    private static ErrorFacts Flat(ErrorFacts facts)
    {
        facts.UpstreamRaw = null;
        facts.UpstreamProvider = null;
        return facts;
    }
}
