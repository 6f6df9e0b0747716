namespace ApiAuth.Cli.Doctor.Sources;

/// <summary>
/// Where .NET apps keep keys: appsettings*.json, user secrets, Properties/launchSettings.json and environment variables,
/// in the current directory and the projects under it. Each key found gets the same checks as an environment variable,
/// each file holding one is checked against git (tracked, or not ignored), and for each key the report says which source
/// wins under the default host builder's order: appsettings.json &lt; appsettings.{env}.json &lt; user secrets (Development
/// only) &lt; environment variables (<c>__</c> maps to <c>:</c>), with a launch profile's variables set last by <c>dotnet run</c>.
/// </summary>
internal static class ConfigSourceChecks
{
    private const int MaxFileBytes = 1024 * 1024;

    /// <summary>Runs the checks over <paramref name="directories"/> (from <see cref="ProjectLocator"/>).</summary>
    public static void Run(IDoctorEnvironment environment, IWorkspace workspace, string? repositoryRoot, IReadOnlySet<string> tracked, IReadOnlyList<string> directories, DoctorOptions options, List<CheckResult> results)
    {
        int before = results.Count;
        List<ConfigValue> fromEnvironment = [.. EnvironmentValues(environment)];
        var filesWithKeys = new List<(ConfigSourceKind Kind, string Path, string Display)>();
        int projects = 0;
        foreach (string directory in directories)
        {
            IReadOnlyList<string> names = workspace.ListFileNames(directory);
            string[] appSettings = [.. names.Where(IsAppSettings).Order(StringComparer.OrdinalIgnoreCase)];
            string[] projectFiles = [.. names.Where(UserSecretsLocator.IsProjectFile).Order(StringComparer.Ordinal)];
            string launchPath = Path.Combine(directory, "Properties", "launchSettings.json");
            bool hasLaunch = workspace.GetFileLength(launchPath) is not null;
            if (appSettings.Length == 0 && projectFiles.Length == 0 && !hasLaunch)
            {
                continue;
            }

            projects++;
            string project = ProjectDisplay(directory, repositoryRoot, workspace.CurrentDirectory);
            var values = new List<ConfigValue>();
            var notInOrder = new List<string>();

            foreach (string name in appSettings)
            {
                string path = Path.Combine(directory, name);
                string display = Display(path, repositoryRoot, workspace.CurrentDirectory);
                string? environmentName = name.Length > "appsettings..json".Length ? name["appsettings.".Length..^".json".Length] : null;
                bool applies = environmentName is null || string.Equals(environmentName, options.Environment, StringComparison.OrdinalIgnoreCase);
                ConfigSourceKind kind = environmentName is null ? ConfigSourceKind.AppSettings : ConfigSourceKind.AppSettingsEnvironment;
                List<ConfigValue>? read = ReadJson(workspace, path, display, kind, "appsettings", results);
                if (read is null)
                {
                    continue;
                }

                if (applies)
                {
                    values.AddRange(read);
                }
                else if (read.Any(v => IsRelevant(v.Key)))
                {
                    notInOrder.Add($"{display} (read only when the environment is {environmentName})");
                }

                CheckValues(read, "appsettings", values, options, results, filesWithKeys, kind, path, display);
            }

            foreach (string projectFile in projectFiles)
            {
                byte[]? text = workspace.ReadFile(Path.Combine(directory, projectFile), MaxFileBytes);
                if (text is null || UserSecretsLocator.ReadId(text) is not { } id || UserSecretsLocator.PathFor(id, environment) is not { } secrets)
                {
                    continue;
                }

                if (workspace.GetFileLength(secrets.Path) is null)
                {
                    results.Add(new CheckResult("source.user-secrets.none", CheckCategory.Sources, CheckStatus.Info, $"{projectFile} has a UserSecretsId and no secrets.json yet")
                    {
                        File = secrets.Display,
                        Detail = $"Keep the key there, out of the repository: dotnet user-secrets set \"ApiAuth:ApiKey\" \"<key>\" --project {Display(Path.Combine(directory, projectFile), repositoryRoot, workspace.CurrentDirectory)}",
                    });
                    continue;
                }

                List<ConfigValue>? read = ReadJson(workspace, secrets.Path, secrets.Display, ConfigSourceKind.UserSecrets, "user-secrets", results);
                if (read is null)
                {
                    continue;
                }

                bool development = string.Equals(options.Environment, "Development", StringComparison.OrdinalIgnoreCase);
                if (development)
                {
                    values.AddRange(read);
                }
                else if (read.Any(v => IsRelevant(v.Key)))
                {
                    notInOrder.Add($"user secrets {secrets.Display} (read only in Development)");
                }

                CheckValues(read, "user-secrets", values, options, results, filesWithKeys, ConfigSourceKind.UserSecrets, secrets.Path, secrets.Display);
            }

            if (hasLaunch)
            {
                string display = Display(launchPath, repositoryRoot, workspace.CurrentDirectory);
                List<ConfigValue>? read = ReadLaunchSettings(workspace, launchPath, display, options, results);
                if (read is not null)
                {
                    values.AddRange(read);
                    CheckValues(read, "launch-settings", values, options, results, filesWithKeys, ConfigSourceKind.LaunchSettings, launchPath, display);
                }
            }

            Precedence(project, values, fromEnvironment, notInOrder, options, results);
        }

        CheckGit(workspace, repositoryRoot, tracked, filesWithKeys, results);

        if (projects > 0 && results.Count == before)
        {
            results.Add(new CheckResult("source.none", CheckCategory.Sources, CheckStatus.Info,
                $"{projects} project director{(projects == 1 ? "y" : "ies")} read: no key in appsettings*.json, user secrets or launchSettings.json"));
        }

        if (projects == 0)
        {
            results.Add(new CheckResult("source.none", CheckCategory.Sources, CheckStatus.Info, "No .NET project here or below (no *.csproj, appsettings*.json or Properties/launchSettings.json)"));
        }
    }

    internal static bool IsAppSettings(string name) =>
        name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase)
        && name.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
        && (name.Length == "appsettings.json".Length || name[11] == '.');

    /// <summary>Whether a configuration key names a key (<c>ApiAuth:ApiKey</c>, <c>ApiAuth:Clients:x:ApiKey</c>, <c>OpenAI:ApiKey</c>, <c>OPENAI_API_KEY</c>).</summary>
    internal static bool IsKeyName(string key)
    {
        string last = key[(key.LastIndexOf(':') + 1)..];
        return last.Equals("ApiKey", StringComparison.OrdinalIgnoreCase)
            || ProviderSetup.ByKeyVariable.Keys.Any(v => v.Equals(key, StringComparison.OrdinalIgnoreCase));
    }

    internal static ProviderSetup? BaseUrlProvider(string key) =>
        ProviderSetup.All.FirstOrDefault(p => p.BaseUrlVariable.Equals(key, StringComparison.OrdinalIgnoreCase));

    private static bool IsRelevant(string key) => IsKeyName(key) || BaseUrlProvider(key) is not null;

    private static IEnumerable<ConfigValue> EnvironmentValues(IDoctorEnvironment environment)
    {
        foreach ((string name, string value) in environment.GetVariables().OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            string key = name.Replace("__", ":", StringComparison.Ordinal);
            if (IsRelevant(key) && (key.Contains(':', StringComparison.Ordinal) || ProviderSetup.ForVariable(name) is not null))
            {
                yield return new ConfigValue(ConfigSourceKind.Environment, key, value, null, null, $"environment variable {name}");
            }
        }
    }

    private static List<ConfigValue>? ReadJson(IWorkspace workspace, string path, string display, ConfigSourceKind kind, string kindId, List<CheckResult> results)
    {
        byte[]? bytes = workspace.ReadFile(path, MaxFileBytes);
        if (bytes is null)
        {
            return null;
        }

        if (JsonConfigReader.Read(bytes) is not { } values)
        {
            results.Add(new CheckResult($"source.{kindId}.invalid-json", CheckCategory.Sources, CheckStatus.Fail, $"{display} is not valid JSON")
            {
                File = display,
                Remediation = "The host fails to start on it (or, for user secrets, ignores your keys). Fix the syntax: a missing comma or quote, usually near the last edit.",
            });
            return null;
        }

        return [.. values.Select(v => new ConfigValue(kind, v.Key, v.Value, display, v.Line, $"{display}:{v.Line}"))];
    }

    private static List<ConfigValue>? ReadLaunchSettings(IWorkspace workspace, string path, string display, DoctorOptions options, List<CheckResult> results)
    {
        byte[]? bytes = workspace.ReadFile(path, MaxFileBytes);
        if (bytes is null)
        {
            return null;
        }

        if (JsonConfigReader.Read(bytes) is not { } all)
        {
            results.Add(new CheckResult("source.launch-settings.invalid-json", CheckCategory.Sources, CheckStatus.Fail, $"{display} is not valid JSON")
            {
                File = display,
                Remediation = "dotnet run and Visual Studio fail to read the launch profiles. Fix the syntax.",
            });
            return null;
        }

        // dotnet run uses the first profile whose commandName is Project, unless --launch-profile names another.
        string? defaultProfile = all
            .Where(v => v.Key.StartsWith("profiles:", StringComparison.OrdinalIgnoreCase) && v.Key.EndsWith(":commandName", StringComparison.OrdinalIgnoreCase) && v.Value == "Project")
            .Select(v => v.Key.Split(':')[1])
            .FirstOrDefault();
        var values = new List<ConfigValue>();
        foreach ((string key, string value, int line) in all)
        {
            string[] parts = key.Split(':', 4);
            if (parts.Length != 4 || !parts[0].Equals("profiles", StringComparison.OrdinalIgnoreCase) || !parts[2].Equals("environmentVariables", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            string profile = parts[1], variable = parts[3];
            bool isDefault = string.Equals(profile, defaultProfile, StringComparison.Ordinal);
            if (isDefault && variable is "ASPNETCORE_ENVIRONMENT" or "DOTNET_ENVIRONMENT" && !string.Equals(value, options.Environment, StringComparison.OrdinalIgnoreCase))
            {
                results.Add(new CheckResult("source.launch-settings.environment", CheckCategory.Sources, CheckStatus.Info, $"The launch profile '{profile}' sets {variable}={value}; this report follows {options.Environment}")
                {
                    File = display,
                    Line = line,
                    Detail = $"Run apiauth doctor --environment {value} to see the order dotnet run will use.",
                });
            }

            values.Add(new ConfigValue(ConfigSourceKind.LaunchSettings, variable.Replace("__", ":", StringComparison.Ordinal), value, display, line,
                isDefault ? $"launch profile '{profile}' ({display}:{line})" : $"launch profile '{profile}' ({display}:{line}, with --launch-profile {profile})"));
        }

        return values;
    }

    private static void CheckValues(List<ConfigValue> read, string kindId, List<ConfigValue> siblings, DoctorOptions options, List<CheckResult> results,
        List<(ConfigSourceKind Kind, string Path, string Display)> filesWithKeys, ConfigSourceKind kind, string path, string display)
    {
        bool holdsKey = false;
        foreach (ConfigValue value in read)
        {
            if (BaseUrlProvider(value.Key) is { } urlProvider)
            {
                if (options.Includes(urlProvider))
                {
                    FileBaseUrls.Check(urlProvider, value.Value, value.File, value.Line, $"source.{kindId}", CheckCategory.Sources, results);
                }

                continue;
            }

            if (!IsKeyName(value.Key))
            {
                continue;
            }

            (string profileId, ProviderSetup? provider) = ProfileFor(value, read.Concat(siblings));
            KeyCheck peek = ApiAuthDiagnostics.CheckKey(LiteralEscapes.Remove(value.Value), profileId);
            provider ??= ProviderSetup.ForVendor(peek.Vendor);
            if (!options.Includes(provider?.Id))
            {
                continue;
            }

            var template = new CheckResult($"source.{kindId}", CheckCategory.Sources, CheckStatus.Info, string.Empty)
            {
                Provider = provider?.Id,
                Variable = value.Key,
                File = value.File,
                Line = value.Line,
            };
            string subject = $"{value.Key} in {value.Origin}";
            KeyValueOutcome outcome = KeyValueChecks.Check(value.Value, profileId, provider?.DefaultBaseUrl, subject, template, $"source.{kindId}", emptyIsProblem: false, results);
            holdsKey |= outcome.HoldsKey;
        }

        if (holdsKey)
        {
            filesWithKeys.Add((kind, path, display));
        }
    }

    /// <summary>The ApiAuth profile for a key: <c>ApiAuth:Provider</c> (or the named client's) when set, the variable's provider, or generic.</summary>
    private static (string ProfileId, ProviderSetup? Provider) ProfileFor(ConfigValue value, IEnumerable<ConfigValue> all)
    {
        if (ProviderSetup.ByKeyVariable.FirstOrDefault(p => p.Key.Equals(value.Key, StringComparison.OrdinalIgnoreCase)).Value is { } byVariable)
        {
            return (byVariable.Id, byVariable);
        }

        string providerKey = value.Key[..(value.Key.LastIndexOf(':') + 1)] + "Provider";
        string? configured = all.LastOrDefault(v => v.Key.Equals(providerKey, StringComparison.OrdinalIgnoreCase))?.Value
            ?? (value.Key.StartsWith("ApiAuth:Clients:", StringComparison.OrdinalIgnoreCase) ? all.LastOrDefault(v => v.Key.Equals("ApiAuth:Provider", StringComparison.OrdinalIgnoreCase))?.Value : null);
        if (configured is not null && ApiAuthDiagnostics.ProviderIds.Contains(configured, StringComparer.OrdinalIgnoreCase))
        {
            string id = ApiAuthDiagnostics.ProviderIds.First(p => p.Equals(configured, StringComparison.OrdinalIgnoreCase));
            return (id, ProviderSetup.Find(id));
        }

        return ("generic", null);
    }

    private static void Precedence(string project, List<ConfigValue> values, List<ConfigValue> fromEnvironment, List<string> notInOrder, DoctorOptions options, List<CheckResult> results)
    {
        var keys = values.Select(v => v.Key).Where(IsKeyName).Distinct(StringComparer.OrdinalIgnoreCase);
        foreach (string key in keys)
        {
            List<ConfigValue> candidates =
            [
                .. values.Concat(fromEnvironment)
                    .Where(v => v.Key.Equals(key, StringComparison.OrdinalIgnoreCase))
                    .OrderBy(v => v.Kind),
            ];
            (string profileId, ProviderSetup? provider) = ProfileFor(candidates[^1], values);
            var checks = candidates.Select(c => (Value: c, Check: ApiAuthDiagnostics.CheckKey(LiteralEscapes.Remove(c.Value), profileId))).ToList();
            provider ??= checks.Select(c => ProviderSetup.ForVendor(c.Check.Vendor)).FirstOrDefault(p => p is not null);
            if (!options.Includes(provider?.Id))
            {
                continue;
            }

            static bool Real(ConfigValue v, KeyCheck c) => v.Value.Trim().Length > 0 && c.Failure is not { Cause: AuthFailureCause.PlaceholderKey or AuthFailureCause.MissingKey };
            static string Hint(ConfigValue v, KeyCheck c) => v.Value.Trim().Length == 0 ? "empty" : c.Failure is { Cause: AuthFailureCause.PlaceholderKey } ? "placeholder" : CredentialChecks.Unwrap(c.KeyHint);

            (ConfigValue winner, KeyCheck winnerCheck) = checks[^1];
            bool winnerReal = Real(winner, winnerCheck);
            var shadowedReal = checks.Take(checks.Count - 1).Where(c => Real(c.Value, c.Check) && !string.Equals(c.Value.Value.Trim(), winner.Value.Trim(), StringComparison.Ordinal)).ToList();
            string order = string.Join(" < ", checks.Select(c => $"{c.Value.Origin} ({Hint(c.Value, c.Check)})"));
            string where = project == "." ? options.Environment : $"{project}, {options.Environment}";
            string title = checks.Count == 1
                ? $"{key} ({where}): only {winner.Origin} sets it ({Hint(winner, winnerCheck)})"
                : $"{key} ({where}): {winner.Origin} wins ({Hint(winner, winnerCheck)})";

            CheckStatus status;
            string? remediation = null;
            if (!winnerReal && shadowedReal.Count > 0)
            {
                status = CheckStatus.Fail;
                remediation = $"The value that wins is {Hint(winner, winnerCheck)}, and it hides the key in {shadowedReal[^1].Value.Origin}. Remove {key} from {winner.Origin}, or put the key there.";
            }
            else if (!winnerReal)
            {
                status = CheckStatus.Warn;
                remediation = string.Equals(options.Environment, "Development", StringComparison.OrdinalIgnoreCase)
                    ? $"No source sets a key for {key}. In development keep it in user secrets (dotnet user-secrets set \"{key}\" \"<key>\"); in production in an environment variable ({key.Replace(":", "__", StringComparison.Ordinal)}) or a vault."
                    : $"No source sets a key for {key} in {options.Environment}. Set the environment variable {key.Replace(":", "__", StringComparison.Ordinal)} (user secrets are read in Development only).";
            }
            else if (shadowedReal.Count > 0)
            {
                status = CheckStatus.Warn;
                remediation = $"{winner.Origin} hides a different key in {string.Join(", ", shadowedReal.Select(s => s.Value.Origin))}: editing that one changes nothing. Keep the key in one place.";
            }
            else
            {
                status = CheckStatus.Info;
            }

            results.Add(new CheckResult("source.precedence", CheckCategory.Sources, status, title)
            {
                Provider = provider?.Id,
                Variable = key,
                KeyHint = winnerReal ? winnerCheck.KeyHint : null,
                File = winner.File,
                Line = winner.Line,
                Detail = "Order (later wins): " + order + (notInOrder.Count > 0 ? $". Not read in {options.Environment}: {string.Join(", ", notInOrder)}" : string.Empty) + ".",
                Remediation = remediation,
            });
        }
    }

    private static void CheckGit(IWorkspace workspace, string? repositoryRoot, IReadOnlySet<string> tracked, List<(ConfigSourceKind Kind, string Path, string Display)> files, List<CheckResult> results)
    {
        if (files.Count == 0)
        {
            return;
        }

        var inRepository = new List<(ConfigSourceKind Kind, string Relative, string Display)>();
        foreach ((ConfigSourceKind kind, string path, string display) in files.DistinctBy(f => f.Path))
        {
            string? relative = repositoryRoot is null ? null : Path.GetRelativePath(repositoryRoot, path).Replace('\\', '/');
            if (relative is null || relative.StartsWith("../", StringComparison.Ordinal) || relative == ".." || Path.IsPathRooted(relative))
            {
                continue;
            }

            inRepository.Add((kind, relative, display));
        }

        IReadOnlySet<string> ignored = repositoryRoot is null
            ? new HashSet<string>()
            : workspace.FindIgnored(repositoryRoot, [.. inRepository.Where(f => !tracked.Contains(f.Relative)).Select(f => f.Relative)]);
        foreach ((ConfigSourceKind kind, string relative, string display) in inRepository)
        {
            string kindId = KindId(kind);
            if (tracked.Contains(relative))
            {
                results.Add(new CheckResult($"source.{kindId}.tracked", CheckCategory.Sources, CheckStatus.Fail, $"{display} holds a key and is tracked by git")
                {
                    File = display,
                    Remediation = $"Move the key to user secrets (dotnet user-secrets set \"ApiAuth:ApiKey\" \"<key>\") or an environment variable, leave an empty value in {display}, and rotate the key: it is in the history, and a pushed key is found and often revoked automatically.",
                });
            }
            else if (!ignored.Contains(relative))
            {
                results.Add(new CheckResult($"source.{kindId}.not-ignored", CheckCategory.Sources, CheckStatus.Warn, $"{display} holds a key and is not git-ignored")
                {
                    File = display,
                    Remediation = $"The next `git add .` commits the key. Move it to user secrets or an environment variable, or add {relative} to .gitignore.",
                });
            }
        }
    }

    private static string KindId(ConfigSourceKind kind) => kind switch
    {
        ConfigSourceKind.AppSettings or ConfigSourceKind.AppSettingsEnvironment => "appsettings",
        ConfigSourceKind.UserSecrets => "user-secrets",
        ConfigSourceKind.LaunchSettings => "launch-settings",
        _ => "environment",
    };

    private static string ProjectDisplay(string directory, string? repositoryRoot, string current)
    {
        string relative = Path.GetRelativePath(repositoryRoot ?? current, directory).Replace('\\', '/');
        return relative.Length == 0 ? "." : relative;
    }

    internal static string Display(string path, string? repositoryRoot, string current) => DotEnvChecks.Display(path, repositoryRoot, current);
}
