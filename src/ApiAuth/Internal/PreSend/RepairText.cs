namespace ApiAuth.Internal;

/// <summary>Repairs in words, for the log and strict-mode failures.</summary>
internal static class RepairText
{
    public static string Describe(CredentialRepairs repairs)
    {
        string[] items = List(repairs);
        return items.Length == 0 ? "nothing" : string.Join("; ", items);
    }

    /// <summary>The repairs, one phrase each.</summary>
    public static string[] List(CredentialRepairs repairs)
    {
        var list = new List<string>();
        Add(list, repairs, CredentialRepairs.RemovedLineBreak, "removed a trailing line break");
        Add(list, repairs, CredentialRepairs.TrimmedWhitespace, "trimmed surrounding whitespace");
        Add(list, repairs, CredentialRepairs.RemovedInvisibleCharacters, "removed invisible characters (BOM, zero-width space, soft hyphen)");
        Add(list, repairs, CredentialRepairs.RemovedQuotes, "removed wrapping quotes");
        Add(list, repairs, CredentialRepairs.AddedBearerScheme, "added the missing 'Bearer ' scheme");
        Add(list, repairs, CredentialRepairs.RemovedDuplicateBearer, "removed a doubled 'Bearer' scheme");
        Add(list, repairs, CredentialRepairs.NormalizedBearerScheme, "normalized the 'Bearer' scheme's case or separator");
        Add(list, repairs, CredentialRepairs.MovedToProviderHeader, "moved the key to the header the provider reads");
        Add(list, repairs, CredentialRepairs.TrimmedOrganization, "trimmed whitespace or quotes around the organization id");
        Add(list, repairs, CredentialRepairs.TrimmedProject, "trimmed whitespace or quotes around the project id");
        return [.. list];
    }

    private static void Add(List<string> list, CredentialRepairs repairs, CredentialRepairs flag, string text)
    {
        if ((repairs & flag) != 0)
        {
            list.Add(text);
        }
    }
}
