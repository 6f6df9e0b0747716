using System.Diagnostics;
using System.Text;

namespace ApiAuth.Cli.Doctor;

/// <summary>The real file system, and git through <c>git</c> process calls (bounded in time; a missing git is "no repository").</summary>
internal sealed class LocalWorkspace : IWorkspace
{
    private static readonly TimeSpan GitTimeout = TimeSpan.FromSeconds(15);

    public LocalWorkspace(string currentDirectory)
    {
        CurrentDirectory = Path.GetFullPath(currentDirectory);
    }

    public string CurrentDirectory { get; }

    public string? FindRepositoryRoot(string directory)
    {
        string? output = RunGit(directory, "rev-parse", "--show-toplevel");
        string? root = output?.Trim();
        return string.IsNullOrEmpty(root) ? null : Path.GetFullPath(root);
    }

    public IReadOnlyList<string> ListTrackedFiles(string repositoryRoot)
    {
        string? output = RunGit(repositoryRoot, "ls-files", "-z", "--full-name");
        return output is null ? [] : output.Split('\0', StringSplitOptions.RemoveEmptyEntries);
    }

    public IReadOnlyList<string> ListFileNames(string directory)
    {
        try
        {
            return Directory.EnumerateFiles(directory).Select(Path.GetFileName).OfType<string>().ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    public IReadOnlyList<string> ListDirectoryNames(string directory)
    {
        try
        {
            // Symbolic links are not followed: a link to a parent would loop, a link elsewhere is not this project.
            return new DirectoryInfo(directory).EnumerateDirectories()
                .Where(d => (d.Attributes & FileAttributes.ReparsePoint) == 0)
                .Select(d => d.Name)
                .ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    public IReadOnlySet<string> FindIgnored(string repositoryRoot, IReadOnlyList<string> relativePaths)
    {
        if (relativePaths.Count == 0)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        // Exit code 1 means "none of them is ignored", which is an answer too.
        // (-z needs --stdin; without it, quotePath=false keeps non-ASCII names as they are, one per line.)
        string? output = RunGit(repositoryRoot, [0, 1], ["-c", "core.quotePath=false", "check-ignore", "--", .. relativePaths]);
        return new HashSet<string>(output?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [], StringComparer.Ordinal);
    }

    public long? GetFileLength(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists ? info.Length : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    public byte[]? ReadFile(string path, int maxBytes)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.SequentialScan);
            var buffer = new byte[(int)Math.Min(maxBytes, stream.Length)];
            int read = 0;
            while (read < buffer.Length)
            {
                int n = stream.Read(buffer, read, buffer.Length - read);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            return read == buffer.Length ? buffer : buffer[..read];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    private static string? RunGit(string workingDirectory, params string[] arguments) => RunGit(workingDirectory, [0], arguments);

    private static string? RunGit(string workingDirectory, int[] successCodes, string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Never prompt, never page, never read a repository-specific pager or editor setting.
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_PAGER"] = "cat";

        try
        {
            using Process? process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(GitTimeout))
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // It exited meanwhile.
                }

                return null;
            }

            Task.WaitAll(stdout, stderr);
            return successCodes.Contains(process.ExitCode) ? stdout.Result : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            // git is not installed, or the directory vanished.
            return null;
        }
    }
}
