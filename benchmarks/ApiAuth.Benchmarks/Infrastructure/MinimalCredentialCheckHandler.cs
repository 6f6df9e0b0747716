using System.Buffers;
using System.Net.Http.Headers;

namespace ApiAuth.Benchmarks.Infrastructure;

/// <summary>
/// A reference point, not ApiAuth: the least an honest pre-send credential check does — find the
/// <c>Authorization</c> header without parsing it, check the scheme and that the key is made of key characters.
/// ApiAuth does this and more (provider profile, placeholders, foreign keys, org/project), so it should sit near this row.
/// </summary>
internal sealed class MinimalCredentialCheckHandler : DelegatingHandler
{
    private static readonly SearchValues<char> KeyChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~+/=");

    public MinimalCredentialCheckHandler(HttpMessageHandler inner)
        : base(inner)
    {
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Check(request);
        return base.Send(request, cancellationToken);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Check(request);
        return base.SendAsync(request, cancellationToken);
    }

    private static void Check(HttpRequestMessage request)
    {
        if (!request.Headers.NonValidated.TryGetValues("Authorization", out HeaderStringValues values))
        {
            throw new InvalidOperationException("no credential");
        }

        foreach (string value in values)
        {
            ReadOnlySpan<char> span = value;
            if (!span.StartsWith("Bearer ", StringComparison.Ordinal) || span.Length < 27 || span[7..].ContainsAnyExcept(KeyChars))
            {
                throw new InvalidOperationException("bad credential");
            }
        }
    }
}
