using System.Text;
using System.Text.RegularExpressions;

namespace ApiAuth.Cli.Doctor.Sources;

/// <summary>
/// Where <c>dotnet user-secrets</c> keeps a project's secrets: the <c>UserSecretsId</c> in the project file, and the
/// path Microsoft.Extensions.Configuration.UserSecrets builds from it (%APPDATA%\Microsoft\UserSecrets\{id}\secrets.json
/// when APPDATA is set, as on Windows; ~/.microsoft/usersecrets/{id}/secrets.json otherwise).
/// </summary>
internal static partial class UserSecretsLocator
{
    public static bool IsProjectFile(string name) =>
        name.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".fsproj", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".vbproj", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the <c>UserSecretsId</c> from a project file's text.</summary>
    public static string? ReadId(byte[] projectFile)
    {
        Match match = IdPattern().Match(Encoding.UTF8.GetString(projectFile));
        string? id = match.Success ? match.Groups[1].Value.Trim() : null;

        // The same characters the configuration package accepts: an id with a path separator would escape the folder.
        return id is { Length: > 0 } && id.IndexOfAny(Path.GetInvalidFileNameChars()) < 0 && !id.Contains('/', StringComparison.Ordinal) && !id.Contains('\\', StringComparison.Ordinal)
            ? id
            : null;
    }

    /// <summary>The secrets.json path for <paramref name="id"/>, and how to show it; <see langword="null"/> when neither APPDATA nor HOME is set.</summary>
    public static (string Path, string Display)? PathFor(string id, IDoctorEnvironment environment)
    {
        string? appData = environment.GetVariable("APPDATA");
        if (!string.IsNullOrEmpty(appData))
        {
            return (Path.Combine(appData, "Microsoft", "UserSecrets", id, "secrets.json"), $"%APPDATA%\\Microsoft\\UserSecrets\\{id}\\secrets.json");
        }

        string? home = environment.GetVariable("HOME") ?? environment.GetVariable("USERPROFILE");
        return string.IsNullOrEmpty(home)
            ? null
            : (Path.Combine(home, ".microsoft", "usersecrets", id, "secrets.json"), $"~/.microsoft/usersecrets/{id}/secrets.json");
    }

    [GeneratedRegex(@"<UserSecretsId>\s*([^<]*?)\s*</UserSecretsId>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex IdPattern();
}
