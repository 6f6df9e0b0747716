using ApiAuth.Internal;
using ApiAuth.Providers;
using ApiAuth.Tests.TestDoubles;

namespace ApiAuth.Tests.Internal.PreSend;

/// <summary>The validator on its own: a repaired key and a profile in, a verdict (or none) out, on positive evidence only.</summary>
public sealed class CredentialValidatorTests
{
    private static readonly string Key = TestKeys.OpenAIProject();

    private static ProviderProfile Profile(string id)
    {
        Assert.True(ProviderRegistry.Default.TryGet(id, out ProviderProfile profile));
        return profile;
    }

    /// <summary>Keys each provider's own clients send every day: no verdict.</summary>
    public static TheoryData<string, string> OwnKeys() => new()
    {
        { "openai", TestKeys.OpenAIProject() },
        { "openai", TestKeys.OpenAILegacy() },
        { "openai", TestKeys.OpenAIServiceAccount() },
        { "anthropic", TestKeys.Anthropic() },
        { "gemini", TestKeys.Google() },
        { "azure-openai", TestKeys.Azure() },
        { "openai", "sk-" + TestKeys.Body(60, 3) },
        { "openai-compatible", "$" + TestKeys.Body(40, 5) },
        { "generic", "changeme" },
    };

    [Theory]
    [MemberData(nameof(OwnKeys))]
    public void Validate_KeyThatMaySend_NoVerdict(string profileId, string key)
    {
        Assert.Null(CredentialValidator.Validate(Profile(profileId), key));
    }

    /// <summary>What is refused, at which profile, as which cause, and a word the detail must use.</summary>
    public static TheoryData<string, string, AuthFailureCause, string> Refused() => new()
    {
        new TheoryDataRow<string, string, AuthFailureCause, string>("openai", string.Empty, AuthFailureCause.MissingKey, "empty") { Label = "empty" },
        new TheoryDataRow<string, string, AuthFailureCause, string>("openai", "sk-your-key-here", AuthFailureCause.PlaceholderKey, "example") { Label = "documentation example" },
        new TheoryDataRow<string, string, AuthFailureCause, string>("openai", "YOUR_API_KEY", AuthFailureCause.PlaceholderKey, "example") { Label = "YOUR_API_KEY" },
        new TheoryDataRow<string, string, AuthFailureCause, string>("openai", "${OPENAI_API_KEY}", AuthFailureCause.PlaceholderKey, "OPENAI_API_KEY") { Label = "shell reference" },
        new TheoryDataRow<string, string, AuthFailureCause, string>("openai", "$(MY_KEY)", AuthFailureCause.PlaceholderKey, "MY_KEY") { Label = "command substitution" },
        new TheoryDataRow<string, string, AuthFailureCause, string>("anthropic", "%ANTHROPIC_API_KEY%", AuthFailureCause.PlaceholderKey, "ANTHROPIC_API_KEY") { Label = "cmd reference" },
        new TheoryDataRow<string, string, AuthFailureCause, string>("openai", "{{ secrets.OPENAI_API_KEY }}", AuthFailureCause.PlaceholderKey, "secrets.OPENAI_API_KEY") { Label = "template reference" },
        new TheoryDataRow<string, string, AuthFailureCause, string>("openai", "${OPENAI_API_KEY:-none}", AuthFailureCause.PlaceholderKey, "OPENAI_API_KEY") { Label = "reference with a default" },
        new TheoryDataRow<string, string, AuthFailureCause, string>("openai", "<your key>", AuthFailureCause.PlaceholderKey, "template") { Label = "angle brackets" },
        new TheoryDataRow<string, string, AuthFailureCause, string>("openai", "process.env.OPENAI_API_KEY", AuthFailureCause.PlaceholderKey, "template") { Label = "code copied as text" },
        new TheoryDataRow<string, string, AuthFailureCause, string>("generic", "undefined", AuthFailureCause.PlaceholderKey, "undefined") { Label = "undefined, at any host" },
        new TheoryDataRow<string, string, AuthFailureCause, string>("generic", "[object Object]", AuthFailureCause.PlaceholderKey, "template") { Label = "[object Object], at any host" },
        new TheoryDataRow<string, string, AuthFailureCause, string>("openai", "changeme", AuthFailureCause.PlaceholderKey, "changeme") { Label = "placeholder word at a vendor" },
        new TheoryDataRow<string, string, AuthFailureCause, string>("openai", "sk-proj-****" + Key[^4..], AuthFailureCause.PlaceholderKey, "masked") { Label = "masked" },
        new TheoryDataRow<string, string, AuthFailureCause, string>("openai", Key[..12] + "\u2026" + Key[^4..], AuthFailureCause.PlaceholderKey, "masked") { Label = "ellipsis" },
        new TheoryDataRow<string, string, AuthFailureCause, string>("openai", "sk-" + new string('x', 40), AuthFailureCause.PlaceholderKey, "example") { Label = "filler" },
        new TheoryDataRow<string, string, AuthFailureCause, string>("openai", "sk-proj-000000", AuthFailureCause.PlaceholderKey, "example") { Label = "zero filler after a prefix" },
        new TheoryDataRow<string, string, AuthFailureCause, string>("openai", Key[..30] + "\r\n" + Key[30..], AuthFailureCause.MalformedKey, "line break") { Label = "line break inside" },
        new TheoryDataRow<string, string, AuthFailureCause, string>("openai", Key + " " + TestKeys.OpenAIProject(99), AuthFailureCause.MalformedKey, "space") { Label = "two keys with a space" },
        new TheoryDataRow<string, string, AuthFailureCause, string>("openai", Key[..10] + "\u2013" + Key[11..], AuthFailureCause.MalformedKey, "U+2013") { Label = "en dash" },
        new TheoryDataRow<string, string, AuthFailureCause, string>("openai", Key[..15] + "\u00E9" + Key[16..], AuthFailureCause.MalformedKey, "U+00E9") { Label = "non-ASCII letter" },
        new TheoryDataRow<string, string, AuthFailureCause, string>("openai", Key[..15] + "," + Key[16..], AuthFailureCause.MalformedKey, "','") { Label = "comma" },
        new TheoryDataRow<string, string, AuthFailureCause, string>("openai", Key[..15] + "\u0007" + Key[16..], AuthFailureCause.MalformedKey, "control character") { Label = "control character" },
        new TheoryDataRow<string, string, AuthFailureCause, string>("openai", Key + Key, AuthFailureCause.MalformedKey, "pasted together") { Label = "two keys pasted together" },
        new TheoryDataRow<string, string, AuthFailureCause, string>("openai", TestKeys.Anthropic(), AuthFailureCause.WrongProviderKey, "Anthropic") { Label = "Anthropic key at OpenAI" },
        new TheoryDataRow<string, string, AuthFailureCause, string>("anthropic", Key, AuthFailureCause.WrongProviderKey, "OpenAI") { Label = "OpenAI key at Anthropic" },
        new TheoryDataRow<string, string, AuthFailureCause, string>("openai", TestKeys.Google(), AuthFailureCause.WrongProviderKey, "Google") { Label = "Google key at OpenAI" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Validate_KeyThatCannotSend_VerdictNamesTheCauseWithoutTheKey(string profileId, string key, AuthFailureCause cause, string word)
    {
        KeyVerdict? verdict = CredentialValidator.Validate(Profile(profileId), key);

        Assert.NotNull(verdict);
        Assert.Equal(cause, verdict.Cause);
        Assert.Contains(word, verdict.Detail, StringComparison.Ordinal);
        if (key.Length >= 12)
        {
            Assert.DoesNotContain(key, verdict.Detail, StringComparison.Ordinal);
            Assert.DoesNotContain(key[^12..], verdict.Detail, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("changeme")]
    [InlineData("test")]
    [InlineData("secret")]
    public void Validate_PlaceholderWord_RefusedOnlyWhereTheProfileIssuesRealKeys(string word)
    {
        Assert.Equal(AuthFailureCause.PlaceholderKey, CredentialValidator.Validate(Profile("openai"), word)?.Cause);
        Assert.Null(CredentialValidator.Validate(Profile("generic"), word));
    }

    [Fact]
    public void Validate_LongPlainOwnKey_AllocatesNothing()
    {
        ProviderProfile openai = Profile("openai");
        Assert.Null(CredentialValidator.Validate(openai, Key));

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            _ = CredentialValidator.Validate(openai, Key);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
