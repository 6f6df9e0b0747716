using ApiAuth.Internal;
using ApiAuth.Tests.TestDoubles;

namespace ApiAuth.Tests.Internal;

/// <summary>
/// Issue 15: a plain identifier (only characters normalization leaves alone) is judged on its span, without building the
/// normalized views. The fast path must give the general path's answer for every id and key: echoes of the key (windows of
/// its secret part, recased, regrouped with dashes), vendor keys, JWT-shaped tokens, ordinary request ids, short keys
/// (which need word boundaries, so the fast path declines), and ids that are not plain at all.
/// </summary>
public sealed class RedactIdPlainPathTests
{
    private static readonly string[] Keys =
    [
        TestKeys.OpenAIProject(), TestKeys.Anthropic(), TestKeys.Google(), TestKeys.Groq(), TestKeys.Azure(), TestKeys.DeepSeek(),
        TestKeys.OpenRouter(), "abc", "abcd", "k3y%41" + TestKeys.Body(20), "AB-CD_" + TestKeys.Body(12),
    ];

    [Fact]
    public void RedactIdWith_RandomPlainAndNotPlainIds_SameAnswerAsTheNormalizedPath_Issue15()
    {
        var random = new Random(15);
        const string Plain = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_~+/=.:";
        int redacted = 0, kept = 0;
        foreach (string? key in Keys.Append(null))
        {
            KeyEchoMatcher? matcher = KeyEchoMatcher.For(key);
            for (int n = 0; n < 3000; n++)
            {
                string id = MakeId(random, key, Plain);

                string expected = SecretRedactor.RedactIdNormalized(id, matcher, remember: false);
                string? actual = SecretRedactor.RedactIdWith(id, matcher);

                Assert.True(expected == actual, $"key '{key?.Length}' chars, id '{id}': normalized path '{expected}', fast path '{actual}'");
                if (actual == SecretRedactor.Redacted)
                {
                    redacted++;
                }
                else
                {
                    kept++;
                }
            }
        }

        // Both answers occur often, so the comparison covers both.
        Assert.True(redacted > 2000 && kept > 2000, $"redacted {redacted}, kept {kept}");
    }

    [Theory]
    [InlineData("req_0123456789abcdef0123456789abcdef")]
    [InlineData("3f2b9c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e")]
    [InlineData("invalid_api_key")]
    [InlineData("")]
    public void RedactIdWith_OrdinaryPlainIds_AreKept_Issue15(string id)
    {
        Assert.Equal(id, SecretRedactor.RedactIdWith(id, KeyEchoMatcher.For(TestKeys.OpenAIProject())));
        Assert.Equal(id, SecretRedactor.RedactIdWith(id, matcher: null));
    }

    [Fact]
    public void RedactIdWith_PlainIdHoldingTheKeysProjection_IsRedacted_Issue15()
    {
        string key = TestKeys.OpenAIProject();
        string secret = key[20..36];
        string regrouped = string.Join('-', secret.ToUpperInvariant().Chunk(4).Select(c => new string(c)));

        Assert.Equal(SecretRedactor.Redacted, SecretRedactor.RedactIdWith("req_" + regrouped, KeyEchoMatcher.For(key)));
        Assert.Equal(SecretRedactor.Redacted, SecretRedactor.RedactIdWith("req_" + secret[..6], KeyEchoMatcher.For(key)));
        Assert.Equal(SecretRedactor.Redacted, SecretRedactor.RedactIdWith("id:" + TestKeys.Groq(), matcher: null));
    }

    private static string MakeId(Random random, string? key, string plain)
    {
        var sb = new System.Text.StringBuilder();
        int parts = random.Next(1, 4);
        for (int p = 0; p < parts; p++)
        {
            switch (random.Next(8))
            {
                case 0 when key is { Length: > 10 }:
                    // A window of the key's middle (its secret part), as is.
                    int length = random.Next(4, 12);
                    int at = random.Next(key.Length / 3, Math.Max(key.Length / 3 + 1, key.Length - length));
                    sb.Append(key.AsSpan(at, Math.Min(length, key.Length - at)));
                    break;
                case 1 when key is { Length: > 10 }:
                    // Recased and regrouped: only the letters-and-digits projection finds it.
                    string part = key.Substring(key.Length / 2, Math.Min(12, key.Length / 2)).ToUpperInvariant();
                    sb.Append(string.Join(random.Next(2) == 0 ? '-' : '_', part.Chunk(3).Select(c => new string(c))));
                    break;
                case 2:
                    sb.Append(random.Next(3) switch { 0 => TestKeys.Groq(random.Next(100)), 1 => "eyJ" + TestKeys.Body(20) + "." + TestKeys.Body(10), _ => "sk-" + TestKeys.Body(random.Next(5, 30)) });
                    break;
                case 3:
                    // Not plain: a space, an escape, a tag or a non-ASCII character (the general path answers).
                    sb.Append(random.Next(4) switch { 0 => " ", 1 => "%41", 2 => "<b>", _ => "é" });
                    break;
                case 4 when key is { Length: <= 10 }:
                    sb.Append(key);
                    break;
                default:
                    int len = random.Next(1, 40);
                    for (int i = 0; i < len; i++)
                    {
                        sb.Append(plain[random.Next(plain.Length)]);
                    }

                    break;
            }
        }

        return sb.ToString();
    }
}
