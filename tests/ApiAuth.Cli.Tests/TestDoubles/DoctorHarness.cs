using ApiAuth.Cli.Doctor;

namespace ApiAuth.Cli.Tests.TestDoubles;

internal static class DoctorHarness
{
    public static DoctorReport Run(FakeEnvironment environment, FakeWorkspace? workspace = null, DoctorOptions? options = null) =>
        new DoctorRunner(environment, workspace ?? new FakeWorkspace()).RunAsync(options ?? new DoctorOptions(), TestContext.Current.CancellationToken).GetAwaiter().GetResult();

    public static CheckResult Single(this DoctorReport report, string idPrefix) =>
        Assert.Single(report.Checks, c => c.Id.StartsWith(idPrefix, StringComparison.Ordinal));

    /// <summary>The one check with exactly this id about this file (and line).</summary>
    public static CheckResult At(this DoctorReport report, string id, string file, int? line = null) =>
        Assert.Single(report.Checks, c => c.Id == id && c.File == file && (line is null || c.Line == line));

    /// <summary>Every check with exactly this id.</summary>
    public static CheckResult[] All(this DoctorReport report, string id) => [.. report.Checks.Where(c => c.Id == id)];

    public static CheckResult? Find(this DoctorReport report, string idPrefix) =>
        report.Checks.FirstOrDefault(c => c.Id.StartsWith(idPrefix, StringComparison.Ordinal));
}
