namespace ApiAuth.IntegrationTests.NotTransient;

/// <summary>A credential ApiAuth refuses before sending.</summary>
public enum RefusedKey
{
    /// <summary>A template's example value (<c>sk-your-key-here</c> and the like): <see cref="AuthFailureCause.PlaceholderKey"/>.</summary>
    Placeholder,

    /// <summary>A real-shaped key with a space inside it (two values pasted together): <see cref="AuthFailureCause.MalformedKey"/>.</summary>
    InnerSpace,
}
