namespace ApiAuth.Cli.Doctor;

/// <summary>A provider with a key in the environment, as the credential checks resolved it: what the probe calls.</summary>
/// <param name="Setup">The provider's configuration data.</param>
/// <param name="KeyVariable">The variable the key came from.</param>
/// <param name="Key">The key as stored (never printed).</param>
/// <param name="BaseUrl">The base URL the SDK would use, or <see langword="null"/> when it is missing or unusable.</param>
/// <param name="ProfileId">The ApiAuth profile id that fits the base URL (<c>openai</c>, <c>openai-compatible</c>, <c>groq</c> …).</param>
internal sealed record ConfiguredProvider(ProviderSetup Setup, string KeyVariable, string Key, Uri? BaseUrl, string ProfileId)
{
    public string? Organization { get; init; }

    public string? Project { get; init; }

    /// <summary>Returns a secret-free description.</summary>
    public override string ToString() => $"{Setup.Id} ({KeyVariable}) → {BaseUrl}";
}
