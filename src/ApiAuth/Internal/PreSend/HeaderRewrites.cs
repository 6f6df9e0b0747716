using System.Net.Http.Headers;

namespace ApiAuth.Internal;

/// <summary>
/// The header changes of one inspection, in order. The usual ones — the configured key, organization and project added — fit
/// in three inline slots, so a request that needs them allocates nothing for the list itself.
/// </summary>
internal struct HeaderRewrites
{
    private HeaderRewrite _first;
    private HeaderRewrite _second;
    private HeaderRewrite _third;
    private List<HeaderRewrite>? _more;

    /// <summary>Gets how many changes there are.</summary>
    public int Count { readonly get; private set; }

    /// <summary>Adds a change.</summary>
    /// <param name="rewrite">The change.</param>
    public void Add(in HeaderRewrite rewrite)
    {
        switch (Count)
        {
            case 0: _first = rewrite; break;
            case 1: _second = rewrite; break;
            case 2: _third = rewrite; break;
            default: (_more ??= []).Add(rewrite); break;
        }

        Count++;
    }

    /// <summary>Gets a change by position.</summary>
    /// <param name="index">The position.</param>
    /// <returns>The change.</returns>
    public readonly HeaderRewrite this[int index] => index switch
    {
        0 => _first,
        1 => _second,
        2 => _third,
        _ => _more![index - 3],
    };

    /// <summary>Writes the changes onto the request, in order.</summary>
    /// <param name="request">The request.</param>
    public readonly void ApplyTo(HttpRequestMessage request)
    {
        for (int i = 0; i < Count; i++)
        {
            HeaderRewrite rewrite = this[i];
            HttpHeaders target = rewrite.InContent ? request.Content!.Headers : request.Headers;
            if (rewrite.Remove)
            {
                target.Remove(rewrite.Name);
            }

            if (rewrite.Value is { } value)
            {
                target.TryAddWithoutValidation(rewrite.Name, value);
            }
            else if (rewrite.Values is { } values)
            {
                foreach (string each in values)
                {
                    target.TryAddWithoutValidation(rewrite.Name, each);
                }
            }
        }
    }
}
