namespace ApiAuth.Cli.Doctor;

/// <summary>What <see cref="KeyValueChecks.Check"/> found for one value: the hint (never the key) and whether it is a real key at all.</summary>
/// <param name="KeyHint">The key hint.</param>
/// <param name="HoldsKey">False for an empty value or a placeholder: nothing to leak, nothing that authenticates.</param>
/// <param name="Failed">True when a check failed.</param>
internal readonly record struct KeyValueOutcome(string KeyHint, bool HoldsKey, bool Failed);
