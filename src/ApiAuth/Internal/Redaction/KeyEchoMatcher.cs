namespace ApiAuth.Internal;

/// <summary>
/// Finds echoes of one key in a <see cref="RedactionText"/>: every run of <see cref="Window"/> characters shared with the key's
/// secret part (see <see cref="KeyHint.SecretRange"/>), wherever it stands, including across the white space, tags and
/// zero-width characters the normalized text no longer holds. A key shorter than the window is matched whole. Two more
/// forms of the key are looked for: as normalization reads it (a key holding <c>%41</c> or <c>&amp;amp;</c>), and its letters
/// and digits alone in lower case, in runs of <see cref="ProjectedWindow"/> (a key regrouped with dashes, or recased; as short
/// as <see cref="Window"/>, so no run of 7 slips between the two: red-team finding of issue 15).
/// Windows are looked up in a hash index of the key, so the cost is linear in the text's length.
/// </summary>
internal sealed class KeyEchoMatcher
{
    /// <summary>Runs of the key at least this long are echoes.</summary>
    public const int Window = 6;

    /// <summary>Runs of the key's letters and digits (case ignored) at least this long are echoes.</summary>
    public const int ProjectedWindow = 6;

    /// <summary>Keys shorter than this are matched only as a token of their own, so a one-letter key does not erase every such letter.</summary>
    private const int MinFreeLength = 4;

    private readonly string _key;
    private readonly int _window;
    private readonly bool _widen;
    private readonly Dictionary<int, int> _first;
    private readonly int[] _next;

    /// <summary>
    /// One bit per <see cref="QuickHash"/> value of the key's indexed windows: a window whose bit is clear is not in the index,
    /// which rules out nearly every window of a text in a few instructions before the (randomized, slower) string hash and the
    /// dictionary are asked (issue 15). It never rules out a window that is in the index.
    /// </summary>
    private readonly ulong[] _quick = new ulong[QuickBits / 64];
    private KeyEchoMatcher? _decoded;
    private KeyEchoMatcher? _projected;
    private readonly CleanText?[] _lastClean = new CleanText?[2];

    private KeyEchoMatcher(string key, int window, (int Start, int End) secret, bool widen)
    {
        _key = key;
        _window = Math.Min(window, key.Length);
        _widen = widen;
        _next = new int[key.Length];
        int from = Math.Max(0, secret.Start - _window + 1);
        int to = Math.Min(key.Length - _window, secret.End - 1);

        // Sized for every window at once: growing it window by window copied the table seven times for a 164-character key.
        _first = new Dictionary<int, int>(Math.Max(0, to - from + 1));
        for (int p = to; p >= from; p--)
        {
            int hash = string.GetHashCode(key.AsSpan(p, _window), StringComparison.Ordinal);
            _next[p] = _first.TryGetValue(hash, out int head) ? head : -1;
            _first[hash] = p;
            int quick = QuickHash(key.AsSpan(p, _window));
            _quick[quick >> 6] |= 1UL << quick;
        }
    }

    /// <summary>How many bits <see cref="_quick"/> has (a power of two).</summary>
    private const int QuickBits = 4096;

    /// <summary>A cheap hash of a window, in [0, <see cref="QuickBits"/>).</summary>
    private static int QuickHash(ReadOnlySpan<char> window)
    {
        uint h = 0;
        foreach (char c in window)
        {
            h = (h * 31) + c;
        }

        return (int)((h * 2654435769u) >> 20);
    }

    /// <summary>The slot <see cref="TryGetClean"/> keeps the server's message in.</summary>
    public const int MessageSlot = 0;

    /// <summary>The slot <see cref="TryGetClean"/> keeps the server's error code in (codes repeat; request ids do not, and are not kept).</summary>
    public const int CodeSlot = 1;

    /// <summary>Gets the key this matcher finds echoes of.</summary>
    public string Key => _key;

    /// <summary>Creates a matcher for a key.</summary>
    /// <param name="key">The key that was sent, if any.</param>
    /// <returns>The matcher, or <see langword="null"/> when there is no key.</returns>
    public static KeyEchoMatcher? For(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        (int Start, int End) secret = KeyHint.SecretRange(key);
        var matcher = new KeyEchoMatcher(key, Window, secret, widen: true);

        // A key that itself holds something normalization changes (%41, &amp;, a backslash) is echoed verbatim by most
        // servers; the normalized text then holds its decoded form.
        RedactionText normalized = RedactionText.From(key);
        if (normalized.Length > 0 && !normalized.Chars.SequenceEqual(key))
        {
            string decoded = normalized.Chars.ToString();
            matcher._decoded = new KeyEchoMatcher(decoded, Window, KeyHint.SecretRange(decoded), widen: true);
        }

        RedactionText projection = normalized.LettersAndDigits();
        if (projection.Length >= MinFreeLength)
        {
            // The secret part, counted in the projection's characters.
            int start = 0, end = 0;
            for (int i = 0; i < projection.Length; i++)
            {
                start += projection.End(i) <= secret.Start ? 1 : 0;
                end += projection.Start(i) < secret.End ? 1 : 0;
            }

            matcher._projected = new KeyEchoMatcher(projection.Chars.ToString(), ProjectedWindow, (start, end), widen: false);
        }

        return matcher;
    }

    /// <summary>
    /// Gets what <see cref="SecretRedactor.RedactWith"/> made of this very text the last time, when it
    /// found nothing to hide in it: a client refused again with the same key gets the same message, and its normalization
    /// is not repeated. Only a text with nothing to hide is remembered, so nothing secret is kept that the failure does not
    /// show anyway.
    /// </summary>
    /// <param name="slot"><see cref="MessageSlot"/> or <see cref="CodeSlot"/>.</param>
    /// <param name="text">The server's text.</param>
    /// <param name="result">The redacted text (the text itself, clipped).</param>
    /// <returns><see langword="true"/> when the text is the one remembered.</returns>
    public bool TryGetClean(int slot, string text, out string result)
    {
        if (Volatile.Read(ref _lastClean[slot]) is { } last && string.Equals(last.Text, text, StringComparison.Ordinal))
        {
            result = last.Result;
            return true;
        }

        result = string.Empty;
        return false;
    }

    /// <summary>Remembers a text in which redaction found nothing to hide (see <see cref="TryGetClean"/>).</summary>
    /// <param name="slot"><see cref="MessageSlot"/> or <see cref="CodeSlot"/>.</param>
    /// <param name="text">The server's whole text (never a clipped part: what was not read was not judged).</param>
    /// <param name="result">What redaction returned for it.</param>
    public void RememberClean(int slot, string text, string result) => Volatile.Write(ref _lastClean[slot], new CleanText(text, result));

    /// <summary>Gets a value indicating whether the text holds an echo of the key.</summary>
    /// <param name="text">The normalized text (both its views: without and with tags).</param>
    /// <returns><see langword="true"/> when any echo is found.</returns>
    public bool Finds(RedactionText text)
    {
        foreach (RedactionText view in text.Views())
        {
            if (Scan(view, null) || (_decoded?.Scan(view, null) ?? false) || (_projected?.Scan(view.LettersAndDigits(), null) ?? false))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Finds every echo of the key, each widened to the whole run of key characters it stands in.</summary>
    /// <param name="text">The normalized text (both its views: without and with tags).</param>
    /// <param name="echoes">Receives each echo as a span of the original text (end exclusive).</param>
    public void FindAll(RedactionText text, List<(int Start, int End)> echoes)
    {
        foreach (RedactionText view in text.Views())
        {
            Scan(view, echoes);
            _decoded?.Scan(view, echoes);
            _projected?.Scan(view.LettersAndDigits(), echoes);
        }
    }

    private bool Scan(RedactionText text, List<(int Start, int End)>? echoes)
    {
        ReadOnlySpan<char> chars = text.Chars;
        int previousEnd = 0;
        bool found = false;
        for (int j = 0; j + _window <= chars.Length; j++)
        {
            int p = MatchAt(text, j);
            if (p < 0)
            {
                continue;
            }

            found = true;
            if (echoes is null)
            {
                return true;
            }

            // Widen along the key (across gaps: "sk-<b>abc</b>def" is one echo), then to the whole run of key characters.
            int start = j, end = j + _window;
            for (int k = p; start > previousEnd && k > 0 && chars[start - 1] == _key[k - 1]; k--)
            {
                start--;
            }

            for (int k = p + _window; end < chars.Length && k < _key.Length && chars[end] == _key[k]; k++)
            {
                end++;
            }

            while (_widen && start > previousEnd && !text.GapBefore(start) && KeyCharacters.InRun(chars[start - 1]))
            {
                start--;
            }

            while (_widen && end < chars.Length && !text.GapBefore(end) && KeyCharacters.InRun(chars[end]))
            {
                end++;
            }

            echoes.Add((text.Start(start), text.End(end - 1)));
            previousEnd = end;

            // Every window that starts before end - window + 1 lies inside this echo.
            j = Math.Max(j, end - _window);
        }

        return found;
    }

    /// <summary>Gets the key position of a window of the key's secret part found at <paramref name="j"/>, or -1.</summary>
    private int MatchAt(RedactionText text, int j)
    {
        int p = Find(text.Chars.Slice(j, _window));
        return p >= 0 && (_key.Length >= MinFreeLength || StandsAlone(text, j)) ? p : -1;
    }

    /// <summary>Gets the key position of a window of the key's secret part equal to <paramref name="window"/>, or -1.</summary>
    private int Find(ReadOnlySpan<char> window)
    {
        int quick = QuickHash(window);
        if ((_quick[quick >> 6] & (1UL << quick)) == 0 || !_first.TryGetValue(string.GetHashCode(window, StringComparison.Ordinal), out int p))
        {
            return -1;
        }

        for (; p >= 0; p = _next[p])
        {
            if (window.SequenceEqual(_key.AsSpan(p, _window)))
            {
                return p;
            }
        }

        return -1;
    }

    /// <summary>
    /// Gets whether a plain text — only characters normalization leaves as they are (<see cref="KeyCharacters.Clean"/>: no
    /// escape, tag, white space or non-ASCII character) — holds an echo of the key: the answer <see cref="Finds"/> gives for
    /// <c>RedactionText.From(text)</c>, whose only view is then the text itself, without building it (issue 15: a request id
    /// is plain and different on every failure). <see langword="null"/> when the answer needs word boundaries (a key shorter
    /// than <see cref="MinFreeLength"/>), which only the full view has.
    /// </summary>
    /// <param name="text">The plain text (the caller checks that it is).</param>
    /// <returns>Whether an echo is found, or <see langword="null"/> when this matcher cannot tell without the full view.</returns>
    public bool? FindsInPlain(ReadOnlySpan<char> text)
    {
        if (_key.Length < MinFreeLength || _decoded is { _key.Length: < MinFreeLength })
        {
            return null;
        }

        if (ScanPlain(text) || (_decoded?.ScanPlain(text) ?? false))
        {
            return true;
        }

        if (_projected is null)
        {
            return false;
        }

        // The letters-and-digits projection (RedactionText.LettersAndDigits) of a plain text: its ASCII letters and digits, lower case.
        Span<char> projection = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        int n = 0;
        foreach (char c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                projection[n++] = char.ToLowerInvariant(c);
            }
        }

        return _projected.ScanPlain(projection[..n]);
    }

    private bool ScanPlain(ReadOnlySpan<char> chars)
    {
        for (int j = 0; j + _window <= chars.Length; j++)
        {
            if (Find(chars.Slice(j, _window)) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A server text in which nothing was hidden, and what redaction returned for it.</summary>
    /// <param name="Text">The text.</param>
    /// <param name="Result">The result.</param>
    private sealed record CleanText(string Text, string Result);

    /// <summary>A very short key counts only when it is not part of a longer word.</summary>
    private bool StandsAlone(RedactionText text, int j)
    {
        int end = j + _window;
        bool before = j == 0 || text.BreakBefore(j) || !char.IsLetterOrDigit(text[j - 1]);
        bool after = end == text.Length || text.BreakBefore(end) || !char.IsLetterOrDigit(text[end]);
        return before && after;
    }
}
