namespace ApiAuth.Benchmarks.Infrastructure;

/// <summary>The error-body shapes the failure-path benchmarks send (copies of the test fixture corpus, one per shape).</summary>
public enum ErrorShape
{
    /// <summary>OpenAI 401 invalid_api_key, pretty-printed, with the masked key echoed.</summary>
    OpenAI401,

    /// <summary>Anthropic 401 authentication_error (compact JSON, top-level request_id).</summary>
    Anthropic401,

    /// <summary>Gemini 400 API_KEY_INVALID (Google error with details[]).</summary>
    Gemini400,

    /// <summary>Azure OpenAI 401 "invalid subscription key or wrong API endpoint".</summary>
    Azure401,

    /// <summary>RFC 9457 problem+json 401 from an ASP.NET Core gateway.</summary>
    ProblemJson401,

    /// <summary>nginx HTML 401 page with WWW-Authenticate: Basic.</summary>
    Html401,

    /// <summary>RFC 6750: empty body, the reason only in WWW-Authenticate.</summary>
    BearerHeaderOnly401,

    /// <summary>Not about auth: OpenAI 403 unsupported_country_region_territory (must pass through).</summary>
    NotAuth403,

    /// <summary>Not about auth: OpenAI 400 context_length_exceeded (must pass through).</summary>
    NotAuth400,
}
