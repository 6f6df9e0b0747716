using System.Diagnostics.CodeAnalysis;
using ApiAuth.Internal;

namespace ApiAuth;

/// <summary>
/// Finds the <see cref="AuthFailure"/> that ApiAuth attached to an exception or a response.
/// </summary>
public static class AuthFailureExtensions
{
    private const int MaxDepth = 32;

    /// <summary>
    /// Looks for an <see cref="ApiAuthException"/> in <paramref name="exception"/> and everything it wraps
    /// (<see cref="Exception.InnerException"/> chains and <see cref="AggregateException.InnerExceptions"/>),
    /// as SDKs wrap what handlers throw (the OpenAI SDK surfaces it inside a <c>ClientResultException</c>).
    /// </summary>
    /// <param name="exception">The exception caught.</param>
    /// <param name="failure">The failure found, when this method returns <see langword="true"/>.</param>
    /// <returns><see langword="true"/> when a failure was found.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="exception"/> is <see langword="null"/>.</exception>
    public static bool TryGetAuthFailure(this Exception exception, [NotNullWhen(true)] out AuthFailure? failure)
    {
        ArgumentNullException.ThrowIfNull(exception);
        failure = Find(exception, 0);
        return failure is not null;
    }

    /// <summary>
    /// Gets the failure ApiAuth diagnosed for a response it returned instead of throwing
    /// (when <see cref="ApiAuthDiagnosticsOptions.ThrowOnFailure"/> is <see langword="false"/>).
    /// </summary>
    /// <param name="response">The response.</param>
    /// <param name="failure">The failure found, when this method returns <see langword="true"/>.</param>
    /// <returns><see langword="true"/> when the response carries a diagnosed failure.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="response"/> is <see langword="null"/>.</exception>
    public static bool TryGetAuthFailure(this HttpResponseMessage response, [NotNullWhen(true)] out AuthFailure? failure)
    {
        ArgumentNullException.ThrowIfNull(response);
        failure = null;
        return response.RequestMessage is { } request
            && request.Options.TryGetValue(RequestOptionKeys.Failure, out failure)
            && failure is not null;
    }

    private static AuthFailure? Find(Exception? exception, int depth)
    {
        while (exception is not null && depth < MaxDepth)
        {
            if (exception is ApiAuthException apiAuth)
            {
                return apiAuth.Failure;
            }

            if (exception is AggregateException aggregate)
            {
                foreach (Exception inner in aggregate.InnerExceptions)
                {
                    if (Find(inner, depth + 1) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            }

            exception = exception.InnerException;
            depth++;
        }

        return null;
    }
}
