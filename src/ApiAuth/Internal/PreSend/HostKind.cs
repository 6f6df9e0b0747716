namespace ApiAuth.Internal;

/// <summary>Where a host is, for the plain-http rule (see <see cref="EndpointRules"/>).</summary>
internal enum HostKind
{
    /// <summary>Anywhere else: the internet.</summary>
    Public,

    /// <summary>This machine: loopback, <c>localhost</c>, <c>*.localhost</c>, <c>0.0.0.0</c>, <c>::</c>.</summary>
    Local,

    /// <summary>The user's own network: private and link-local addresses, single-label host names.</summary>
    OwnNetwork,
}
