using System.Globalization;

namespace ApiAuth.Hardening.Tests.Infrastructure;

/// <summary>
/// How big a run is. CI runs a smaller but real setting by default; <c>APIAUTH_HARDENING_FULL=1</c> runs the full counts.
/// <c>APIAUTH_HARDENING_SEED</c> replays a run (every random choice derives from it).
/// </summary>
internal static class HardeningRun
{
    public const string FullVariable = "APIAUTH_HARDENING_FULL";
    public const string SeedVariable = "APIAUTH_HARDENING_SEED";

    private static readonly object SummaryGate = new();

    public static bool Full { get; } = Environment.GetEnvironmentVariable(FullVariable) is "1" or "true" or "True" or "TRUE";

    public static int Seed { get; } = int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed) ? seed : 20_260_611;

    public static string Mode => Full ? "full" : "default";

    /// <summary>Picks the count for this mode.</summary>
    public static int Count(int byDefault, int full) => Full ? full : byDefault;

    /// <summary>Writes a line to the test's output and to <c>hardening-summary.txt</c> next to the test binary.</summary>
    public static void Report(string line)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        string test = TestContext.Current.Test?.TestDisplayName ?? "?";
        lock (SummaryGate)
        {
            File.AppendAllText(
                Path.Combine(AppContext.BaseDirectory, "hardening-summary.txt"),
                string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:u} [{Mode}, seed {Seed}] {test}: {line}{Environment.NewLine}"));
        }
    }
}
