using Microsoft.CodeAnalysis;

namespace ApiAuth.Analyzers;

/// <summary>The diagnostics ApiAuth reports in the editor; each links to the README section that lists them.</summary>
internal static class Descriptors
{
    /// <summary>The README section every diagnostic links to.</summary>
    public const string HelpLink = "https://github.com/apiauth/ApiAuth#in-your-editor";

    /// <summary>APIAUTH001.</summary>
    public static readonly DiagnosticDescriptor KeyLiteral = new(
        DiagnosticIds.KeyLiteral,
        "API key written in source",
        "{0} key is written into source: keys in source get committed, leaked and revoked; read it from configuration or user secrets",
        "Security",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A string literal, constant or interpolation of constants matches a published key format in full (prefix, length and characters). Placeholders such as sk-your-key-here are not keys and are not reported.",
        helpLinkUri: HelpLink);

    /// <summary>APIAUTH002.</summary>
    public static readonly DiagnosticDescriptor AuthorizationWithoutScheme = new(
        DiagnosticIds.AuthorizationWithoutScheme,
        "Authorization header without an auth scheme",
        "'Authorization' is set to {0} without a scheme: the provider reads 'Authorization: Bearer <key>'; use new AuthenticationHeaderValue(\"Bearer\", key)",
        "Usage",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Reported where the analyzer can know a scheme is needed: the value is a known key format, or every host in the method belongs to a provider that reads the key after a scheme.",
        helpLinkUri: HelpLink);

    /// <summary>APIAUTH003.</summary>
    public static readonly DiagnosticDescriptor UncheckedEnvironmentVariable = new(
        DiagnosticIds.UncheckedEnvironmentVariable,
        "Environment variable used as a credential without a null check",
        "{0} is used as a credential without a null check: when it is unset the request is sent with no key; fail clearly with '?? throw new InvalidOperationException(...)'",
        "Usage",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Environment.GetEnvironmentVariable returns null for a variable that is not set in the process (a .env file is not loaded unless the app loads it).",
        helpLinkUri: HelpLink);

    /// <summary>APIAUTH004.</summary>
    public static readonly DiagnosticDescriptor UntrimmedKey = new(
        DiagnosticIds.UntrimmedKey,
        "Key read from a file or the console used without Trim()",
        "The key read by {0} is used as a credential without Trim(): the trailing newline or spaces are sent with it and the key is refused; call .Trim()",
        "Usage",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Files and console input end with a newline that is not part of the key.",
        helpLinkUri: HelpLink);

    /// <summary>APIAUTH005.</summary>
    public static readonly DiagnosticDescriptor KeyHeaderNotRead = new(
        DiagnosticIds.KeyHeaderNotRead,
        "Key header sent to a host that never reads it",
        "'{0}' is sent to {1}, which never reads it: {2} reads the key from {3}",
        "Usage",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Every host in the method is a known provider's, and none of them reads the key from this header.",
        helpLinkUri: HelpLink);
}
