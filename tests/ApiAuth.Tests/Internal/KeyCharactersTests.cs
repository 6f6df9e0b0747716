using ApiAuth.Internal;
using ApiAuth.Tests.TestDoubles;

namespace ApiAuth.Tests.Internal;

/// <summary>
/// Issue 13, "one copy of each helper": the validator's plain-key set, the sanitizer's clean-value set and the redactor's
/// key-run test are one definition (<see cref="KeyCharacters"/>); they differ only by the period and the colon. Checked over
/// every UTF-16 code unit against an oracle written here, so editing one reader's set alone fails.
/// </summary>
public sealed class KeyCharactersTests
{
    private static bool OracleRun(char c) => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '~' or '+' or '/' or '=';

    [Fact]
    public void Sets_EveryCharacter_DifferOnlyByPeriodAndColon_Issue13()
    {
        for (int i = 0; i <= char.MaxValue; i++)
        {
            char c = (char)i;
            bool run = OracleRun(c);
            Assert.True(run == KeyCharacters.InRun(c), $"InRun(U+{i:X4})");
            Assert.True((run || c == '.') == KeyCharacters.Plain.Contains(c), $"Plain(U+{i:X4})");
            Assert.True((run || c is '.' or ':') == KeyCharacters.Clean.Contains(c), $"Clean(U+{i:X4})");
        }
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData(null)]
    public void IsClean_KeyWithColonAndPeriod_NeedsNoRepair(string? scheme)
    {
        string key = TestKeys.Azure() + ":" + TestKeys.Body(8) + "." + TestKeys.Body(8);
        string value = scheme is null ? key : scheme + " " + key;

        Assert.True(CredentialSanitizer.IsClean(value, scheme));
        Assert.False(CredentialSanitizer.IsClean(value + "\u200B", scheme));
    }

    [Fact]
    public void Redact_KeyShapedRun_StopsAtThePeriodThatEndsTheSentence()
    {
        string key = TestKeys.Groq();

        string redacted = SecretRedactor.Redact("The key " + key + ". Try another.", key: null);

        Assert.DoesNotContain(key[8..], redacted, StringComparison.Ordinal);
        Assert.Contains(". Try another.", redacted, StringComparison.Ordinal);
    }
}
