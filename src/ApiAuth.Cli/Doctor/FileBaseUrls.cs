namespace ApiAuth.Cli.Doctor;

/// <summary>Runs <see cref="BaseUrlCheck"/> on a base URL found in a file (.env, appsettings.json, launchSettings.json), naming the file and line.</summary>
internal static class FileBaseUrls
{
    public static void Check(ProviderSetup provider, string value, string? file, int? line, string idPrefix, string category, List<CheckResult> results)
    {
        var found = new List<CheckResult>();
        BaseUrlCheck.Check(provider, value, found);
        string prefix = $"base-url.{provider.Id}.";
        string where = line is null ? file ?? string.Empty : $"{file}:{line}";
        foreach (CheckResult result in found)
        {
            string suffix = result.Id.StartsWith(prefix, StringComparison.Ordinal) ? result.Id[prefix.Length..] : result.Id;
            results.Add(result with { Id = $"{idPrefix}.base-url.{suffix}", Category = category, File = file, Line = line, Title = $"{where}: {result.Title}" });
        }
    }
}
