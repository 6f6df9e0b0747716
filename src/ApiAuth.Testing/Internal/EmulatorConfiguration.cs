using System.Collections.Immutable;

namespace ApiAuth.Testing.Internal;

/// <summary>An immutable snapshot of what the emulator was configured with; replaced whole on every change.</summary>
internal sealed record EmulatorConfiguration
{
    public required ProviderBehavior Behavior { get; init; }

    public ImmutableDictionary<string, EmulatedKey> Keys { get; init; } = ImmutableDictionary.Create<string, EmulatedKey>(StringComparer.Ordinal);

    public ImmutableHashSet<string> Organizations { get; init; } = ImmutableHashSet.Create<string>(StringComparer.Ordinal);

    public ImmutableArray<string> Models { get; init; } = [];

    public ImmutableHashSet<string> Deployments { get; init; } = ImmutableHashSet.Create<string>(StringComparer.Ordinal);

    public required string BasePath { get; init; }

    public string CompletionText { get; init; } = "Hello from the ApiAuth provider emulator.";

    public bool KeyAuthenticationDisabled { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public bool IsKnownOrganization(string organization) =>
        Organizations.Contains(organization) || Keys.Values.Any(k => string.Equals(k.Organization, organization, StringComparison.Ordinal));

    public IReadOnlyList<string> EffectiveModels => Models.IsDefaultOrEmpty ? Behavior.DefaultModels : Models;
}
