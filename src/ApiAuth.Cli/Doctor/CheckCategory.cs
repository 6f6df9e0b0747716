namespace ApiAuth.Cli.Doctor;

/// <summary>The sections of the report, in the order they print. The JSON names are the lowercase, dashed forms.</summary>
internal static class CheckCategory
{
    public const string Environment = "environment";
    public const string Key = "key";
    public const string BaseUrl = "base-url";
    public const string Organization = "organization";
    public const string DotEnv = "dotenv";
    public const string Sources = "sources";
    public const string Secrets = "secrets";
    public const string Probe = "probe";

    public static IReadOnlyList<string> Order { get; } = [Environment, Key, BaseUrl, Organization, DotEnv, Sources, Secrets, Probe];

    public static string Title(string category) => category switch
    {
        Environment => "Environment variables",
        Key => "Keys",
        BaseUrl => "Base URLs and endpoints",
        Organization => "Organization and project",
        DotEnv => ".env files",
        Sources => "appsettings, user secrets and launch profiles",
        Secrets => "Secrets committed to git",
        Probe => "Probe (one authenticated call per provider)",
        _ => category,
    };
}
