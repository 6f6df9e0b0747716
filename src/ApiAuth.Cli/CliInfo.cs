using System.Reflection;

namespace ApiAuth.Cli;

/// <summary>The tool's name and version.</summary>
internal static class CliInfo
{
    public static string Version { get; } =
        typeof(CliInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
