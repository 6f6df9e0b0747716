using ApiAuth.Cli.Doctor;

namespace ApiAuth.Cli.Rendering;

/// <summary>The doctor's readable report: a section per category, ✓ / ! / ✗ per check, the remediation under each problem.</summary>
internal static class TextReport
{
    public static void Write(DoctorReport report, TextWriter writer, bool color)
    {
        string Paint(string text, string code) => color ? code + text + Ansi.Reset : text;

        writer.WriteLine(Paint("apiauth doctor", Ansi.Bold) + " — " + report.Directory);
        writer.WriteLine(report.RepositoryRoot is null ? "  (not in a git repository)" : "  git repository: " + report.RepositoryRoot);

        // The same advice is printed once; a later check that needs it points back to it.
        var given = new HashSet<string>(StringComparer.Ordinal);
        foreach (IGrouping<string, CheckResult> section in report.Checks.GroupBy(c => c.Category))
        {
            writer.WriteLine();
            writer.WriteLine(Paint(CheckCategory.Title(section.Key), Ansi.Bold));
            foreach (CheckResult check in section)
            {
                (string symbol, string code) = Symbol(check.Status);
                writer.WriteLine($"  {Paint(symbol, code)} {check.Title}");
                if (check.Detail is not null)
                {
                    WriteIndented(writer, check.Detail, "      ", text => Paint(text, Ansi.Dim));
                }

                if (check.Remediation is not null && check.Status is CheckStatus.Fail or CheckStatus.Warn && !given.Add(check.Remediation))
                {
                    writer.WriteLine("    → (the same fix as above)");
                }
                else if (check.Remediation is not null && check.Status is CheckStatus.Fail or CheckStatus.Warn)
                {
                    WriteIndented(writer, check.Remediation, "      ", text => text, firstPrefix: "    → ");
                }

                if (check.RequestId is not null && check.Status != CheckStatus.Pass)
                {
                    writer.WriteLine(Paint($"      request id: {check.RequestId}", Ansi.Dim));
                }
            }
        }

        writer.WriteLine();
        int failed = report.Count(CheckStatus.Fail), warned = report.Count(CheckStatus.Warn), passed = report.Count(CheckStatus.Pass);
        string summary = $"{passed} passed, {warned} warning{(warned == 1 ? string.Empty : "s")}, {failed} failed";
        writer.WriteLine(failed > 0 ? Paint("✗ " + summary, Ansi.Red) : warned > 0 ? Paint("! " + summary, Ansi.Yellow) : Paint("✓ " + summary, Ansi.Green));
        if (!report.Probed && failed == 0)
        {
            writer.WriteLine(Paint("  Run `apiauth doctor --probe` to make one authenticated call per provider.", Ansi.Dim));
        }
    }

    private static (string Symbol, string Code) Symbol(CheckStatus status) => status switch
    {
        CheckStatus.Pass => ("✓", Ansi.Green),
        CheckStatus.Warn => ("!", Ansi.Yellow),
        CheckStatus.Fail => ("✗", Ansi.Red),
        _ => ("·", Ansi.Dim),
    };

    private static void WriteIndented(TextWriter writer, string text, string prefix, Func<string, string> paint, string? firstPrefix = null)
    {
        bool first = true;
        foreach (string line in text.Split('\n'))
        {
            writer.WriteLine((first ? firstPrefix ?? prefix : prefix) + paint(line.TrimEnd('\r')));
            first = false;
        }
    }
}
