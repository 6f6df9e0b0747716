using System.Text;
using ApiAuth.Cli.Secrets;
using ApiAuth.Internal;

namespace ApiAuth.Cli.Doctor;

/// <summary>
/// Key-shaped secrets in the files git tracks: the seed of "my key was revoked automatically" (it leaked).
/// Bounded: binaries and files over 1 MiB are skipped, and the report lists file, line and key hint only.
/// </summary>
internal static class SecretChecks
{
    /// <summary>The largest file scanned.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>The most findings listed one by one.</summary>
    public const int MaxListed = 50;

    private static readonly HashSet<string> BinaryExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".ico", ".webp", ".pdf", ".zip", ".gz", ".tgz", ".7z", ".rar", ".dll", ".exe",
        ".so", ".dylib", ".a", ".o", ".obj", ".pdb", ".woff", ".woff2", ".ttf", ".otf", ".eot", ".snk", ".pfx", ".p12",
        ".nupkg", ".snupkg", ".jar", ".class", ".pyc", ".mp3", ".mp4", ".mov", ".wav", ".avi", ".bin", ".dat", ".db", ".sqlite",
    };

    public static void Run(IWorkspace workspace, string? repositoryRoot, IReadOnlyList<string> tracked, IReadOnlyDictionary<string, string> environmentKeys, List<CheckResult> results)
    {
        if (repositoryRoot is null)
        {
            results.Add(new CheckResult("secrets.no-repository", CheckCategory.Secrets, CheckStatus.Info, "Not in a git repository (or git is not installed): no tracked files to scan"));
            return;
        }

        int scanned = 0, skipped = 0, total = 0;
        foreach (string relative in tracked)
        {
            string path = Path.Combine(repositoryRoot, relative.Replace('/', Path.DirectorySeparatorChar));
            if (BinaryExtensions.Contains(Path.GetExtension(relative)))
            {
                skipped++;
                continue;
            }

            long? length = workspace.GetFileLength(path);
            if (length is null)
            {
                continue;
            }

            if (length > MaxFileBytes)
            {
                skipped++;
                continue;
            }

            byte[]? bytes = workspace.ReadFile(path, MaxFileBytes);
            if (bytes is null)
            {
                continue;
            }

            if (bytes.AsSpan(0, Math.Min(bytes.Length, 8000)).Contains((byte)0))
            {
                skipped++;
                continue;
            }

            scanned++;
            foreach (SecretFinding finding in SecretScanner.Scan(Encoding.UTF8.GetString(bytes)))
            {
                total++;
                if (total > MaxListed)
                {
                    continue;
                }

                string? sameAs = environmentKeys.FirstOrDefault(e => string.Equals(e.Value.Trim(), finding.Value, StringComparison.Ordinal)).Key;
                results.Add(new CheckResult("secrets.committed", CheckCategory.Secrets, CheckStatus.Fail,
                    $"{relative}:{finding.Line}: {Article.With(finding.VendorName)} key ({finding.KeyHint}) is committed")
                {
                    Provider = (sameAs is null ? null : ProviderSetup.ForVariable(sameAs)?.Id) ?? ProviderSetup.ForVendor(finding.Vendor)?.Id,
                    File = relative,
                    Line = finding.Line,
                    KeyHint = finding.KeyHint,
                    Variable = sameAs,
                    Detail = sameAs is null
                        ? null
                        : $"It is the key in {sameAs}: providers revoke keys they find in public code, which would explain an invalid-key 401.",
                    Remediation = $"Treat it as leaked: revoke it ({KeysUrl(finding)}), create a new key, remove this one from the file and from history (git filter-repo), and keep keys in an untracked .env or a secret store.",
                });
            }
        }

        if (total > MaxListed)
        {
            results.Add(new CheckResult("secrets.more", CheckCategory.Secrets, CheckStatus.Fail, $"… and {total - MaxListed} more committed keys (only the first {MaxListed} are listed)"));
        }

        if (total == 0)
        {
            results.Add(new CheckResult("secrets.none", CheckCategory.Secrets, CheckStatus.Pass,
                $"No key-shaped secrets in {scanned} tracked files" + (skipped > 0 ? $" ({skipped} skipped: binary or over 1 MiB)" : string.Empty)));
        }
    }

    /// <summary>Where to revoke the key: the doctor's page for its provider, else the catalog's keys page for its vendor.</summary>
    private static string KeysUrl(SecretFinding finding) => ProviderSetup.ForVendor(finding.Vendor) switch
    {
        { Kind: BaseUrlKind.Azure } azure => azure.KeysUrl + ": regenerate the key",
        { } setup => setup.KeysUrl,
        null => (finding.Vendor is null ? null : ApiAuthProviderInfo.Find(finding.Vendor)?.KeysUrl) ?? $"in the {finding.VendorName} dashboard",
    };
}
