namespace ApiAuth.Cli.Doctor;

/// <summary>
/// The files and git repository the doctor inspects; a seam so the .env and secret checks are unit-testable.
/// Paths are absolute and use the platform's separator; tracked files are relative to the repository root with '/'.
/// </summary>
internal interface IWorkspace
{
    /// <summary>Gets the directory the doctor runs in.</summary>
    string CurrentDirectory { get; }

    /// <summary>Finds the root of the git repository holding <paramref name="directory"/> (<c>git rev-parse --show-toplevel</c>).</summary>
    /// <returns>The root, or <see langword="null"/> when the directory is not in a repository or git is not installed.</returns>
    string? FindRepositoryRoot(string directory);

    /// <summary>Lists the files git tracks in the repository (<c>git ls-files</c>), relative to <paramref name="repositoryRoot"/>.</summary>
    IReadOnlyList<string> ListTrackedFiles(string repositoryRoot);

    /// <summary>Lists the names of the files directly in <paramref name="directory"/>.</summary>
    IReadOnlyList<string> ListFileNames(string directory);

    /// <summary>Lists the names of the directories directly in <paramref name="directory"/>.</summary>
    IReadOnlyList<string> ListDirectoryNames(string directory);

    /// <summary>Returns which of <paramref name="relativePaths"/> (relative to the root, with '/') git ignores (<c>git check-ignore</c>).</summary>
    IReadOnlySet<string> FindIgnored(string repositoryRoot, IReadOnlyList<string> relativePaths);

    /// <summary>Gets a file's length in bytes, or <see langword="null"/> when it does not exist.</summary>
    long? GetFileLength(string path);

    /// <summary>Reads at most <paramref name="maxBytes"/> bytes of a file, or <see langword="null"/> when it cannot be read.</summary>
    byte[]? ReadFile(string path, int maxBytes);
}
