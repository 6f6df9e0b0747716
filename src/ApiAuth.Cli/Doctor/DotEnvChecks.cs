using System.Text;
using ApiAuth.Cli.Secrets;

namespace ApiAuth.Cli.Doctor;

/// <summary>
/// The .env half of the checklist, in the current directory and each parent up to the repository root:
/// a variable defined there but not loaded in this process, a value that differs from the environment (a stale export),
/// and a .env file that git tracks.
/// </summary>
internal static class DotEnvChecks
{
    /// <summary>The largest .env file read.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    private static readonly string[] TemplateSuffixes = [".example", ".sample", ".template", ".dist", ".defaults", ".tmpl", ".schema"];

    /// <summary>Runs the checks and returns the credential variables the files define (name → "file:line"), nearest file first.</summary>
    public static Dictionary<string, string> Run(IDoctorEnvironment environment, IWorkspace workspace, string? repositoryRoot, IReadOnlySet<string> tracked, List<CheckResult> results)
    {
        var definitions = new Dictionary<string, string>(StringComparer.Ordinal);
        int files = 0;
        foreach (string directory in Directories(workspace.CurrentDirectory, repositoryRoot))
        {
            foreach (string name in workspace.ListFileNames(directory).Where(IsDotEnv).Order(StringComparer.Ordinal))
            {
                string path = Path.Combine(directory, name);
                string display = Display(path, repositoryRoot, workspace.CurrentDirectory);
                byte[]? bytes = workspace.ReadFile(path, MaxFileBytes);
                if (bytes is null)
                {
                    continue;
                }

                files++;
                string text = Encoding.UTF8.GetString(bytes);
                IReadOnlyList<DotEnvEntry> entries = DotEnvParser.Parse(text);
                CheckFile(environment, display, entries, definitions, results);

                string? relative = repositoryRoot is null ? null : Path.GetRelativePath(repositoryRoot, path).Replace('\\', '/');
                if (relative is not null && tracked.Contains(relative))
                {
                    ReportTracked(display, entries, text, results);
                }
            }
        }

        if (files == 0)
        {
            results.Add(new CheckResult("dotenv.none", CheckCategory.DotEnv, CheckStatus.Info,
                repositoryRoot is null ? "No .env file in this directory" : "No .env file between this directory and the repository root"));
        }

        return definitions;
    }

    private static void CheckFile(IDoctorEnvironment environment, string display, IReadOnlyList<DotEnvEntry> entries, Dictionary<string, string> definitions, List<CheckResult> results)
    {
        int relevant = 0;
        foreach (DotEnvEntry entry in entries)
        {
            if (!ProviderSetup.AllVariables.Contains(entry.Name))
            {
                continue;
            }

            relevant++;
            string where = $"{display}:{entry.Line}";
            definitions.TryAdd(entry.Name, where);
            bool isKey = ProviderSetup.ByKeyVariable.TryGetValue(entry.Name, out ProviderSetup? keyProvider);
            string? process = environment.GetVariable(entry.Name);
            string id = $"dotenv.{display}.{entry.Name}";
            string? hint = isKey ? ApiAuthDiagnostics.CheckKey(entry.Value, "generic").KeyHint : null;

            if (process is null)
            {
                results.Add(new CheckResult($"{id}.not-loaded", CheckCategory.DotEnv, CheckStatus.Warn, $"{entry.Name} is defined in {where} but not set in this process")
                {
                    Provider = keyProvider?.Id,
                    Variable = entry.Name,
                    KeyHint = hint,
                    File = display,
                    Line = entry.Line,
                    Remediation = "A .env file is read only by code that loads it (python-dotenv, dotenv, DotNetEnv, docker compose). If your app does not, export the variable (bash: set -a; . ./.env; set +a).",
                });
            }
            else if (!string.Equals(process, entry.Value, StringComparison.Ordinal))
            {
                bool whitespaceOnly = string.Equals(process.Trim(), entry.Value.Trim(), StringComparison.Ordinal);
                string shown = isKey
                    ? $"the environment has {ApiAuthDiagnostics.CheckKey(process, "generic").KeyHint}, the file has {hint}"
                    : $"the environment has \"{process.Trim()}\", the file has \"{entry.Value.Trim()}\"";
                results.Add(new CheckResult($"{id}.differs", CheckCategory.DotEnv, CheckStatus.Warn,
                    whitespaceOnly ? $"{entry.Name} in {where} differs from the environment only by whitespace" : $"{entry.Name} in {where} differs from the environment: {shown}")
                {
                    Provider = keyProvider?.Id,
                    Variable = entry.Name,
                    KeyHint = hint,
                    File = display,
                    Line = entry.Line,
                    Remediation = whitespaceOnly
                        ? "Remove the stray whitespace from the one that has it."
                        : $"A stale export: most .env loaders do not override a variable that is already set, so the environment's value wins. If you changed it in {display}, run `unset {entry.Name}` (or open a new terminal) and load the file again; otherwise fix the file.",
                });
            }
            else
            {
                results.Add(new CheckResult($"{id}.matches", CheckCategory.DotEnv, CheckStatus.Pass, $"{entry.Name} in {where} matches the environment")
                {
                    Provider = keyProvider?.Id,
                    Variable = entry.Name,
                    KeyHint = hint,
                    File = display,
                    Line = entry.Line,
                });
            }

            if (isKey && process is null && entry.Value.Length > 0 && ApiAuthDiagnostics.CheckKey(entry.Value, keyProvider!.Id).Failure is { } failure)
            {
                results.Add(new CheckResult($"{id}.key", CheckCategory.DotEnv, CheckStatus.Warn, $"{entry.Name} in {where}: {failure.Description}")
                {
                    Provider = keyProvider.Id,
                    Variable = entry.Name,
                    KeyHint = hint,
                    File = display,
                    Line = entry.Line,
                    Cause = failure.Cause.ToString(),
                    Remediation = failure.Remediation,
                });
            }
        }

        if (relevant == 0)
        {
            results.Add(new CheckResult($"dotenv.{display}.irrelevant", CheckCategory.DotEnv, CheckStatus.Info, $"{display} defines no AI API variables") { File = display });
        }
    }

    private static void ReportTracked(string display, IReadOnlyList<DotEnvEntry> entries, string text, List<CheckResult> results)
    {
        bool holdsSecret = SecretScanner.Scan(text, maxFindings: 1).Count > 0
            || entries.Any(e => ProviderSetup.ByKeyVariable.TryGetValue(e.Name, out ProviderSetup? p)
                && e.Value.Trim().Length > 0
                && ApiAuthDiagnostics.CheckKey(e.Value, p.Id).Failure is not { Cause: AuthFailureCause.PlaceholderKey or AuthFailureCause.MissingKey });
        results.Add(new CheckResult($"dotenv.{display}.tracked", CheckCategory.DotEnv, holdsSecret ? CheckStatus.Fail : CheckStatus.Warn,
            holdsSecret ? $"{display} is tracked by git and holds a key" : $"{display} is tracked by git")
        {
            File = display,
            Remediation = holdsSecret
                ? $"Run `git rm --cached {display}`, add it to .gitignore, and rotate every key it held: it is in the history, and a pushed key is found and often revoked automatically. Commit a {display}.example with placeholders instead."
                : $"Keep real keys out of it: run `git rm --cached {display}` and add it to .gitignore, or keep only non-secret settings in it.",
        });
    }

    internal static bool IsDotEnv(string name)
    {
        if (name == ".env")
        {
            return true;
        }

        if (!name.StartsWith(".env.", StringComparison.Ordinal))
        {
            return false;
        }

        return !TemplateSuffixes.Any(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The current directory, then each parent up to and including the repository root (only the current one outside a repository).</summary>
    internal static IEnumerable<string> Directories(string current, string? repositoryRoot)
    {
        string? directory = Path.TrimEndingDirectorySeparator(current);
        yield return directory;
        if (repositoryRoot is null)
        {
            yield break;
        }

        string root = Path.TrimEndingDirectorySeparator(repositoryRoot);
        StringComparison comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (!directory.StartsWith(root, comparison))
        {
            yield break;
        }

        while (!string.Equals(directory, root, comparison))
        {
            directory = Path.GetDirectoryName(directory);
            if (directory is null)
            {
                yield break;
            }

            yield return directory;
        }
    }

    internal static string Display(string path, string? repositoryRoot, string currentDirectory)
    {
        string relative = Path.GetRelativePath(repositoryRoot ?? currentDirectory, path);
        return relative.Replace('\\', '/');
    }
}
