namespace ApiAuth.Cli.Rendering;

/// <summary>ANSI colours, and when to use them: a terminal that is not redirected, without NO_COLOR, not TERM=dumb.</summary>
internal static class Ansi
{
    public const string Reset = "\u001b[0m";
    public const string Bold = "\u001b[1m";
    public const string Dim = "\u001b[2m";
    public const string Red = "\u001b[31m";
    public const string Green = "\u001b[32m";
    public const string Yellow = "\u001b[33m";
    public const string Cyan = "\u001b[36m";

    /// <summary>Decides whether to colour the output (https://no-color.org; FORCE_COLOR forces it).</summary>
    public static bool ShouldColor(bool outputRedirected, Func<string, string?> getVariable)
    {
        if (!string.IsNullOrEmpty(getVariable("NO_COLOR")))
        {
            return false;
        }

        if (!string.IsNullOrEmpty(getVariable("FORCE_COLOR")))
        {
            return true;
        }

        return !outputRedirected && !string.Equals(getVariable("TERM"), "dumb", StringComparison.Ordinal);
    }
}
