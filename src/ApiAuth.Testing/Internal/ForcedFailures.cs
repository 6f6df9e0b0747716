namespace ApiAuth.Testing.Internal;

/// <summary>Failures the test asked for: the next N requests, or every request to a path. Thread-safe.</summary>
internal sealed class ForcedFailures
{
#if NET9_0_OR_GREATER
    private readonly Lock _gate = new();
#else
    private readonly object _gate = new();
#endif
    private readonly Queue<EmulatedFailure> _next = new();
    private readonly List<KeyValuePair<string, EmulatedFailure>> _paths = [];
    private volatile bool _any;

    public void Enqueue(EmulatedFailure failure, int count)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _next.Enqueue(failure);
            }

            _any = true;
        }
    }

    public void AddPath(string path, EmulatedFailure failure)
    {
        lock (_gate)
        {
            _paths.RemoveAll(p => string.Equals(p.Key, path, StringComparison.Ordinal));
            _paths.Add(new(path, failure));
            _any = true;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _next.Clear();
            _paths.Clear();
            _any = false;
        }
    }

    /// <summary>The failure to answer for a request to <paramref name="path"/>, consuming one "next" failure if that is what applies.</summary>
    public EmulatedFailure? Take(string path)
    {
        if (!_any)
        {
            return null;
        }

        lock (_gate)
        {
            foreach (var rule in _paths)
            {
                if (path.StartsWith(rule.Key, StringComparison.Ordinal))
                {
                    return rule.Value;
                }
            }

            if (_next.TryDequeue(out var failure))
            {
                _any = _next.Count > 0 || _paths.Count > 0;
                return failure;
            }

            return null;
        }
    }
}
