namespace ApiAuth.Cli;

/// <summary>The tool's standard streams and what it knows about them; tests pass writers of their own.</summary>
internal sealed class CliConsole
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    public TextReader In { get; init; } = TextReader.Null;

    public bool IsInputRedirected { get; init; }

    public bool IsOutputRedirected { get; init; } = true;

    public static CliConsole System() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        In = Console.In,
        IsInputRedirected = Console.IsInputRedirected,
        IsOutputRedirected = Console.IsOutputRedirected,
    };
}
