using ApiAuth.Cli.Doctor;

namespace ApiAuth.Cli.Tests.TestDoubles;

internal static class CliHarness
{
    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(FakeEnvironment environment, string[] args, FakeWorkspace? workspace = null, string? stdin = null, bool outputRedirected = true)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole
        {
            Out = output,
            Error = error,
            In = new StringReader(stdin ?? string.Empty),
            IsInputRedirected = stdin is not null,
            IsOutputRedirected = outputRedirected,
        };
        var app = new CliApp(environment, _ => workspace ?? new FakeWorkspace(), console, new Prober());
        int exit = await app.RunAsync(args, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }
}
