namespace ApiAuth.Cli.Doctor.Sources;

/// <summary>Where a .NET app's configuration value comes from, in the default host builder's order (later wins).</summary>
internal enum ConfigSourceKind
{
    /// <summary><c>appsettings.json</c>.</summary>
    AppSettings,

    /// <summary><c>appsettings.{Environment}.json</c>.</summary>
    AppSettingsEnvironment,

    /// <summary>User secrets (<c>secrets.json</c> under the project's <c>UserSecretsId</c>), read in Development only.</summary>
    UserSecrets,

    /// <summary>An environment variable of this process.</summary>
    Environment,

    /// <summary>An environment variable set by a <c>Properties/launchSettings.json</c> profile (<c>dotnet run</c>, Visual Studio).</summary>
    LaunchSettings,
}
