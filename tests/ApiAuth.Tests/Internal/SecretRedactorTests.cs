using System.Text;
using ApiAuth.Internal;
using ApiAuth.Tests.TestDoubles;

namespace ApiAuth.Tests.Internal;

/// <summary>
/// Issue 11, section 4, at the redactor itself: every echo form × every key shape is removed from server text and ids, the
/// text around it is kept as the server wrote it (the span of the original is redacted), text without the key is returned
/// untouched, short keys are removed whole and never hinted, and the work stays bounded for hostile input.
/// </summary>
public sealed class SecretRedactorTests
{
    private const string Before = "Incorrect API key provided: ";
    private const string After = ". You can find your API key at https://platform.openai.com/account/api-keys.";

    public static TheoryData<string, string> ShapesAndForms()
    {
        var data = new TheoryData<string, string>();
        foreach (EchoKeyShape shape in EchoKeyShape.All)
        {
            foreach (EchoForm form in EchoForm.All)
            {
                data.Add(shape.Name, form.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ShapesAndForms))]
    public void Redact_KeyEchoedInForm_KeyGoneAndServerTextKept_Issue11(string shapeName, string formName)
    {
        EchoKeyShape shape = EchoKeyShape.Named(shapeName);
        string echo = EchoForm.Named(formName).Apply(shape.Key);
        Assert.NotNull(LeakScan.FindLeak(shape.Key, shape.PublicPrefix, [("input", Before + echo + After)]));

        string redacted = SecretRedactor.Redact(Before + echo + After, shape.Key);

        Assert.Null(LeakScan.FindLeak(shape.Key, shape.PublicPrefix, [("redacted", redacted)]));
        Assert.StartsWith(Before, redacted, StringComparison.Ordinal);
        Assert.EndsWith(After, redacted, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ShapesAndForms))]
    public void RedactId_KeyEchoedInForm_IsReplacedWhole_Issue11(string shapeName, string formName)
    {
        EchoKeyShape shape = EchoKeyShape.Named(shapeName);
        string echo = EchoForm.Named(formName).Apply(shape.Key);

        Assert.Equal(SecretRedactor.Redacted, SecretRedactor.RedactId(echo, shape.Key));
        Assert.Equal(SecretRedactor.Redacted, SecretRedactor.RedactId("req_" + echo, shape.Key));
        Assert.True(SecretRedactor.Leaks(echo, shape.Key));
    }

    [Theory]
    [MemberData(nameof(ShapesAndForms))]
    public void Redact_KeyEchoedTwiceInFormInsideHtml_NeitherEchoSurvives_Issue11(string shapeName, string formName)
    {
        EchoKeyShape shape = EchoKeyShape.Named(shapeName);
        string echo = EchoForm.Named(formName).Apply(shape.Key);
        string page = $"<p>Key <code>{echo}</code> was rejected.</p><p>Again: {echo}</p>";

        string redacted = SecretRedactor.Redact(page, shape.Key);

        Assert.Null(LeakScan.FindLeak(shape.Key, shape.PublicPrefix, [("redacted", redacted)]));
        Assert.Contains("was rejected.</p><p>Again: ", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_PlainWholeKey_IsReplacedByItsHintInPlace()
    {
        string key = TestKeys.OpenAIProject(401);

        Assert.Equal(Before + KeyHint.For(key) + After, SecretRedactor.Redact(Before + key + After, key));
    }

    [Fact]
    public void Redact_EntityEncodedKey_OriginalTextAroundKeptVerbatim_Issue11()
    {
        string key = TestKeys.Anthropic(403);
        string echo = string.Concat(key.Select(c => $"&#{(int)c};"));
        string text = "Tom &amp; Jerry say 100%25 sure: " + echo + " &lt;end&gt;";

        // The key's span is replaced; the rest stays as the server wrote it (not decoded).
        Assert.Equal("Tom &amp; Jerry say 100%25 sure: " + KeyHint.For(key) + " &lt;end&gt;", SecretRedactor.Redact(text, key));
    }

    [Theory]
    [InlineData("Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.")]
    [InlineData("Tom &amp; Jerry &#169; 2026 &lt;b&gt;bold&lt;/b&gt; 100%25 \\u0041 caf\u00E9 \uFF21\uFF22\uFF23 zero\u200Bwidth soft\u00ADhyphen")]
    [InlineData("<html><body><h1>401 Authorization Required</h1><hr><center>nginx</center></body></html>")]
    [InlineData("")]
    public void Redact_TextWithoutAnyKey_IsReturnedAsWritten(string text)
    {
        string key = TestKeys.OpenAIProject(409);

        Assert.Same(text, SecretRedactor.Redact(text, key));
        Assert.Same(text, SecretRedactor.Redact(text, null));
        Assert.Same(text, SecretRedactor.RedactId(text, key));
    }

    [Theory]
    [InlineData("Q7xZp")]
    [InlineData("k3Y9")]
    [InlineData("Ab3dE9gH1")]
    public void Redact_ShortKeyEchoedWhole_IsRemovedAndNeverHinted_Issue11(string key)
    {
        string redacted = SecretRedactor.Redact("Invalid key '" + key + "'. Try again.", key);

        Assert.DoesNotContain(key, redacted, StringComparison.Ordinal);
        Assert.Equal($"Invalid key '({key.Length} characters)'. Try again.", redacted);
        Assert.Equal(SecretRedactor.Redacted, SecretRedactor.RedactId("code-" + key, key));
    }

    [Fact]
    public void Redact_KeyOfThreeCharacters_IsRemovedOnlyWhereItStandsAlone()
    {
        // A key this short would otherwise erase every such syllable; alone, it is still never shown.
        Assert.Equal("the tab1e shows (3 characters).", SecretRedactor.Redact("the tab1e shows ab1.", "ab1"));
        Assert.Equal("key: (3 characters)", SecretRedactor.Redact("key: a\u200Bb1", "ab1"));
    }

    [Theory]
    [InlineData("<t{0}itle>401</title>")]
    [InlineData("<a href=\"https://example.com/?key={0}\">link</a>")]
    [InlineData("<{0}>")]
    [InlineData("<b data-k='{0}'>x</b>")]
    public void Redact_KeyInsideWhatLooksLikeATag_IsRemoved_Issue11(string template)
    {
        // Tags are dropped to match keys split by them, but what sits inside one is still looked at.
        string key = TestKeys.Google(471);
        string vendorKey = TestKeys.Anthropic(479);

        string redacted = SecretRedactor.Redact(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, key), key);
        string vendor = SecretRedactor.Redact(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, vendorKey), key: null);

        Assert.Null(LeakScan.FindLeak(key, "AIza", [("redacted", redacted)]));
        Assert.Null(LeakScan.FindLeak(vendorKey, "sk-ant-api03-", [("redacted", vendor)]));
        Assert.Equal(SecretRedactor.Redacted, SecretRedactor.RedactId(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, key), key));
    }

    [Fact]
    public void Redact_VendorKeySplitByTagsWithoutTheSentKey_IsRemoved_Issue11()
    {
        // Found by the offline classifier fuzz: a Gemini-shaped key with "<html><title>" inside it, and no key to match.
        string key = TestKeys.Google(499);
        string text = "argument\"" + key[..13] + "<html><title>" + key[13..] + "\u200b,\"error\"";

        string redacted = SecretRedactor.Redact(text, key: null);

        Assert.Null(LeakScan.FindLeak(key, "AIza", [("redacted", redacted)]));
    }

    [Theory]
    [InlineData("req_01h1\u00e2\u00b1\u0083h7q\u0000{0}\u00e2\u0080\u008b12sr")]
    [InlineData("req_2fe5e11a07d238%2\u0012{0}%2241c1102")]
    [InlineData("req_x7q\u200b{0}")]
    public void RedactId_VendorKeyAfterAControlOrInvisibleCharacter_IsRedacted_Issue11(string template)
    {
        // Found by the offline classifier fuzz: dropping the control character glued "h7q" to the key's prefix, and
        // "%2" + "f" of "fw_" decoded across it.
        foreach (string key in new[] { TestKeys.OpenAIServiceAccount(503), "f" + "w_" + TestKeys.Body(24, 509) })
        {
            Assert.Equal(SecretRedactor.Redacted, SecretRedactor.RedactId(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, key), key: null));
        }
    }

    [Fact]
    public void RedactId_EscapesThatFormANewEscapeOnceDecoded_AreMatchedBetweenRounds_Issue11()
    {
        // Found by the offline classifier fuzz: "…\u0037\u\u0034\u0032…" decodes to "…7\u42…", which the next round turns
        // into one character, hiding "42…" of the key; the text between rounds is matched too.
        string key = Hex(64, 521);
        string escaped = string.Concat(key[..12].Select(c => $"\\u{(int)c:x4}"));
        string id = "req_f993" + escaped[..24] + "\\u" + escaped[24..];

        Assert.Equal(SecretRedactor.Redacted, SecretRedactor.RedactId(id, key));
        Assert.Null(LeakScan.FindLeak(key, string.Empty, [("redacted", SecretRedactor.Redact("request " + id, key))]));
    }

    [Fact]
    public void Redact_KeyThatDecodingWouldDestroy_IsMatchedAsWritten_Issue11()
    {
        // Found by the offline classifier fuzz: a backslash-u before a hex key decodes its first four characters away.
        string key = Hex(32, 523);
        string text = "error code: 102[[[\\u" + key[..8] + new string('*', 20) + key[^8..] + "\\u006\"messag";

        string redacted = SecretRedactor.Redact(text, key);

        Assert.Null(LeakScan.FindLeak(key, string.Empty, [("redacted", redacted)]));
        Assert.DoesNotContain(key[..8], redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_KeyWithLigatureEcho_IsRemoved_Issue11()
    {
        string key = "sk-" + "proj-" + TestKeys.Body(20, 419) + "fi" + TestKeys.Body(30, 421) + "ffl" + TestKeys.Body(10, 423);
        string echo = key.Replace("fi", "\uFB01", StringComparison.Ordinal).Replace("ffl", "\uFB04", StringComparison.Ordinal);

        string redacted = SecretRedactor.Redact("\uFB01le rejected: " + echo + " (end)", key);

        Assert.Null(LeakScan.FindLeak(key, "sk-proj-", [("redacted", redacted)]));
        Assert.Equal("\uFB01le rejected: " + KeyHint.For(key) + " (end)", redacted);
    }

    [Theory]
    [InlineData("%41")]
    [InlineData("&amp;")]
    [InlineData("\\u0041")]
    [InlineData("<b>")]
    public void Redact_KeyHoldingAnEscapeEchoedVerbatim_IsRemoved_Issue11(string escape)
    {
        string key = "Zq" + TestKeys.Body(14, 431) + escape + TestKeys.Body(5, 433) + escape + TestKeys.Body(18, 439);

        string redacted = SecretRedactor.Redact("rejected: " + key + " (end)", key);

        Assert.Null(LeakScan.FindLeak(key, string.Empty, [("redacted", redacted)]));
        for (int i = 0; i + 8 <= key.Length - 4; i++)
        {
            Assert.DoesNotContain(key.Substring(i, 8), redacted, StringComparison.Ordinal);
        }

        Assert.StartsWith("rejected: ", redacted, StringComparison.Ordinal);
        Assert.EndsWith(" (end)", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_PartialEchoesInManyForms_EveryRunOfEightIsGone_Issue11()
    {
        string key = TestKeys.OpenAIProject(443);
        var sb = new StringBuilder("seen: ");
        var random = new Random(449);
        foreach (EchoForm form in EchoForm.All)
        {
            int length = random.Next(8, 24);
            int start = random.Next("sk-proj-".Length, key.Length - length);
            sb.Append(form.Apply(key.Substring(start, length))).Append(" | ");
        }

        string text = sb.ToString();
        Assert.True(text.Length <= SecretRedactor.MaxInputLength, "the partial echoes must all lie within what is read");
        string redacted = SecretRedactor.Redact(text, key);

        Assert.Null(LeakScan.FindLeak(key, "sk-proj-", [("redacted", redacted)]));
    }

    [Theory(Timeout = 60_000)]
    [InlineData("&amp;")]
    [InlineData("%25")]
    [InlineData("\u200B")]
    [InlineData("&#x41")]
    [InlineData("<b>")]
    [InlineData("\\\\u0041")]
    [InlineData("\uFDFA")]
    public async Task Redact_HostileInputOfAMegabyte_IsClippedAndBounded(string unit)
    {
        string key = TestKeys.OpenAIProject(457);
        string text = string.Concat(Enumerable.Repeat(unit, (1 << 20) / unit.Length)) + key;

        // Generous bound: a quadratic redactor would take minutes here; the test fails instead of hanging.
        string redacted = await Task.Run(() => SecretRedactor.Redact(text, key)).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        string? id = await Task.Run(() => SecretRedactor.RedactId(text, key)).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.True(redacted.Length <= SecretRedactor.MaxMessageLength);
        Assert.Null(LeakScan.FindLeak(key, "sk-proj-", [("redacted", redacted)]));
        Assert.Equal(SecretRedactor.Redacted, id);
    }

    [Fact]
    public void Redact_KeyEncodedMoreTimesThanDecoded_MessageIsWithheld_Issue11()
    {
        string key = TestKeys.OpenAIProject(487);
        string echo = key;
        for (int i = 0; i < RedactionText.MaxDecodingRounds + 2; i++)
        {
            echo = Uri.EscapeDataString(echo).Replace("-", "%2D", StringComparison.Ordinal);
        }

        Assert.Equal(SecretRedactor.Withheld, SecretRedactor.Redact("bad key " + echo, key));
        Assert.Equal(SecretRedactor.Redacted, SecretRedactor.RedactId(echo, key));
        Assert.True(SecretRedactor.Leaks(echo, key));
    }

    [Theory]
    [InlineData("&#115&#107&#45")]
    [InlineData("\\u0026#1\\u0031\\u0035;")]
    public void Redact_EntityWithoutSemicolonBeforeAnotherLayer_DecodesWhole(string prefixEcho)
    {
        // "&#1" followed by a still-encoded digit is not decoded early as U+0001: the number waits for the next round.
        string key = "sk" + TestKeys.Body(30, 491);
        string echo = prefixEcho + string.Concat(key[2..].Select(c => $"\\u0026#{(int)c};"));

        string redacted = SecretRedactor.Redact("bad key " + echo + " end", key);

        Assert.Null(LeakScan.FindLeak(key, string.Empty, [("redacted", redacted)]));
        Assert.Equal("bad key " + SecretRedactor.Redacted + " end", redacted);
    }

    [Fact]
    public void Redact_KeyAfterTheReadLimit_IsNotInTheClippedMessage()
    {
        string key = TestKeys.Google(461);
        string text = new string('a', SecretRedactor.MaxInputLength - 10) + " " + key + " tail";

        string redacted = SecretRedactor.Redact(text, key);

        Assert.True(redacted.Length <= SecretRedactor.MaxMessageLength);
        Assert.Null(LeakScan.FindLeak(key, "AIza", [("redacted", redacted)]));
    }

    private static string Hex(int length, int seed) => string.Concat(TestKeys.Body(length, seed).Select(c => "0123456789abcdef"[c % 16]));

    [Theory]
    [InlineData("Q7xZp")]
    [InlineData("Ab3dE9gH1Jk2Lm3")]
    public void KeyHint_ShortKey_ShowsNoCharacterOfIt_Issue11(string key)
    {
        string hint = KeyHint.For(key);

        Assert.Equal($"({key.Length} characters)", hint);
        Assert.Equal((0, key.Length), KeyHint.SecretRange(key));
    }

    [Fact]
    public void KeyHint_KeyWhoseHiddenPartWouldBeShort_ShowsOnlyItsPrefix_Issue11()
    {
        string key = "sk-" + TestKeys.Body(13, 463);

        Assert.Equal("sk-\u2026 (16 characters)", KeyHint.For(key));
        Assert.Equal((3, 16), KeyHint.SecretRange(key));
    }

    [Fact]
    public void KeyHint_LongKey_ShowsPrefixAndLastFour()
    {
        string key = TestKeys.Anthropic(467);

        Assert.Equal("sk-ant-api03-\u2026" + key[^4..], KeyHint.For(key));
        Assert.Equal(("sk-ant-api03-".Length, key.Length - 4), KeyHint.SecretRange(key));
    }
}
