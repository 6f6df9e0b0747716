using System.Text;
using ApiAuth.Cli.Doctor;

namespace ApiAuth.Cli.Tests.TestDoubles;

/// <summary>An in-memory file system and git repository. Paths are built with Path.Combine under <see cref="Root"/>.</summary>
internal sealed class FakeWorkspace : IWorkspace
{
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly HashSet<string> _tracked = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ignored = new(StringComparer.Ordinal);

    public FakeWorkspace(bool inRepository = true, string? currentRelative = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "fake-repo");
        InRepository = inRepository;
        CurrentDirectory = currentRelative is null ? Root : Path.Combine(Root, currentRelative);
    }

    public string Root { get; }

    public bool InRepository { get; }

    public string CurrentDirectory { get; }

    public int Reads { get; private set; }

    public FakeWorkspace File(string relative, string content, bool tracked = false) => File(relative, Encoding.UTF8.GetBytes(content), tracked);

    /// <summary>Gets a home directory outside the repository (for user secrets).</summary>
    public string Home => Path.Combine(Path.GetTempPath(), "fake-home");

    /// <summary>Adds a file under <see cref="Home"/>.</summary>
    public FakeWorkspace HomeFile(string relative, string content)
    {
        _files[Path.Combine(Home, relative.Replace('/', Path.DirectorySeparatorChar))] = Encoding.UTF8.GetBytes(content);
        return this;
    }

    /// <summary>Marks a path (relative to the root, with '/') as git-ignored.</summary>
    public FakeWorkspace Ignore(string relative)
    {
        _ignored.Add(relative);
        return this;
    }

    public FakeWorkspace File(string relative, byte[] content, bool tracked = false)
    {
        _files[Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar))] = content;
        if (tracked)
        {
            _tracked.Add(relative);
        }

        return this;
    }

    public string? FindRepositoryRoot(string directory) => InRepository ? Root : null;

    public IReadOnlyList<string> ListTrackedFiles(string repositoryRoot) => [.. _tracked];

    public IReadOnlyList<string> ListFileNames(string directory) =>
        [.. _files.Keys.Where(p => string.Equals(Path.GetDirectoryName(p), Path.TrimEndingDirectorySeparator(directory), StringComparison.Ordinal)).Select(p => Path.GetFileName(p))];

    public IReadOnlyList<string> ListDirectoryNames(string directory)
    {
        string parent = Path.TrimEndingDirectorySeparator(directory) + Path.DirectorySeparatorChar;
        return [.. _files.Keys
            .Where(p => p.StartsWith(parent, StringComparison.Ordinal) && p.IndexOf(Path.DirectorySeparatorChar, parent.Length) > 0)
            .Select(p => p[parent.Length..p.IndexOf(Path.DirectorySeparatorChar, parent.Length)])
            .Distinct(StringComparer.Ordinal)];
    }

    public IReadOnlySet<string> FindIgnored(string repositoryRoot, IReadOnlyList<string> relativePaths) =>
        relativePaths.Where(_ignored.Contains).ToHashSet(StringComparer.Ordinal);

    public long? GetFileLength(string path) => _files.TryGetValue(path, out byte[]? bytes) ? bytes.Length : null;

    public byte[]? ReadFile(string path, int maxBytes)
    {
        Reads++;
        return _files.TryGetValue(path, out byte[]? bytes) ? bytes[..Math.Min(bytes.Length, maxBytes)] : null;
    }
}
