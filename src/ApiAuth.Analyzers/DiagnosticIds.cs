namespace ApiAuth.Analyzers;

/// <summary>The diagnostic ids, shared by the analyzers, the code fixes and the tests.</summary>
internal static class DiagnosticIds
{
    /// <summary>A provider key written into source.</summary>
    public const string KeyLiteral = "APIAUTH001";

    /// <summary><c>Authorization</c> set to a key without an auth scheme.</summary>
    public const string AuthorizationWithoutScheme = "APIAUTH002";

    /// <summary>An environment variable used as a credential without a null check.</summary>
    public const string UncheckedEnvironmentVariable = "APIAUTH003";

    /// <summary>A key read from a file, the console or a stream used without <c>Trim()</c>.</summary>
    public const string UntrimmedKey = "APIAUTH004";

    /// <summary>A key header sent to a host that never reads it.</summary>
    public const string KeyHeaderNotRead = "APIAUTH005";
}
