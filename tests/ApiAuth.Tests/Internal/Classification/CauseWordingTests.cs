using ApiAuth.Internal;

namespace ApiAuth.Tests.Internal.Classification;

/// <summary>
/// <see cref="CauseWording.TryName"/> directly: a phrase is stated when it starts within the first 160 characters, unquoted and
/// not in a conditional. Issue 15 put a one-pass prefilter (every phrase at once) in front of the per-phrase search; these
/// tests walk every phrase across that window's edge so a prefilter window too short, or a phrase missing from it, fails.
/// </summary>
public sealed class CauseWordingTests
{
    public static TheoryData<string, AuthFailureCause> Phrases() => new()
    {
        { "reported as leaked", AuthFailureCause.InvalidKey },
        { "leaked key", AuthFailureCause.InvalidKey },
        { "publicly exposed", AuthFailureCause.InvalidKey },
        { "violation of our terms", AuthFailureCause.AccountDisabled },
        { "terms of service violation", AuthFailureCause.AccountDisabled },
        { "organization has been suspended", AuthFailureCause.AccountDisabled },
        { "账户已被封禁", AuthFailureCause.AccountDisabled },
        { "session has expired", AuthFailureCause.ExpiredCredential },
        { "token is no longer valid", AuthFailureCause.ExpiredCredential },
        { "credentials have expired", AuthFailureCause.ExpiredCredential },
        { "令牌已过期", AuthFailureCause.ExpiredCredential },
        { "invalid or may have expired", AuthFailureCause.Unknown },
        { "已过期或", AuthFailureCause.Unknown },
    };

    [Theory]
    [MemberData(nameof(Phrases))]
    public void TryName_PhraseAtEveryOffsetAroundTheWindow_NamedExactlyWhenItStartsWithin160_Issue15(string phrase, AuthFailureCause expected)
    {
        foreach (string filler in new[] { "x", "Unauthorized error " })
        {
            for (int offset = 0; offset <= 200; offset++)
            {
                string lead = Repeat(filler, offset);
                foreach (string casing in new[] { phrase, phrase.ToUpperInvariant() })
                {
                    string text = lead + casing + ". Create a new key and try again. " + Repeat("tail ", 60);

                    bool named = CauseWording.TryName(text, out AuthFailureCause cause, out _);

                    Assert.True(named == (offset <= 160), $"offset {offset}, filler '{filler}', phrase '{casing}': named {named}");
                    if (named)
                    {
                        Assert.Equal(expected, cause);
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("Incorrect API key provided: sk-proj-****abcd. You can find your API key at https://platform.openai.com/account/api-keys.")]
    [InlineData("Your \"leaked key\" report was received.")]
    [InlineData("If your session has expired, sign in again.")]
    [InlineData("Note: a token has expired message means nothing here.")]
    public void TryName_NoStatedPhrase_NamesNothing_Issue15(string text)
    {
        Assert.False(CauseWording.TryName(text, out AuthFailureCause cause, out string? template));
        Assert.Equal(default, cause);
        Assert.Null(template);
    }

    [Fact]
    public void TryName_PhraseFarBeyondTheWindowInALongText_NamesNothing_Issue15()
    {
        string text = Repeat("The request was rejected. ", 400) + "Your key was reported as leaked.";

        Assert.False(CauseWording.TryName(text, out _, out _));
    }

    private static string Repeat(string part, int length)
    {
        var sb = new System.Text.StringBuilder(length + part.Length);
        while (sb.Length < length)
        {
            sb.Append(part);
        }

        return sb.ToString(0, length);
    }
}
