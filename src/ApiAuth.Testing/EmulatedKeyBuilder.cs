namespace ApiAuth.Testing;

/// <summary>
/// Describes what a valid key registered with <see cref="ProviderEmulator.WithKey(string, Action{EmulatedKeyBuilder}?)"/> is bound to.
/// </summary>
public sealed class EmulatedKeyBuilder
{
    private string[]? _scopes;

    internal EmulatedKeyBuilder()
    {
    }

    internal string? OrganizationId { get; private set; }

    internal string? ProjectId { get; private set; }

    internal IReadOnlyList<string>? GrantedScopes => _scopes;

    /// <summary>
    /// Binds the key to an organization: an <c>OpenAI-Organization</c> header naming another one is refused.
    /// </summary>
    /// <param name="organizationId">The organization id, for example <c>org-abc</c>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="organizationId"/> is null, empty or white space.</exception>
    public EmulatedKeyBuilder Organization(string organizationId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationId);
        OrganizationId = organizationId;
        return this;
    }

    /// <summary>
    /// Binds the key to a project: an <c>OpenAI-Project</c> header naming another one is refused.
    /// </summary>
    /// <param name="projectId">The project id, for example <c>proj_abc</c>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="projectId"/> is null, empty or white space.</exception>
    public EmulatedKeyBuilder Project(string projectId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectId);
        ProjectId = projectId;
        return this;
    }

    /// <summary>
    /// Restricts the key to the given scopes (see <see cref="EmulatorScopes"/>). Without this call the key has every scope.
    /// </summary>
    /// <param name="scopes">The scopes granted; none means the key may call nothing.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scopes"/> is null.</exception>
    public EmulatedKeyBuilder Scopes(params string[] scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        _scopes = [.. scopes];
        return this;
    }
}
