using System.Net.Http.Headers;

namespace ApiAuth.Internal;

/// <summary>
/// Reads the response headers classification needs without touching the response's own header store. .NET's typed getters
/// (<c>Content.Headers.ContentType</c>, <c>Headers.WwwAuthenticate</c>) parse a raw value in place and store it back
/// normalized, so the caller would then see <c>application/json; charset=UTF-8</c> where the server sent
/// <c>application/json;charset=UTF-8</c> — a difference from the same pipeline without ApiAuth. These readers parse copies.
/// </summary>
internal static class ResponseHeaderView
{
    /// <summary>Gets the content's media type and charset, parsed from a copy of the raw value.</summary>
    /// <param name="content">The response content.</param>
    /// <returns>The parsed value, or <see langword="null"/> when absent or unreadable.</returns>
    public static MediaTypeHeaderValue? ContentType(HttpContent? content) =>
        content is not null && HeaderReader.TryGetFirst(content.Headers, "Content-Type") is { } raw && MediaTypeHeaderValue.TryParse(raw, out MediaTypeHeaderValue? parsed)
            ? parsed
            : null;

    /// <summary>Gets the content codings, in order, from the raw values.</summary>
    /// <param name="content">The response content.</param>
    /// <returns>The codings (empty when none).</returns>
    public static ICollection<string> ContentEncoding(HttpContent? content)
    {
        if (content is null || !content.Headers.NonValidated.TryGetValues("Content-Encoding", out HeaderStringValues values))
        {
            return [];
        }

        var codings = new List<string>();
        foreach (string value in values)
        {
            foreach (string coding in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                codings.Add(coding);
            }
        }

        return codings;
    }

    /// <summary>Gets the challenges, parsed from copies of the raw values in a scratch message that is never sent.</summary>
    /// <param name="headers">The response headers.</param>
    /// <returns>The challenges, or <see langword="null"/> when there are none.</returns>
    public static HttpHeaderValueCollection<AuthenticationHeaderValue>? Challenges(HttpResponseHeaders headers)
    {
        if (!headers.NonValidated.TryGetValues("WWW-Authenticate", out HeaderStringValues values))
        {
            return null;
        }

        using var scratch = new HttpResponseMessage();
        foreach (string value in values)
        {
            scratch.Headers.TryAddWithoutValidation("WWW-Authenticate", value);
        }

        return scratch.Headers.WwwAuthenticate;
    }
}
