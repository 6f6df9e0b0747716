namespace ApiAuth;

/// <summary>
/// Why an API rejected (or would have rejected) a request's credential.
/// </summary>
public enum AuthFailureCause
{
    /// <summary>No credential was sent, or the server says none arrived (for example an environment variable that was never loaded).</summary>
    MissingKey,

    /// <summary>The credential is an example or template value (<c>YOUR_API_KEY</c>, <c>${OPENAI_API_KEY}</c>, <c>undefined</c>, a masked key copied from a dashboard).</summary>
    PlaceholderKey,

    /// <summary>The credential holds characters no key can contain (an en dash, an ellipsis, a line break or space inside it, two keys pasted together).</summary>
    MalformedKey,

    /// <summary>The credential is unmistakably another service's key (an Anthropic key sent to OpenAI, a GitHub token sent to Gemini).</summary>
    WrongProviderKey,

    /// <summary>The Authorization header is not in the form the provider reads (a missing or doubled <c>Bearer</c> scheme, an unknown scheme).</summary>
    MalformedAuthorizationHeader,

    /// <summary>The credential was sent in a header the provider does not read.</summary>
    WrongHeaderName,

    /// <summary>The provider does not recognise the key: it is incorrect, deleted or revoked.</summary>
    InvalidKey,

    /// <summary>The key or token has expired.</summary>
    ExpiredCredential,

    /// <summary>The organization sent (or implied) does not match the key.</summary>
    WrongOrganization,

    /// <summary>The project sent (or implied) does not match the key.</summary>
    WrongProject,

    /// <summary>The account, organization or resource behind the key is disabled, or refuses this kind of credential.</summary>
    AccountDisabled,

    /// <summary>The key is valid but lacks the permission or scope this operation needs.</summary>
    InsufficientPermissions,

    /// <summary>The request went to the wrong place for this credential: the wrong host, region, resource, or plain http to a remote host.</summary>
    WrongEndpoint,

    /// <summary>An authentication failure whose cause the response does not reveal.</summary>
    Unknown,
}
