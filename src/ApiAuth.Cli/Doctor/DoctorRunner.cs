namespace ApiAuth.Cli.Doctor;

/// <summary>Runs the checklist against an environment and a workspace, and collects the report.</summary>
internal sealed class DoctorRunner
{
    private readonly IDoctorEnvironment _environment;
    private readonly IWorkspace _workspace;
    private readonly Prober _prober;

    public DoctorRunner(IDoctorEnvironment environment, IWorkspace workspace, Prober? prober = null)
    {
        _environment = environment;
        _workspace = workspace;
        _prober = prober ?? new Prober();
    }

    public async Task<DoctorReport> RunAsync(DoctorOptions options, CancellationToken cancellationToken)
    {
        var results = new List<CheckResult>();
        string? root = _workspace.FindRepositoryRoot(_workspace.CurrentDirectory);
        IReadOnlyList<string> tracked = root is null ? [] : _workspace.ListTrackedFiles(root);
        var trackedSet = new HashSet<string>(tracked, StringComparer.Ordinal);

        IReadOnlyList<string> directories = ProjectLocator.Directories(_workspace, _workspace.CurrentDirectory);
        Dictionary<string, string> definitions = DotEnvChecks.Run(_environment, _workspace, root, trackedSet, directories, options, results);
        List<ConfiguredProvider> configured = CredentialChecks.Run(_environment, options, definitions, results);
        Sources.ConfigSourceChecks.Run(_environment, _workspace, root, trackedSet, directories, options, results);

        if (options.ScanSecrets)
        {
            var keys = ProviderSetup.ByKeyVariable.Keys
                .Select(v => (Variable: v, Value: _environment.GetVariable(v)))
                .Where(x => !string.IsNullOrWhiteSpace(x.Value))
                .ToDictionary(x => x.Variable, x => x.Value!, StringComparer.Ordinal);
            SecretChecks.Run(_workspace, root, tracked, keys, results);
        }

        if (options.Probe)
        {
            if (configured.Count == 0)
            {
                results.Add(new CheckResult("probe.none", CheckCategory.Probe, CheckStatus.Info, "Nothing to probe: no provider has a key"));
            }
            else
            {
                results.AddRange(await _prober.RunAsync(configured, options.Timeout, cancellationToken).ConfigureAwait(false));
            }
        }

        // -p filters every section: a check about another provider is dropped here, whichever section made it.
        // Sections in a fixed order; checks keep their order within a section.
        List<CheckResult> ordered = [.. results.Where(r => options.Includes(r.Provider)).OrderBy(r => Order(r.Category))];
        return new DoctorReport(_workspace.CurrentDirectory, root, options.Probe, ordered);
    }

    private static int Order(string category)
    {
        int index = -1;
        for (int i = 0; i < CheckCategory.Order.Count; i++)
        {
            if (CheckCategory.Order[i] == category)
            {
                index = i;
            }
        }

        return index < 0 ? int.MaxValue : index;
    }
}
