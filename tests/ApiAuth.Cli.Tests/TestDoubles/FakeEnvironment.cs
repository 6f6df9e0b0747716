using ApiAuth.Cli.Doctor;

namespace ApiAuth.Cli.Tests.TestDoubles;

internal sealed class FakeEnvironment : IDoctorEnvironment
{
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);

    public bool IsWindows { get; set; }

    public FakeEnvironment Set(string name, string value)
    {
        _variables[name] = value;
        return this;
    }

    public string? GetVariable(string name) => _variables.TryGetValue(name, out string? value) ? value : null;

    public IReadOnlyList<KeyValuePair<string, string>> GetVariables() => [.. _variables];
}
