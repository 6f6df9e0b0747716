using System.Buffers;
using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;
using System.Text;
using ApiAuth.Cli.Doctor;
using ApiAuth.Cli.Emulate;
using ApiAuth.Cli.Explain;
using ApiAuth.Cli.Rendering;
using ApiAuth.Testing;

namespace ApiAuth.Cli;

/// <summary>The <c>apiauth</c> command line: <c>doctor</c>, <c>explain</c> and <c>emulate</c>.</summary>
internal sealed class CliApp
{
    private static readonly SearchValues<char> NotInEnvironmentName = SearchValues.Create("/\\:*?\"<>| ");
    private static readonly string[] EmulatedProviders = [.. Enum.GetValues<EmulatedProvider>().Select(p => new ProviderEmulator(p).ProviderId)];

    private readonly IDoctorEnvironment _environment;
    private readonly Func<string, IWorkspace> _workspace;
    private readonly CliConsole _console;
    private readonly Prober _prober;

    public CliApp(IDoctorEnvironment environment, Func<string, IWorkspace> workspace, CliConsole console, Prober? prober = null)
    {
        _environment = environment;
        _workspace = workspace;
        _console = console;
        _prober = prober ?? new Prober();
    }

    public static CliApp CreateDefault() =>
        new(SystemEnvironment.Instance, directory => new LocalWorkspace(directory), CliConsole.System());

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        Command root = BuildCommand();
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (System.CommandLine.Parsing.ParseError error in parse.Errors)
            {
                await _console.Error.WriteLineAsync("apiauth: " + error.Message).ConfigureAwait(false);
            }

            await _console.Error.WriteLineAsync("Run 'apiauth --help' for usage.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        var invocation = new InvocationConfiguration { Output = _console.Out, Error = _console.Error };
        return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }

    private Command BuildCommand()
    {
        // Not RootCommand: it names itself after the assembly (ApiAuth.Cli), and help must say the command users type.
        var root = new Command("apiauth", "apiauth: find out why an AI API answers 401. Checks keys, base URLs, .env files, appsettings, user secrets and committed secrets for OpenAI, Azure OpenAI, Anthropic and Gemini.")
        {
            new HelpOption(),
            new VersionOption(),
        };
        root.Subcommands.Add(DoctorCommand());
        root.Subcommands.Add(ExplainCommand());
        root.Subcommands.Add(EmulateCommand());
        return root;
    }

    private Command DoctorCommand()
    {
        var probe = new Option<bool>("--probe") { Description = "Make one cheap authenticated call (list models) per configured provider and classify the answer." };
        var timeout = new Option<double>("--timeout")
        {
            Description = "Seconds each probe may take.",
            DefaultValueFactory = _ => DoctorOptions.DefaultTimeout.TotalSeconds,
        };
        timeout.Validators.Add(r =>
        {
            if (r.Tokens.Count == 1 && double.TryParse(r.Tokens[0].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double t) && t is <= 0 or > 600)
            {
                r.AddError("--timeout must be between 0 and 600 seconds.");
            }
        });
        var json = new Option<bool>("--json") { Description = "Write the report as JSON (schema apiauth.doctor/v1, see the README)." };
        var providers = new Option<string[]>("--provider", "-p")
        {
            Description = "Check only this provider (repeatable).",
            AllowMultipleArgumentsPerToken = false,
        };
        providers.AcceptOnlyFromAmong([.. ProviderSetup.Ids]);
        var noSecrets = new Option<bool>("--no-secret-scan") { Description = "Skip scanning the files git tracks for committed keys." };
        var directory = new Option<string?>("--directory", "-C") { Description = "Run in this directory instead of the current one." };
        var noColor = new Option<bool>("--no-color") { Description = "Never colour the output (also: NO_COLOR=1)." };
        var environmentName = new Option<string>("--environment", "-e")
        {
            Description = "The hosting environment whose configuration order the report follows: appsettings.{environment}.json, and user secrets only in Development.",
            DefaultValueFactory = _ => "Development",
        };
        environmentName.Validators.Add(r =>
        {
            if (r.Tokens.Count == 1 && (r.Tokens[0].Value.Length == 0 || r.Tokens[0].Value.AsSpan().IndexOfAny(NotInEnvironmentName) >= 0))
            {
                r.AddError("--environment must be an environment name such as Development, Staging or Production.");
            }
        });

        var command = new Command("doctor", "Run the 401 checklist on this machine and directory: credential variables, keys, base URLs, .env files, appsettings, user secrets, launch profiles, committed secrets; --probe calls each provider.")
        {
            probe, timeout, json, providers, environmentName, noSecrets, directory, noColor,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string where = parse.GetValue(directory) ?? Environment.CurrentDirectory;
            if (!Directory.Exists(where))
            {
                await _console.Error.WriteLineAsync($"apiauth: the directory '{where}' does not exist.").ConfigureAwait(false);
                return ExitCodes.UsageError;
            }

            var options = new DoctorOptions
            {
                Probe = parse.GetValue(probe),
                Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                Providers = new HashSet<string>(parse.GetValue(providers) ?? [], StringComparer.OrdinalIgnoreCase),
                ScanSecrets = !parse.GetValue(noSecrets),
                Environment = parse.GetValue(environmentName) ?? "Development",
            };
            DoctorReport report = await new DoctorRunner(_environment, _workspace(where), _prober).RunAsync(options, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await WriteJsonAsync(stream => JsonReport.Write(report, stream)).ConfigureAwait(false);
            }
            else
            {
                TextReport.Write(report, _console.Out, UseColor(parse.GetValue(noColor)));
            }

            return report.ExitCode;
        });
        return command;
    }

    private Command ExplainCommand()
    {
        var text = new Argument<string[]>("text")
        {
            Description = "The error body or log line. Omit it (or pass -) to read standard input.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var provider = new Option<string?>("--provider", "-p") { Description = "The provider the error came from (detected from the text otherwise)." };
        provider.AcceptOnlyFromAmong([.. ApiAuthDiagnostics.ProviderIds]);
        var status = new Option<int?>("--status", "-s") { Description = "The HTTP status (found in the text otherwise; 401 if absent)." };
        status.Validators.Add(r =>
        {
            if (r.Tokens.Count == 1 && int.TryParse(r.Tokens[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int s) && s is < 100 or > 599)
            {
                r.AddError("--status must be an HTTP status code (100-599).");
            }
        });
        var json = new Option<bool>("--json") { Description = "Write the diagnosis as JSON (schema apiauth.explain/v1)." };
        var noColor = new Option<bool>("--no-color") { Description = "Never colour the output." };

        var command = new Command("explain", "Explain an error body or log line offline: the cause of the 401 and what to do. Reads standard input when no text is given.")
        {
            text, provider, status, json, noColor,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string[] parts = parse.GetValue(text) ?? [];
            string input;
            if (parts.Length == 0 || (parts.Length == 1 && parts[0] == "-"))
            {
                if (!_console.IsInputRedirected && parts.Length == 0)
                {
                    await _console.Error.WriteLineAsync("apiauth explain: pass the error text as an argument, or pipe it in (for example: pbpaste | apiauth explain).").ConfigureAwait(false);
                    return ExitCodes.UsageError;
                }

                input = await ReadBoundedAsync(_console.In, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                input = string.Join(' ', parts);
            }

            if (string.IsNullOrWhiteSpace(input))
            {
                await _console.Error.WriteLineAsync("apiauth explain: the input is empty.").ConfigureAwait(false);
                return ExitCodes.UsageError;
            }

            Explanation explanation = Explainer.Explain(input, parse.GetValue(provider), parse.GetValue(status));
            if (parse.GetValue(json))
            {
                await WriteJsonAsync(stream => ExplainReport.WriteJson(explanation, stream)).ConfigureAwait(false);
            }
            else
            {
                ExplainReport.WriteText(explanation, _console.Out, UseColor(parse.GetValue(noColor)));
            }

            return explanation.Failure is null ? ExitCodes.CheckFailed : ExitCodes.Success;
        });
        return command;
    }

    private Command EmulateCommand()
    {
        var provider = new Option<string>("--provider", "-p")
        {
            Description = "The provider to emulate.",
            DefaultValueFactory = _ => ProviderSetup.OpenAI.Id,
        };
        provider.AcceptOnlyFromAmong(EmulatedProviders);
        var port = new Option<int>("--port") { Description = "The port on 127.0.0.1 (0: any free port).", DefaultValueFactory = _ => 0 };
        port.Validators.Add(r =>
        {
            if (r.Tokens.Count == 1 && int.TryParse(r.Tokens[0].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int p) && p is < 0 or > 65535)
            {
                r.AddError("--port must be between 0 and 65535.");
            }
        });
        var keys = new Option<string[]>("--key") { Description = "A valid key (repeatable). Default: the key in the provider's environment variable, if set." };
        var revoked = new Option<string[]>("--revoked-key") { Description = "A revoked key (repeatable)." };
        var expired = new Option<string[]>("--expired-key") { Description = "An expired key (repeatable)." };
        var disabled = new Option<string[]>("--disabled-key") { Description = "A key of a disabled account (repeatable)." };
        var organization = new Option<string?>("--organization") { Description = "The organization (org-…) valid keys belong to (OpenAI)." };
        var project = new Option<string?>("--project") { Description = "The project (proj_…) valid keys belong to (OpenAI)." };
        var fail = new Option<string?>("--fail") { Description = "Answer every request with this failure." };
        fail.AcceptOnlyFromAmong(Enum.GetNames<EmulatedFailure>());

        var command = new Command("emulate", "Serve a fake OpenAI, Azure OpenAI, Anthropic or Gemini API on 127.0.0.1 that fails authentication like the real one, for manual testing.")
        {
            provider, port, keys, revoked, expired, disabled, organization, project, fail,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new EmulateSettings
            {
                Provider = parse.GetValue(provider) ?? ProviderSetup.OpenAI.Id,
                Port = parse.GetValue(port),
                Keys = parse.GetValue(keys) ?? [],
                RevokedKeys = parse.GetValue(revoked) ?? [],
                ExpiredKeys = parse.GetValue(expired) ?? [],
                DisabledKeys = parse.GetValue(disabled) ?? [],
                Organization = parse.GetValue(organization),
                Project = parse.GetValue(project),
                Fail = parse.GetValue(fail) is { } f ? Enum.Parse<EmulatedFailure>(f, ignoreCase: true) : null,
            };
            return await EmulatorHost.RunAsync(settings, _environment, _console.Out, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private bool UseColor(bool noColor) => !noColor && Ansi.ShouldColor(_console.IsOutputRedirected, _environment.GetVariable);

    private async Task WriteJsonAsync(Action<Stream> write)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        await _console.Out.WriteAsync(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length)).ConfigureAwait(false);
        await _console.Out.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>Reads at most 1 MiB of standard input: a pasted error, not a log file.</summary>
    private static async Task<string> ReadBoundedAsync(TextReader reader, CancellationToken cancellationToken)
    {
        const int Max = 1024 * 1024;
        var buffer = new char[Max];
        int read = 0;
        while (read < Max)
        {
            int n = await reader.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return new string(buffer, 0, read);
    }

    internal static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture);
}
