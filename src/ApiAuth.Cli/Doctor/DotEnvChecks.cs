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
    /// <param name="environment">The process environment.</param>
    /// <param name="workspace">The files and git.</param>
    /// <param name="repositoryRoot">The repository root, if any.</param>
    /// <param name="tracked">The files git tracks.</param>
    /// <param name="projectDirectories">The directories under the current one to read too (<see cref="ProjectLocator"/>).</param>
    /// <param name="options">The doctor's options (the provider filter).</param>
    /// <param name="results">Where the checks go.</param>
    public static Dictionary<string, string> Run(IDoctorEnvironment environment, IWorkspace workspace, string? repositoryRoot, IReadOnlySet<string> tracked,
        IReadOnlyList<string> projectDirectories, DoctorOptions options, List<CheckResult> results)
    {
        var definitions = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = new List<(string Path, string Display, string Text)>();
        foreach (string directory in Directories(workspace.CurrentDirectory, repositoryRoot).Concat(projectDirectories).Distinct(StringComparer.Ordinal))
        {
            foreach (string name in workspace.ListFileNames(directory).Where(IsDotEnv).Order(StringComparer.Ordinal))
            {
                string path = Path.Combine(directory, name);
                if (workspace.ReadFile(path, MaxFileBytes) is { } bytes)
                {
                    files.Add((path, Display(path, repositoryRoot, workspace.CurrentDirectory), Encoding.UTF8.GetString(bytes)));
                }
            }
        }

        string? Relative(string path) => repositoryRoot is null ? null : Path.GetRelativePath(repositoryRoot, path).Replace('\\', '/');
        IReadOnlySet<string> ignored = repositoryRoot is null
            ? new HashSet<string>()
            : workspace.FindIgnored(repositoryRoot, [.. files.Select(f => Relative(f.Path)!).Where(r => !tracked.Contains(r))]);

        int checkedFiles = 0;
        foreach ((string path, string display, string text) in files)
        {
            IReadOnlyList<DotEnvEntry> entries = DotEnvParser.Parse(text);
            if (options.Providers.Count > 0 && !entries.Any(e => ProviderSetup.ForVariable(e.Name) is { } p && options.Includes(p)))
            {
                continue;
            }

            checkedFiles++;
            string source = Path.GetRelativePath(workspace.CurrentDirectory, path).Replace('\\', '/');
            source = source.StartsWith("./", StringComparison.Ordinal) || source.StartsWith("../", StringComparison.Ordinal) ? source : "./" + source;
            DotEnvLintResult lint = DotEnvLint.Run(text, display);
            bool holdsKey = CheckFile(environment, display, source, entries, lint, options, definitions, results);

            string? relative = Relative(path);
            if (relative is not null && tracked.Contains(relative))
            {
                ReportTracked(display, entries, text, results);
            }
            else if (relative is not null && !ignored.Contains(relative))
            {
                results.Add(new CheckResult("dotenv.not-ignored", CheckCategory.DotEnv, holdsKey ? CheckStatus.Warn : CheckStatus.Info, $"{display} is not git-ignored")
                {
                    File = display,
                    Remediation = $"Add it to .gitignore (echo '{Path.GetFileName(path)}' >> {(relative.Contains('/', StringComparison.Ordinal) ? relative[..(relative.LastIndexOf('/') + 1)] : string.Empty)}.gitignore): the next `git add .` would commit it, and a pushed key is found and often revoked automatically.",
                });
            }
        }

        if (checkedFiles == 0)
        {
            results.Add(new CheckResult("dotenv.none", CheckCategory.DotEnv, CheckStatus.Info,
                repositoryRoot is null ? "No .env file in this directory or the projects under it" : "No .env file between this directory and the repository root, or in the projects under it"));
        }

        return definitions;
    }

    /// <summary>Checks one file's lines and values; returns whether it holds a key.</summary>
    private static bool CheckFile(IDoctorEnvironment environment, string display, string source, IReadOnlyList<DotEnvEntry> entries, DotEnvLintResult lint,
        DoctorOptions options, Dictionary<string, string> definitions, List<CheckResult> results)
    {
        foreach (DotEnvProblem problem in lint.Problems.OrderBy(p => p.Line))
        {
            ProviderSetup? provider = problem.Variable is null ? null : ProviderSetup.ForVariable(problem.Variable);
            if (provider is not null && !options.Includes(provider))
            {
                continue;
            }

            results.Add(new CheckResult($"dotenv.{problem.Code}", CheckCategory.DotEnv, problem.Status, problem.Title)
            {
                Provider = provider?.Id,
                Variable = problem.Variable,
                File = display,
                Line = problem.Line,
                Remediation = problem.Remediation,
            });
        }

        if (lint.ExportLines.Count > 0)
        {
            results.Add(new CheckResult("dotenv.export", CheckCategory.DotEnv, CheckStatus.Info,
                $"{display}: 'export' on line{(lint.ExportLines.Count == 1 ? string.Empty : "s")} {string.Join(", ", lint.ExportLines)} is fine (loaders skip it; it lets a shell source the file)")
            {
                File = display,
                Line = lint.ExportLines[0],
            });
        }

        bool holdsKey = false;
        int relevant = 0;
        var notLoaded = new List<DotEnvEntry>();
        foreach (DotEnvEntry entry in entries.GroupBy(e => e.Name, StringComparer.Ordinal).Select(g => g.Last()))
        {
            if (!ProviderSetup.AllVariables.Contains(entry.Name))
            {
                continue;
            }

            ProviderSetup? provider = ProviderSetup.ForVariable(entry.Name);
            if (provider is not null && !options.Includes(provider))
            {
                continue;
            }

            relevant++;
            string where = $"{display}:{entry.Line}";
            definitions.TryAdd(entry.Name, where);
            bool isKey = ProviderSetup.ByKeyVariable.ContainsKey(entry.Name);
            bool lineProblems = lint.HasProblemOn(entry.Line);
            var template = new CheckResult("dotenv", CheckCategory.DotEnv, CheckStatus.Info, string.Empty)
            {
                Provider = provider?.Id,
                Variable = entry.Name,
                File = display,
                Line = entry.Line,
            };

            string? hint = null;
            if (isKey)
            {
                hint = ApiAuthDiagnostics.CheckKey(LiteralEscapes.Remove(entry.Value), "generic").KeyHint;
                template = template with { KeyHint = hint };
                if (!lineProblems && !lint.Problems.Any(p => p.Code is "crlf" or "bom" && p.Line == entry.Line))
                {
                    // The line's own problems (a literal escape, a quote) are the diagnosis; the key check would only restate them.
                    KeyValueOutcome outcome = KeyValueChecks.Check(entry.Value, provider!.Id, null, $"{entry.Name} in {where}", template, "dotenv.key", emptyIsProblem: true, results);
                    holdsKey |= outcome.HoldsKey;
                }
                else
                {
                    holdsKey |= entry.Value.Trim().Length > 0;
                }
            }
            else if (ProviderSetup.ForBaseUrlVariable(entry.Name) is { } urlProvider)
            {
                FileBaseUrls.Check(urlProvider, entry.Value, display, entry.Line, "dotenv", CheckCategory.DotEnv, results);
            }

            string? process = environment.GetVariable(entry.Name);
            if (process is null)
            {
                notLoaded.Add(entry);
            }
            else if (string.Equals(process, entry.Value, StringComparison.Ordinal))
            {
                results.Add(template with
                {
                    Id = "dotenv.matches",
                    Status = lineProblems ? CheckStatus.Info : CheckStatus.Pass,
                    Title = lineProblems ? $"{entry.Name} in {where} matches the environment, problems on that line included" : $"{entry.Name} in {where} matches the environment",
                });
            }
            else if (lint.ShellValues.Where(v => v.Value.Name == entry.Name && string.Equals(process, v.Value.Value, StringComparison.Ordinal)).Select(v => (int?)v.Key).FirstOrDefault() is { } sourcedLine)
            {
                where = $"{display}:{sourcedLine}";
                results.Add(template with
                {
                    Id = "dotenv.sourced",
                    Status = CheckStatus.Fail,
                    Line = sourcedLine,
                    Title = $"{entry.Name} in this process was set by sourcing {display} in a shell, which read {where} differently from a .env loader",
                    Cause = isKey ? nameof(AuthFailureCause.MalformedKey) : null,
                    Detail = $"The shell kept {ShellDifference(process, entry.Value)}.",
                    Remediation = $"Fix the file (see its lines above), then run `unset {entry.Name}` and load it again.",
                });
            }
            else
            {
                bool whitespaceOnly = string.Equals(process.Trim(), entry.Value.Trim(), StringComparison.Ordinal);
                string shown = isKey
                    ? $"the environment has {ApiAuthDiagnostics.CheckKey(LiteralEscapes.Remove(process), "generic").KeyHint}, the file has {hint}"
                    : $"the environment has \"{process.Trim()}\", the file has \"{entry.Value.Trim()}\"";
                results.Add(template with
                {
                    Id = "dotenv.differs",
                    Status = CheckStatus.Warn,
                    Title = whitespaceOnly ? $"{entry.Name} in {where} differs from the environment only by whitespace" : $"{entry.Name} in {where} differs from the environment: {shown}",
                    Remediation = whitespaceOnly
                        ? "Remove the stray whitespace from the one that has it."
                        : "A stale export: most .env loaders do not override a variable that is already set, so the environment's value wins. If you changed the file, unset the variable (or open a new terminal) and load the file again; otherwise fix the file.",
                });
            }
        }

        if (notLoaded.Count > 0)
        {
            results.Add(NotLoaded(display, source, notLoaded, lint));
        }

        if (relevant == 0)
        {
            results.Add(new CheckResult("dotenv.irrelevant", CheckCategory.DotEnv, CheckStatus.Info, $"{display} defines no AI API variables") { File = display });
        }

        return holdsKey;
    }

    /// <summary>One result per file for its variables this process does not have, with the sourcing advice only when sourcing is safe.</summary>
    private static CheckResult NotLoaded(string display, string source, List<DotEnvEntry> entries, DotEnvLintResult lint)
    {
        string names = string.Join(", ", entries.Select(e => $"{e.Name} (line {e.Line})"));
        string loaders = "A .env file is read only by code that loads it (DotNetEnv's Env.Load(), python-dotenv, dotenv, docker compose's env_file).";
        string remediation;
        if (lint.SafeToSource)
        {
            remediation = $"{loaders} If your app does not load it, load it into this shell: set -a; . {source}; set +a";
        }
        else
        {
            List<DotEnvProblem> blocking = [.. lint.Problems.Where(p => p.BlocksSourcing)];
            var fixes = blocking.Where(p => p.Fix is not null).Select(p => p.Fix!).Distinct().ToList();
            var lines = blocking.Where(p => p.Fix is null).Select(p => p.Line).Distinct().Order().ToList();
            string steps = string.Join("; then ", fixes.Append(lines.Count == 0 ? null : $"fix line{(lines.Count == 1 ? string.Empty : "s")} {string.Join(", ", lines)} as said above").OfType<string>());
            remediation = $"{loaders} Do not source it in a shell as it is ({string.Join(", ", blocking.Select(p => p.Code).Distinct())}): it would set wrong values or fail. Fix it first: {steps}. Then: set -a; . {source}; set +a";
        }

        return new CheckResult("dotenv.not-loaded", CheckCategory.DotEnv, CheckStatus.Warn, $"{display} defines {names}, not set in this process")
        {
            Provider = entries.Select(e => ProviderSetup.ForVariable(e.Name)?.Id).Distinct().Count() == 1 ? ProviderSetup.ForVariable(entries[0].Name)?.Id : null,
            Variable = entries[0].Name,
            File = display,
            Line = entries[0].Line,
            Remediation = remediation,
        };
    }

    private static string ShellDifference(string shell, string loader)
    {
        var kept = new List<string>();
        if (shell.Contains('\r', StringComparison.Ordinal) && !loader.Contains('\r', StringComparison.Ordinal))
        {
            kept.Add("a carriage return (\\r) from the CRLF line ending");
        }

        if (LiteralEscapes.Find(shell) is { } escape)
        {
            kept.Add($"a literal {escape.Text} (a backslash and a letter) that a loader turns into a control character");
        }

        return kept.Count == 0 ? "different characters than a loader would" : string.Join(" and ", kept);
    }

    private static void ReportTracked(string display, IReadOnlyList<DotEnvEntry> entries, string text, List<CheckResult> results)
    {
        bool holdsSecret = SecretScanner.Scan(text, maxFindings: 1).Count > 0
            || entries.Any(e => ProviderSetup.ByKeyVariable.TryGetValue(e.Name, out ProviderSetup? p)
                && e.Value.Trim().Length > 0
                && ApiAuthDiagnostics.CheckKey(e.Value, p.Id).Failure is not { Cause: AuthFailureCause.PlaceholderKey or AuthFailureCause.MissingKey });
        results.Add(new CheckResult("dotenv.tracked", CheckCategory.DotEnv, holdsSecret ? CheckStatus.Fail : CheckStatus.Warn,
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
