using System.Reflection;

namespace ApiAuth.Hardening.Tests.Infrastructure;

/// <summary>Everything a caller can see of a failure: message, <c>ToString()</c>, and every property of <see cref="AuthFailure"/>.</summary>
internal static class Outputs
{
    private static readonly PropertyInfo[] FailureProperties = typeof(AuthFailure).GetProperties(BindingFlags.Public | BindingFlags.Instance);

    public static IEnumerable<(string Where, string? Text)> Of(Exception? exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            yield return ("exception message", e.Message);
            yield return ("exception ToString()", e.ToString());
            foreach (System.Collections.DictionaryEntry entry in e.Data)
            {
                yield return ("exception data", entry.Key + "=" + entry.Value);
            }

            if (e is ApiAuthException api)
            {
                foreach ((string where, string? text) in Of(api.Failure))
                {
                    yield return (where, text);
                }
            }
        }
    }

    public static IEnumerable<(string Where, string? Text)> Of(AuthFailure? failure)
    {
        if (failure is null)
        {
            yield break;
        }

        foreach (PropertyInfo property in FailureProperties)
        {
            yield return ("AuthFailure." + property.Name, property.GetValue(failure)?.ToString());
        }

        yield return ("AuthFailure.ToString()", failure.ToString());
    }
}
