namespace ApiAuth.Analyzers;

/// <summary>The kinds of credential source the analyzers follow.</summary>
internal enum CredentialSourceKind
{
    /// <summary><c>Environment.GetEnvironmentVariable</c>: null when the variable is unset.</summary>
    EnvironmentVariable,

    /// <summary>A file, the console or a text reader: the text ends with a newline that is not part of the key.</summary>
    UntrimmedRead,
}
