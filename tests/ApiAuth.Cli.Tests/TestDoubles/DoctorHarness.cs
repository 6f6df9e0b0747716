using ApiAuth.Cli.Doctor;

namespace ApiAuth.Cli.Tests.TestDoubles;

internal static class DoctorHarness
{
    public static DoctorReport Run(FakeEnvironment environment, FakeWorkspace? workspace = null, DoctorOptions? options = null) =>
        new DoctorRunner(environment, workspace ?? new FakeWorkspace()).RunAsync(options ?? new DoctorOptions(), TestContext.Current.CancellationToken).GetAwaiter().GetResult();

    public static CheckResult Single(this DoctorReport report, string idPrefix) =>
        Assert.Single(report.Checks, c => c.Id.StartsWith(idPrefix, StringComparison.Ordinal));

    public static CheckResult? Find(this DoctorReport report, string idPrefix) =>
        report.Checks.FirstOrDefault(c => c.Id.StartsWith(idPrefix, StringComparison.Ordinal));
}
