namespace ApiAuth.Cli.Doctor;

/// <summary>Where a base URL's host is, for ApiAuth's plain-http rule (see <see cref="BaseUrlCheck.HostKindOf"/>).</summary>
internal enum HostKind
{
    /// <summary>This machine (loopback, <c>localhost</c>, <c>0.0.0.0</c>): a key is sent over plain http.</summary>
    Local,

    /// <summary>The user's own network (a private address, a single-label name): a key is sent over plain http with a warning, a cloud key is refused.</summary>
    OwnNetwork,

    /// <summary>Any other host: a key is refused over plain http.</summary>
    Public,
}
