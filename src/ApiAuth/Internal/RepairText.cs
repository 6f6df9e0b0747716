using System.Text;

namespace ApiAuth.Internal;

/// <summary>Repairs in words, for the log and strict-mode failures.</summary>
internal static class RepairText
{
    public static string Describe(CredentialRepairs repairs)
    {
        var sb = new StringBuilder();
        Add(sb, repairs, CredentialRepairs.RemovedLineBreak, "removed a trailing line break");
        Add(sb, repairs, CredentialRepairs.TrimmedWhitespace, "trimmed surrounding whitespace");
        Add(sb, repairs, CredentialRepairs.RemovedInvisibleCharacters, "removed invisible characters (BOM, zero-width space, soft hyphen)");
        Add(sb, repairs, CredentialRepairs.RemovedQuotes, "removed wrapping quotes");
        Add(sb, repairs, CredentialRepairs.AddedBearerScheme, "added the missing 'Bearer ' scheme");
        Add(sb, repairs, CredentialRepairs.RemovedDuplicateBearer, "removed a doubled 'Bearer' scheme");
        Add(sb, repairs, CredentialRepairs.NormalizedBearerScheme, "normalized the 'Bearer' scheme's case or separator");
        Add(sb, repairs, CredentialRepairs.MovedToProviderHeader, "moved the key to the header the provider reads");
        Add(sb, repairs, CredentialRepairs.TrimmedOrganization, "trimmed whitespace or quotes around the organization id");
        Add(sb, repairs, CredentialRepairs.TrimmedProject, "trimmed whitespace or quotes around the project id");
        return sb.Length == 0 ? "nothing" : sb.ToString();
    }

    private static void Add(StringBuilder sb, CredentialRepairs repairs, CredentialRepairs flag, string text)
    {
        if ((repairs & flag) == 0)
        {
            return;
        }

        if (sb.Length > 0)
        {
            sb.Append("; ");
        }

        sb.Append(text);
    }
}
