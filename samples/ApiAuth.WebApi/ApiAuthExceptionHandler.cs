using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace ApiAuth.WebApi;

/// <summary>
/// Turns an <see cref="ApiAuthException"/> (found through any wrapper) into a ProblemDetails response:
/// 401 when the caller's own key was refused, 502 when the provider refused this service's key.
/// The response carries the cause, the remediation and the provider's request id, never the key or the raw server message
/// (OpenAI echoes part of the key in it).
/// </summary>
internal sealed class ApiAuthExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!exception.TryGetAuthFailure(out AuthFailure? failure))
        {
            return false;
        }

        bool callersKey = httpContext.Request.Headers.ContainsKey(OpenAIGateway.CallerKeyHeader);
        int status = callersKey ? StatusCodes.Status401Unauthorized : StatusCodes.Status502BadGateway;
        var problem = new ProblemDetails
        {
            Status = status,
            Title = callersKey
                ? $"The AI provider did not accept the API key you sent in {OpenAIGateway.CallerKeyHeader}."
                : "The AI provider did not accept this service's credential.",
            Detail = failure.StatusCode is { } upstream
                ? $"The provider answered {(int)upstream}: {failure.Description}."
                : $"The request was not sent: {failure.Description}.",
            Extensions =
            {
                ["cause"] = failure.Cause.ToString(),
                ["remediation"] = failure.Remediation,
                ["provider"] = failure.Provider,
                ["requestWasSent"] = failure.RequestWasSent,
                ["requestId"] = failure.RequestId,
            },
        };

        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }
}
