using ApiAuth.Internal;
using ApiAuth.Tests.TestDoubles;

namespace ApiAuth.Tests.Internal.PreSend;

/// <summary>The sanitizer on its own: what it repairs in a header value, what it reports, and what it leaves for the validator.</summary>
public sealed class CredentialSanitizerTests
{
    private const CredentialRepairs Trimmed = CredentialRepairs.TrimmedWhitespace;
    private const CredentialRepairs LineBreak = CredentialRepairs.TrimmedWhitespace | CredentialRepairs.RemovedLineBreak;

    private static readonly string Key = TestKeys.OpenAIProject();

    /// <summary>A raw Authorization value for a Bearer provider, the key and header it becomes, and what was repaired (<see cref="CredentialRepairs"/> as int: the enum is internal).</summary>
    public static TheoryData<string, string, int> BearerValues() => new()
    {
        new TheoryDataRow<string, string, int>("Bearer " + Key, Key, (int)CredentialRepairs.None) { Label = "clean" },
        new TheoryDataRow<string, string, int>("Bearer " + Key + "\n", Key, (int)LineBreak) { Label = "trailing LF" },
        new TheoryDataRow<string, string, int>("\r\nBearer " + Key + "\r\n", Key, (int)LineBreak) { Label = "CRLF around" },
        new TheoryDataRow<string, string, int>("Bearer " + Key + " \t", Key, (int)Trimmed) { Label = "trailing blanks, no line break" },
        new TheoryDataRow<string, string, int>("\uFEFFBearer " + Key, Key, (int)CredentialRepairs.RemovedInvisibleCharacters) { Label = "BOM" },
        new TheoryDataRow<string, string, int>("Bearer " + Key[..20] + "\u200B" + Key[20..] + "\u2060", Key, (int)CredentialRepairs.RemovedInvisibleCharacters) { Label = "zero-width inside and word joiner after" },
        new TheoryDataRow<string, string, int>("Bearer \"" + Key + "\"", Key, (int)CredentialRepairs.RemovedQuotes) { Label = "double quotes" },
        new TheoryDataRow<string, string, int>("'Bearer " + Key + "'", Key, (int)CredentialRepairs.RemovedQuotes) { Label = "single quotes around the whole value" },
        new TheoryDataRow<string, string, int>("Bearer \u201C" + Key + "\u201D", Key, (int)CredentialRepairs.RemovedQuotes) { Label = "smart quotes" },
        new TheoryDataRow<string, string, int>("Bearer \" '" + Key + "' \"", Key, (int)(CredentialRepairs.RemovedQuotes | Trimmed)) { Label = "nested quotes and blanks" },
        new TheoryDataRow<string, string, int>(Key, Key, (int)CredentialRepairs.AddedBearerScheme) { Label = "missing scheme" },
        new TheoryDataRow<string, string, int>("Bearer Bearer " + Key, Key, (int)CredentialRepairs.RemovedDuplicateBearer) { Label = "doubled scheme" },
        new TheoryDataRow<string, string, int>("bearer " + Key, Key, (int)CredentialRepairs.NormalizedBearerScheme) { Label = "lower-case scheme" },
        new TheoryDataRow<string, string, int>("Bearer  " + Key, Key, (int)(CredentialRepairs.NormalizedBearerScheme | Trimmed)) { Label = "two spaces after the scheme" },
        new TheoryDataRow<string, string, int>("Bearer: " + Key, Key, (int)(CredentialRepairs.NormalizedBearerScheme | Trimmed)) { Label = "scheme with a colon" },
        new TheoryDataRow<string, string, int>("Bearer\u00A0" + Key + "\u00A0", Key, (int)(CredentialRepairs.NormalizedBearerScheme | Trimmed)) { Label = "NBSP" },
    };

    [Theory]
    [MemberData(nameof(BearerValues))]
    public void Sanitize_BearerValue_RepairsToTheSchemeAndKeyAndSaysWhat(string raw, string key, int repairs)
    {
        SanitizedCredential result = CredentialSanitizer.Sanitize(raw, "Bearer");

        Assert.Equal(key, result.Key);
        Assert.Equal("Bearer " + key, result.HeaderValue);
        Assert.Equal((CredentialRepairs)repairs, result.Repairs);
        Assert.Null(result.SchemeProblem);
        Assert.False(result.IsOtherScheme);
    }

    [Theory]
    [MemberData(nameof(BearerValues))]
    public void Sanitize_ItsOwnOutput_IsCleanAndNeedsNoFurtherRepair(string raw, string key, int repairs)
    {
        SanitizedCredential once = CredentialSanitizer.Sanitize(raw, "Bearer");
        SanitizedCredential twice = CredentialSanitizer.Sanitize(once.HeaderValue, "Bearer");

        Assert.True(CredentialSanitizer.IsClean(once.HeaderValue, "Bearer"));
        Assert.Equal(CredentialRepairs.None, twice.Repairs);
        Assert.Equal(once.HeaderValue, twice.HeaderValue);

        // The fast check agrees with the slow path: a value it calls clean is one the sanitizer does not change.
        Assert.Equal(repairs == 0, CredentialSanitizer.IsClean(raw, "Bearer"));
        Assert.Equal(key, twice.Key);
    }

    [Theory]
    [InlineData("Token", "the scheme 'Token' instead of 'Bearer'")]
    [InlineData("Api-Key", "the scheme 'Api-Key' instead of 'Bearer'")]
    public void Sanitize_AnotherSchemeWord_IsReportedAndTheValueLeftAsSent(string scheme, string problem)
    {
        string raw = scheme + " " + Key;

        SanitizedCredential result = CredentialSanitizer.Sanitize(raw, "Bearer");

        Assert.Equal(problem, result.SchemeProblem);
        Assert.Equal(raw, result.HeaderValue);
        Assert.Equal(Key, result.Key);
    }

    [Fact]
    public void Sanitize_Basic_IsAnotherAcceptedSchemeLeftUntouched()
    {
        string raw = " Basic " + Convert.ToBase64String("x:"u8.ToArray()) + " ";

        SanitizedCredential result = CredentialSanitizer.Sanitize(raw, "Bearer");

        Assert.True(result.IsOtherScheme);
        Assert.Null(result.SchemeProblem);
        Assert.Equal(raw.Trim(), result.HeaderValue);
        Assert.Equal(Trimmed, result.Repairs);
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData(" bearer \n")]
    public void Sanitize_SchemeAlone_HasAnEmptyKey(string raw)
    {
        SanitizedCredential result = CredentialSanitizer.Sanitize(raw, "Bearer");

        Assert.Equal(string.Empty, result.Key);
        Assert.Null(result.SchemeProblem);
    }

    [Fact]
    public void Sanitize_LineBreakInsideTheKey_IsLeftForTheValidator()
    {
        string raw = "Bearer " + Key[..30] + "\r\n" + Key[30..];

        SanitizedCredential result = CredentialSanitizer.Sanitize(raw, "Bearer");

        Assert.Equal(Key[..30] + "\r\n" + Key[30..], result.Key);
        Assert.Equal(CredentialRepairs.None, result.Repairs);
    }

    /// <summary>A raw value of a bare-key header (x-api-key, api-key) and what was repaired.</summary>
    public static TheoryData<string, int> BareValues() => new()
    {
        new TheoryDataRow<string, int>(Key, (int)CredentialRepairs.None) { Label = "clean" },
        new TheoryDataRow<string, int>(" " + Key + "\r\n", (int)LineBreak) { Label = "blanks and CRLF" },
        new TheoryDataRow<string, int>("Bearer " + Key, (int)CredentialRepairs.RemovedDuplicateBearer) { Label = "a Bearer scheme the header does not take" },
        new TheoryDataRow<string, int>("`" + Key + "`", (int)CredentialRepairs.RemovedQuotes) { Label = "backticks" },
    };

    [Theory]
    [MemberData(nameof(BareValues))]
    public void Sanitize_BareKeyHeader_KeyAloneWithoutScheme(string raw, int repairs)
    {
        SanitizedCredential result = CredentialSanitizer.Sanitize(raw, scheme: null);

        Assert.Equal(Key, result.Key);
        Assert.Equal(Key, result.HeaderValue);
        Assert.Equal((CredentialRepairs)repairs, result.Repairs);
        Assert.Equal(repairs == 0, CredentialSanitizer.IsClean(raw, scheme: null));
    }

    [Theory]
    [InlineData("", null, false)]
    [InlineData("Bearer ", "Bearer", false)]
    [InlineData("Bearer", "Bearer", false)]
    [InlineData("Bearer abc.def-ghi_jkl~mno+pq/rs=:", "Bearer", true)]
    [InlineData("Bearer abc def", "Bearer", false)]
    [InlineData("Bearer bearer abc", "Bearer", false)]
    [InlineData("BEARER abc", "Bearer", false)]
    [InlineData("abc", null, true)]
    [InlineData("abc\u00E9", null, false)]
    [InlineData("\"abc\"", null, false)]
    public void IsClean_Value_TrueOnlyForExactlySchemeAndKeyCharacters(string value, string? scheme, bool clean)
    {
        Assert.Equal(clean, CredentialSanitizer.IsClean(value, scheme));
    }

    [Theory]
    [InlineData("Token  \"abc\" ", "abc", "Token abc", (int)(CredentialRepairs.TrimmedWhitespace | CredentialRepairs.RemovedQuotes))]
    [InlineData("bearer abc", "abc", "bearer abc", (int)CredentialRepairs.None)]
    [InlineData("\u200Babc\n", "abc", "abc", (int)(CredentialRepairs.RemovedInvisibleCharacters | CredentialRepairs.TrimmedWhitespace | CredentialRepairs.RemovedLineBreak))]
    public void SanitizeOpaque_UnknownService_RepairsAroundTheValueNeverTheScheme(string raw, string key, string header, int repairs)
    {
        SanitizedCredential result = CredentialSanitizer.SanitizeOpaque(raw);

        Assert.Equal(key, result.Key);
        Assert.Equal(header, result.HeaderValue);
        Assert.Equal((CredentialRepairs)repairs, result.Repairs);
    }

    [Theory]
    [InlineData(" org-abc123\n", "org-abc123")]
    [InlineData("\"proj_abc123\"", "proj_abc123")]
    [InlineData("\uFEFForg-abc123", "org-abc123")]
    public void CleanPlain_IdValue_TrimmedAndUnquoted(string raw, string clean)
    {
        Assert.Equal(clean, CredentialSanitizer.CleanPlain(raw));
    }

    [Fact]
    public void CleanPlain_CleanValue_IsTheSameInstance()
    {
        string value = "org-" + "abc123";

        Assert.Same(value, CredentialSanitizer.CleanPlain(value));
    }
}
