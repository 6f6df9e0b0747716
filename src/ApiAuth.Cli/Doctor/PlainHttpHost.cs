namespace ApiAuth.Cli.Doctor;

/// <summary>Where a plain-http base URL points, for ApiAuth's plain-http rule (see <see cref="BaseUrlCheck.PlainHttp"/>).</summary>
internal enum PlainHttpHost
{
    /// <summary>Not plain http.</summary>
    None,

    /// <summary>This machine (loopback, <c>localhost</c>, <c>0.0.0.0</c>): a key is sent.</summary>
    Local,

    /// <summary>The user's own network (a private address, a single-label name): a key is sent with a warning, a cloud key is refused.</summary>
    OwnNetwork,

    /// <summary>Any other host: a key is refused.</summary>
    Public,
}
