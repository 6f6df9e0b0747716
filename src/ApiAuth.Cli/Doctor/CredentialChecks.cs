using ApiAuth.Internal;

namespace ApiAuth.Cli.Doctor;

/// <summary>
/// The environment half of the checklist: which credential variables are set, whether each key is clean, real,
/// and the right vendor's for the base URL it will be sent to, whether base URLs and organization/project ids are sane.
/// </summary>
internal static class CredentialChecks
{
    /// <summary>Runs the checks and returns the providers that have a key (what the probe calls).</summary>
    /// <param name="environment">The process environment.</param>
    /// <param name="options">The doctor's options.</param>
    /// <param name="dotEnvDefinitions">Variables defined in .env files (name → "file:line"), to explain a missing key.</param>
    /// <param name="results">Where the checks go.</param>
    public static List<ConfiguredProvider> Run(IDoctorEnvironment environment, DoctorOptions options, IReadOnlyDictionary<string, string> dotEnvDefinitions, List<CheckResult> results)
    {
        var configured = new List<ConfiguredProvider>();
        var unset = new List<ProviderSetup>();
        foreach (ProviderSetup setup in ProviderSetup.All)
        {
            if (!options.Includes(setup))
            {
                continue;
            }

            ConfiguredProvider? provider = CheckProvider(setup, environment, results);
            if (provider is null)
            {
                unset.Add(setup);
            }
            else
            {
                configured.Add(provider);
            }
        }

        if (options.Includes(ProviderSetup.OpenAI))
        {
            CheckOpenAIOrganization(environment, results);
        }

        if (configured.Count == 0)
        {
            results.Insert(0, NoKeyAtAll(unset, environment, dotEnvDefinitions));
        }

        return configured;
    }

    private static ConfiguredProvider? CheckProvider(ProviderSetup setup, IDoctorEnvironment environment, List<CheckResult> results)
    {
        string? baseRaw = environment.GetVariable(setup.BaseUrlVariable);
        Uri? baseUrl = setup.DefaultBaseUrl;
        if (baseRaw is not null)
        {
            results.Add(new CheckResult($"env.{setup.Id}.{setup.BaseUrlVariable}", CheckCategory.Environment, CheckStatus.Info, $"{setup.BaseUrlVariable} is set")
            {
                Provider = setup.Id,
                Variable = setup.BaseUrlVariable,
            });
            baseUrl = BaseUrlCheck.Check(setup, baseRaw, results);
        }

        var keys = setup.KeyVariables
            .Select(v => (Variable: v, Value: environment.GetVariable(v)))
            .Where(x => x.Value is not null)
            .Select(x => (x.Variable, Value: x.Value!))
            .ToList();

        if (keys.Count == 0)
        {
            ReportNoKey(setup, baseRaw, baseUrl, results);
            return null;
        }

        string profileId = ProfileFor(setup, baseUrl);
        foreach ((string variable, string value) in keys)
        {
            CheckKey(setup, variable, value, profileId, baseUrl, results);
        }

        if (keys.Count > 1 && !string.Equals(keys[0].Value.Trim(), keys[1].Value.Trim(), StringComparison.Ordinal))
        {
            results.Add(new CheckResult($"env.{setup.Id}.conflict", CheckCategory.Environment, CheckStatus.Warn,
                $"{keys[0].Variable} and {keys[1].Variable} are both set, to different keys")
            {
                Provider = setup.Id,
                Variable = keys[0].Variable,
                Detail = $"The {setup.Name} SDKs use {keys[0].Variable} when both are set; code that reads {keys[1].Variable} itself uses the other key.",
                Remediation = $"Unset one of them, or give both the same key.",
            });
        }

        if (setup.Kind == BaseUrlKind.Azure && baseRaw is null)
        {
            results.Add(new CheckResult($"env.{setup.Id}.endpoint", CheckCategory.Environment, CheckStatus.Fail,
                $"{keys[0].Variable} is set but {setup.BaseUrlVariable} is not")
            {
                Provider = setup.Id,
                Variable = setup.BaseUrlVariable,
                Remediation = $"Set {setup.BaseUrlVariable} to the endpoint of the resource the key belongs to (https://<resource>.openai.azure.com/, on the same Keys and Endpoint page): an Azure key is valid only at its own resource.",
            });
        }

        return new ConfiguredProvider(setup, keys[0].Variable, keys[0].Value, baseUrl, profileId)
        {
            Organization = setup.Kind == BaseUrlKind.OpenAI ? FirstSet(environment, "OPENAI_ORG_ID", "OPENAI_ORGANIZATION")?.Trim() : null,
            Project = setup.Kind == BaseUrlKind.OpenAI ? environment.GetVariable("OPENAI_PROJECT_ID")?.Trim() : null,
        };
    }

    private static void ReportNoKey(ProviderSetup setup, string? baseRaw, Uri? baseUrl, List<CheckResult> results)
    {
        string variables = string.Join(" / ", setup.KeyVariables);
        string id = $"env.{setup.Id}.key";
        if (baseRaw is null)
        {
            results.Add(new CheckResult(id, CheckCategory.Environment, CheckStatus.Info, $"{setup.Name}: not configured ({variables} not set)")
            {
                Provider = setup.Id,
                Variable = setup.KeyVariables[0],
            });
        }
        else if (setup.Kind == BaseUrlKind.Azure)
        {
            results.Add(new CheckResult(id, CheckCategory.Environment, CheckStatus.Warn, $"{setup.BaseUrlVariable} is set but {variables} is not")
            {
                Provider = setup.Id,
                Variable = setup.KeyVariables[0],
                Remediation = $"Fine if your code uses Entra ID (DefaultAzureCredential); for key authentication set {variables} to Key 1 of the same resource.",
            });
        }
        else if (baseUrl is not null && BaseUrlCheck.HostKindOf(baseUrl) == HostKind.Local)
        {
            results.Add(new CheckResult(id, CheckCategory.Environment, CheckStatus.Info, $"{setup.BaseUrlVariable} points at a local server and {variables} is not set")
            {
                Provider = setup.Id,
                Variable = setup.KeyVariables[0],
                Detail = "Local servers (Ollama, LM Studio, vLLM) usually need no key, but the OpenAI SDKs refuse to start without one: set it to any non-empty value.",
            });
        }
        else
        {
            results.Add(new CheckResult(id, CheckCategory.Environment, CheckStatus.Warn, $"{setup.BaseUrlVariable} is set but {variables} is not")
            {
                Provider = setup.Id,
                Variable = setup.KeyVariables[0],
                Remediation = $"Set {setup.KeyVariables[0]} to the key of the service at {baseUrl?.Host ?? setup.BaseUrlVariable}.",
            });
        }
    }

    private static void CheckKey(ProviderSetup setup, string variable, string value, string profileId, Uri? baseUrl, List<CheckResult> results)
    {
        string id = $"key.{setup.Id}.{variable}";
        if (value.Trim().Length == 0)
        {
            results.Add(new CheckResult($"env.{setup.Id}.{variable}", CheckCategory.Environment, CheckStatus.Fail, $"{variable} is set but empty")
            {
                Provider = setup.Id,
                Variable = variable,
                Cause = nameof(AuthFailureCause.MissingKey),
                Remediation = $"Set {variable} to your key ({setup.KeyExample}, from {setup.KeysUrl}), or unset it. An empty variable usually means the line that set it ran before the value existed.",
            });
            return;
        }

        // A literal \n (what a shell keeps of "sk-…\n" in a sourced .env) is named as such, and the rest of the key is checked
        // without it, so the report does not blame "the character '\\'" as text copied around the key.
        if (LiteralEscapes.Find(value) is { } escape)
        {
            results.Add(new CheckResult($"{id}.escape", CheckCategory.Key, CheckStatus.Fail, $"{variable} contains a literal {escape.Text} (a backslash and '{escape.Text[1]}') at position {escape.Index + 1}")
            {
                Provider = setup.Id,
                Variable = variable,
                Cause = nameof(AuthFailureCause.MalformedKey),
                Remediation = $"Set {variable} again without the {escape.Text}: a key is one line with no backslash. It usually comes from a quoted .env value (\"sk-…\\n\") sourced in a shell, or from a JSON string copied as text.",
            });
            value = LiteralEscapes.Remove(value);
        }

        KeyCheck check = ApiAuthDiagnostics.CheckKey(value, profileId, baseUrl);
        results.Add(new CheckResult($"env.{setup.Id}.{variable}", CheckCategory.Environment, CheckStatus.Pass, $"{variable} is set ({Unwrap(check.KeyHint)})")
        {
            Provider = setup.Id,
            Variable = variable,
            KeyHint = check.KeyHint,
        });

        if (check.Repairs.Count > 0)
        {
            results.Add(new CheckResult($"{id}.characters", CheckCategory.Key, CheckStatus.Fail, $"{variable} has stray characters around the key: {string.Join("; ", check.Repairs.Select(ToNoun))}")
            {
                Provider = setup.Id,
                Variable = variable,
                KeyHint = check.KeyHint,
                Cause = nameof(AuthFailureCause.MalformedKey),
                Remediation = $"Set {variable} again with the bare key. ApiAuth repairs this in flight, but SDKs send the value as is: a line break makes an invalid header, quotes or spaces make a 401.",
            });
        }

        string target = baseUrl?.Host ?? setup.Name;
        if (check.Failure is { } failure)
        {
            results.Add(new CheckResult($"{id}.refused", CheckCategory.Key, CheckStatus.Fail, $"{variable}: {failure.Description}")
            {
                Provider = setup.Id,
                Variable = variable,
                KeyHint = check.KeyHint,
                Cause = failure.Cause.ToString(),
                Remediation = failure.Remediation,
            });
        }
        else if (check.VendorName is { } vendor)
        {
            results.Add(new CheckResult($"{id}.format", CheckCategory.Key, CheckStatus.Pass, $"{variable} is {Article.With(vendor)} key ({Unwrap(check.KeyHint)}) and fits {target}")
            {
                Provider = setup.Id,
                Variable = variable,
                KeyHint = check.KeyHint,
            });
        }
        else if (string.Equals(profileId, setup.Id, StringComparison.Ordinal) && setup.HasKeyFormat)
        {
            results.Add(new CheckResult($"{id}.format", CheckCategory.Key, CheckStatus.Warn, $"{variable} ({Unwrap(check.KeyHint)}) matches no known {setup.Name} key format")
            {
                Provider = setup.Id,
                Variable = variable,
                KeyHint = check.KeyHint,
                Remediation = $"{setup.Name} keys start with {setup.KeyExample}. Check that you copied the whole key from {setup.KeysUrl}, and not another value (a key id, a session token).",
            });
        }
        else
        {
            results.Add(new CheckResult($"{id}.format", CheckCategory.Key, CheckStatus.Pass, $"{variable} ({Unwrap(check.KeyHint)}) will be sent to {target}")
            {
                Provider = setup.Id,
                Variable = variable,
                KeyHint = check.KeyHint,
                Detail = setup.Kind == BaseUrlKind.Azure ? "Azure OpenAI keys have no public prefix; only the probe can tell whether it belongs to this resource." : null,
            });
        }
    }

    private static void CheckOpenAIOrganization(IDoctorEnvironment environment, List<CheckResult> results)
    {
        string? orgId = environment.GetVariable("OPENAI_ORG_ID");
        string? organization = environment.GetVariable("OPENAI_ORGANIZATION");
        if (orgId is not null && organization is not null && !string.Equals(orgId.Trim(), organization.Trim(), StringComparison.Ordinal))
        {
            results.Add(new CheckResult("organization.openai.conflict", CheckCategory.Organization, CheckStatus.Warn, "OPENAI_ORG_ID and OPENAI_ORGANIZATION are both set, to different ids")
            {
                Provider = ProviderSetup.OpenAI.Id,
                Variable = "OPENAI_ORG_ID",
                Remediation = "SDKs differ in which one they read (Python and Node read OPENAI_ORG_ID). Unset one, or make them equal.",
            });
        }

        CheckId(orgId, "OPENAI_ORG_ID", "org-", "proj_", "organization", results);
        CheckId(organization, "OPENAI_ORGANIZATION", "org-", "proj_", "organization", results);
        CheckId(environment.GetVariable("OPENAI_PROJECT_ID"), "OPENAI_PROJECT_ID", "proj_", "org-", "project", results);
    }

    private static void CheckId(string? raw, string variable, string prefix, string otherPrefix, string what, List<CheckResult> results)
    {
        if (raw is null)
        {
            return;
        }

        string id = $"organization.openai.{variable}";
        string value = raw.Trim().Trim('"', '\'');
        CheckResult Result(CheckStatus status, string title) =>
            new(id, CheckCategory.Organization, status, title) { Provider = ProviderSetup.OpenAI.Id, Variable = variable };
        string header = what == "project" ? "OpenAI-Project" : "OpenAI-Organization";
        string cause = what == "project" ? nameof(AuthFailureCause.WrongProject) : nameof(AuthFailureCause.WrongOrganization);

        if (value.Length == 0)
        {
            results.Add(Result(CheckStatus.Warn, $"{variable} is set but empty") with
            {
                Remediation = $"Unset {variable}: an empty {header} header is sent by some SDKs and rejected.",
            });
        }
        else if (value.Length != raw.Length)
        {
            results.Add(Result(CheckStatus.Fail, $"{variable} has {BaseUrlCheck.DescribeWhitespace(raw)} or quotes around the id") with
            {
                Cause = cause,
                Remediation = $"Set {variable} to the bare id ({value}): the header is sent as is and the id does not match.",
            });
        }
        else if (value.StartsWith(otherPrefix, StringComparison.Ordinal))
        {
            results.Add(Result(CheckStatus.Fail, $"{variable} holds a{(what == "project" ? "n organization" : " project")} id ({value})") with
            {
                Cause = cause,
                Remediation = what == "project"
                    ? $"Move {value} to OPENAI_ORG_ID, and set {variable} to the project id (proj_…) from https://platform.openai.com/settings, or unset it."
                    : $"Move {value} to OPENAI_PROJECT_ID, and set {variable} to the organization id (org-…) from https://platform.openai.com/settings/organization/general, or unset it.",
            });
        }
        else if (!value.StartsWith(prefix, StringComparison.Ordinal) || value.Length < prefix.Length + 8 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            results.Add(Result(CheckStatus.Fail, $"{variable} ({value}) is not an OpenAI {what} id ({prefix}…)") with
            {
                Cause = cause,
                Remediation = $"Set {variable} to the {what} id ({prefix}…, not its name) from https://platform.openai.com/settings, or unset it: OpenAI answers 401 to an unknown {header}.",
            });
        }
        else
        {
            results.Add(Result(CheckStatus.Pass, $"{variable} = {value}") with
            {
                Detail = $"Sent as {header}; it must be the key's own {what}.",
            });
        }
    }

    private static CheckResult NoKeyAtAll(List<ProviderSetup> unset, IDoctorEnvironment environment, IReadOnlyDictionary<string, string> dotEnvDefinitions)
    {
        var lines = new List<string> { "Set the key of the provider you call, in the shell (or service) that runs your code:" };
        foreach (ProviderSetup setup in unset)
        {
            string variable = setup.KeyVariables[^1];
            string example = setup.Kind == BaseUrlKind.Azure ? "<key 1>" : setup.KeyExample;
            string line = environment.IsWindows
                ? $"  $env:{variable} = \"{example}\"    # {setup.Name}: {setup.KeysUrl}"
                : $"  export {variable}=\"{example}\"    # {setup.Name}: {setup.KeysUrl}";
            if (setup.Kind == BaseUrlKind.Azure)
            {
                line += environment.IsWindows
                    ? $"{Environment.NewLine}  $env:{setup.BaseUrlVariable} = \"https://<resource>.openai.azure.com/\""
                    : $"{Environment.NewLine}  export {setup.BaseUrlVariable}=\"https://<resource>.openai.azure.com/\"";
            }

            lines.Add(line);
        }

        var inDotEnv = dotEnvDefinitions.Where(d => ProviderSetup.ByKeyVariable.ContainsKey(d.Key)).ToList();
        if (inDotEnv.Count > 0)
        {
            lines.Add($"A .env file defines {string.Join(", ", inDotEnv.Select(d => $"{d.Key} ({d.Value})"))}, but this process did not load it: export it, or load the file in your app.");
        }

        lines.Add(environment.IsWindows
            ? "To keep it, use setx (new terminals only) or the system's environment variable settings."
            : "To keep it, add the export line to ~/.bashrc or ~/.zshrc, or keep it in a .env file that your app loads and git ignores.");

        return new CheckResult("env.none", CheckCategory.Environment, CheckStatus.Fail, "No AI API key is set in this process")
        {
            Cause = nameof(AuthFailureCause.MissingKey),
            Remediation = string.Join(Environment.NewLine, lines),
        };
    }

    /// <summary>The ApiAuth profile that fits where the key goes: an OpenAI base URL at another host is that vendor, or any OpenAI-compatible server.</summary>
    internal static string ProfileFor(ProviderSetup setup, Uri? baseUrl)
    {
        if (setup.Kind != BaseUrlKind.OpenAI || baseUrl is null)
        {
            return setup.Id;
        }

        string detected = ApiAuthDiagnostics.DetectProvider(baseUrl);
        return detected == "generic" ? "openai-compatible" : detected;
    }

    /// <summary>A hint such as "(12 characters)" already has its parentheses.</summary>
    internal static string Unwrap(string hint) => hint.Length > 1 && hint[0] == '(' && hint[^1] == ')' ? hint[1..^1] : hint;


    private static string? FirstSet(IDoctorEnvironment environment, params string[] names) =>
        names.Select(environment.GetVariable).FirstOrDefault(v => v is not null);

    private static string ToNoun(string repair) => repair switch
    {
        _ when repair.StartsWith("removed a trailing line break", StringComparison.Ordinal) => "a trailing line break",
        _ when repair.StartsWith("trimmed surrounding whitespace", StringComparison.Ordinal) => "surrounding whitespace",
        _ when repair.StartsWith("removed invisible characters", StringComparison.Ordinal) => "invisible characters (BOM, zero-width space)",
        _ when repair.StartsWith("removed wrapping quotes", StringComparison.Ordinal) => "wrapping quotes",
        _ when repair.StartsWith("added the missing", StringComparison.Ordinal) => "no 'Bearer ' scheme",
        _ when repair.StartsWith("removed a doubled", StringComparison.Ordinal) => "a 'Bearer ' scheme in front of the key",
        _ => repair,
    };
}
