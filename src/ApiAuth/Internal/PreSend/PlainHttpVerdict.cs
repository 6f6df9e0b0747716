namespace ApiAuth.Internal;

/// <summary>What <see cref="EndpointRules.PlainHttp"/> decides for a credential.</summary>
internal enum PlainHttpVerdict
{
    /// <summary>https, or plain http to this machine.</summary>
    Allowed,

    /// <summary>Plain http to the user's own network: sent, with a warning logged once per client.</summary>
    AllowedWithWarning,

    /// <summary>Plain http to a public host: refused.</summary>
    Refused,

    /// <summary>Plain http to the user's own network with a key in a cloud provider's format: refused.</summary>
    RefusedCloudKey,
}
