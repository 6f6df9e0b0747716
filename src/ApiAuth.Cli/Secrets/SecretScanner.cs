using System.Text.RegularExpressions;
using ApiAuth.Cli.Doctor;

namespace ApiAuth.Cli.Secrets;

/// <summary>
/// Finds key-shaped secrets in text: the published formats of AI vendors' keys (and the usual non-AI strays such as
/// GitHub and AWS tokens), plus any long value assigned to a known key variable (Azure keys have no prefix).
/// Patterns follow gitleaks' default rules; placeholders (<c>sk-proj-xxxx…</c>, <c>${OPENAI_API_KEY}</c>) are skipped.
/// </summary>
internal static partial class SecretScanner
{
    /// <summary>Scans text line by line.</summary>
    public static List<SecretFinding> Scan(string text, int maxFindings = 100)
    {
        var findings = new List<SecretFinding>();
        int lineNumber = 0;
        foreach (ReadOnlySpan<char> line in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            if (line.Length < 16 || line.Length > 100_000)
            {
                continue;
            }

            string? lineText = null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (ValueMatch match in KeyPattern().EnumerateMatches(line))
            {
                string token = line.Slice(match.Index, match.Length).ToString();
                if (seen.Add(token) && Describe(token, variable: null) is { } finding)
                {
                    findings.Add(finding with { Line = lineNumber });
                }
            }

            if (line.Contains("_KEY", StringComparison.Ordinal))
            {
                lineText ??= line.ToString();
                foreach (Match match in AssignmentPattern().Matches(lineText))
                {
                    string token = match.Groups["value"].Value;
                    if (seen.Add(token) && LooksRandom(token) && Describe(token, match.Groups["name"].Value) is { } finding)
                    {
                        findings.Add(finding with { Line = lineNumber });
                    }
                }
            }

            if (findings.Count >= maxFindings)
            {
                break;
            }
        }

        return findings;
    }

    private static SecretFinding? Describe(string token, string? variable)
    {
        KeyCheck check = ApiAuthDiagnostics.CheckKey(token, "generic");
        if (check.Failure is { Cause: AuthFailureCause.PlaceholderKey } || IsFiller(token))
        {
            return null;
        }

        ProviderSetup? byVariable = variable is not null && ProviderSetup.ByKeyVariable.TryGetValue(variable, out ProviderSetup? p) ? p : null;
        return new SecretFinding(0, check.KeyHint, check.Vendor ?? byVariable?.Id, check.VendorName ?? byVariable?.Name ?? "unrecognised", variable, token);
    }

    /// <summary>A value whose body is one repeated character or a run of x's is an example, not a key.</summary>
    private static bool IsFiller(string token)
    {
        int start = token.LastIndexOfAny(['-', '_']) + 1;
        ReadOnlySpan<char> body = token.AsSpan(start < token.Length - 8 ? start : 0);
        int distinct = 0;
        Span<bool> seen = stackalloc bool[128];
        foreach (char c in body)
        {
            if (c < 128 && !seen[c])
            {
                seen[c] = true;
                distinct++;
            }
        }

        return distinct <= 3 || body.Contains("xxxx", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>An assigned value counts only if it mixes letters and digits (not an identifier like <c>Environment.GetEnvironmentVariable</c>).</summary>
    private static bool LooksRandom(string token) =>
        token.AsSpan().IndexOfAnyInRange('0', '9') >= 0 && token.Any(char.IsAsciiLetter);

    [GeneratedRegex(
        @"(?<![A-Za-z0-9_\-])(?:" +
        @"sk-ant-(?:api|admin|oat)\d{2}-[A-Za-z0-9_\-]{32,}" +
        @"|sk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_\-]{20,}" +
        @"|sk-or-v1-[a-f0-9]{64}" +
        @"|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}" +
        @"|AIza[0-9A-Za-z_\-]{35}" +
        @"|gsk_[A-Za-z0-9]{52}" +
        @"|xai-[A-Za-z0-9]{70,}" +
        @"|pplx-[A-Za-z0-9]{40,}" +
        @"|hf_[A-Za-z]{34}" +
        @"|r8_[A-Za-z0-9]{37}" +
        @"|gh[pousr]_[A-Za-z0-9]{36}" +
        @"|github_pat_[A-Za-z0-9_]{82}" +
        @"|glpat-[A-Za-z0-9_\-]{20}" +
        @"|(?:AKIA|ASIA)[0-9A-Z]{16}" +
        @"|[sr]k_live_[0-9A-Za-z]{24,}" +
        @"|xox[bp]-[0-9A-Za-z\-]{20,}" +
        @")(?![A-Za-z0-9_\-])",
        RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    /// <summary>A value assigned to a key variable of a provider the doctor checks (the names come from the library's catalog).</summary>
    private static Regex AssignmentPattern() => s_assignment;

    private static readonly Regex s_assignment = new(
        @"\b(?<name>" + string.Join('|', ProviderSetup.ByKeyVariable.Keys.Select(Regex.Escape)) + @")\b[""']?\s*(?:=|:|:=|=>)\s*[""'`]?(?<value>[A-Za-z0-9_\-]{20,})(?![A-Za-z0-9_\-.(])",
        RegexOptions.CultureInvariant);
}
