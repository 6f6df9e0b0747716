namespace ApiAuth.Analyzers;

/// <summary>Keys of <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/>: what an analyzer tells its code fix.</summary>
internal static class DiagnosticProperties
{
    /// <summary>The environment variable the fix reads (APIAUTH001) or names (APIAUTH003).</summary>
    public const string Variable = "Variable";

    /// <summary>The provider's name, for the fix's message (APIAUTH001).</summary>
    public const string Provider = "Provider";

    /// <summary>The scheme written in front of the key in the literal (<c>Bearer </c>), kept by the fix (APIAUTH001).</summary>
    public const string Scheme = "Scheme";

    /// <summary>Present when the value passed to GetEnvironmentVariable looks like a key: the fix then names no variable (APIAUTH003).</summary>
    public const string NameLooksLikeKey = "NameLooksLikeKey";

    /// <summary>Present when the compilation references ApiAuth, so the fix's message points to its option (APIAUTH003).</summary>
    public const string ApiAuthReferenced = "ApiAuth";

    /// <summary>Present when the source can return null, so the fix writes <c>?.Trim()</c> (APIAUTH004).</summary>
    public const string Nullable = "Nullable";

    /// <summary>How the APIAUTH002 fix rewrites: <c>assign</c> (Headers.Authorization = …) or <c>ctor</c> (two-argument constructor).</summary>
    public const string Fix = "Fix";
}
