using System.Diagnostics;
using ApiAuth.Cli.Doctor;

namespace ApiAuth.Cli.Tests.EndToEnd;

/// <summary>Runs the built tool (src/ApiAuth.Cli's output) as a child process with a controlled environment.</summary>
internal static class ToolProcess
{
    public static string ToolPath { get; } = FindTool();

    public static ProcessStartInfo StartInfo(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ToolPath);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // A clean slate: no credential of the machine running the tests leaks into the run.
        foreach (string name in ProviderSetup.AllVariables.Concat(["NO_COLOR", "FORCE_COLOR", "OPENAI_API_BASE", "DOTNET_ENVIRONMENT"]))
        {
            start.Environment.Remove(name);
        }

        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using Process process = Process.Start(StartInfo(workingDirectory, environment, args))!;
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string FindTool()
    {
        string baseDirectory = AppContext.BaseDirectory;
        string configuration = baseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        for (DirectoryInfo? directory = new(baseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "src", "ApiAuth.Cli", "bin", configuration, "net10.0", "ApiAuth.Cli.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        // The project reference copies the tool next to the tests as well.
        return Path.Combine(baseDirectory, "ApiAuth.Cli.dll");
    }
}
