namespace ApiAuth.Cli.Doctor;

/// <summary>
/// The directories the doctor reads configuration in: the current one and those under it, breadth first, to a bounded
/// depth and count, skipping build output, dependencies and hidden directories (bin, obj, node_modules, .git, .vs …).
/// </summary>
internal static class ProjectLocator
{
    /// <summary>How deep under the current directory projects are looked for (src/App/Properties is depth 3).</summary>
    public const int MaxDepth = 4;

    /// <summary>The most directories visited: a home directory is not a project tree.</summary>
    public const int MaxDirectories = 400;

    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "bin", "obj", "node_modules", "packages", "artifacts", "TestResults", "dist", "build", "out", "target", "venv", "__pycache__",
    };

    public static IReadOnlyList<string> Directories(IWorkspace workspace, string current)
    {
        var found = new List<string>();
        var queue = new Queue<(string Path, int Depth)>();
        queue.Enqueue((Path.TrimEndingDirectorySeparator(current), 0));
        while (queue.Count > 0 && found.Count < MaxDirectories)
        {
            (string directory, int depth) = queue.Dequeue();
            found.Add(directory);
            if (depth >= MaxDepth)
            {
                continue;
            }

            foreach (string name in workspace.ListDirectoryNames(directory).Order(StringComparer.Ordinal))
            {
                if (name.StartsWith('.') || Skipped.Contains(name))
                {
                    continue;
                }

                queue.Enqueue((Path.Combine(directory, name), depth + 1));
            }
        }

        return found;
    }
}
