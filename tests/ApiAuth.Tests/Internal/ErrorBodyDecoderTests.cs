using System.IO.Compression;
using System.Net;
using System.Text;
using ApiAuth.Internal;

namespace ApiAuth.Tests.Internal;

/// <summary>
/// Issue 10 §3: decoding work is bounded by the cap, not multiplied by content-coding layers: identity layers cost nothing,
/// more real layers than <see cref="ErrorBodyDecoder.MaxLayers"/> are not decoded, and no layer writes more than the cap.
/// Allocation is measured on the calling thread, with generous bounds.
/// </summary>
public sealed class ErrorBodyDecoderTests
{
    private const int SixteenMiB = 16 * 1024 * 1024;

    private const string InvalidKey = "{\"error\":{\"message\":\"Incorrect API key provided: sk-proj-****abcd.\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}";

    private static string[] Layers(string coding, int count) => Enumerable.Repeat(coding, count).ToArray();

    private static byte[] Encode(byte[] body, params string[] codings)
    {
        foreach (string coding in codings)
        {
            using var output = new MemoryStream();
            using (Stream encoder = coding switch
            {
                "gzip" => new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true),
                "deflate" => new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true),
                _ => new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true),
            })
            {
                encoder.Write(body);
            }

            body = output.ToArray();
        }

        return body;
    }

    [Fact]
    public void ToUtf8_ThreeThousandIdentityLayersWithA16MiBCap_AllocatesAlmostNothing_Issue10()
    {
        byte[] body = Encoding.UTF8.GetBytes(InvalidKey);
        string[] codings = Layers("identity", 3000);
        _ = ErrorBodyDecoder.ToUtf8(body, codings, "utf-8", SixteenMiB);

        long before = GC.GetAllocatedBytesForCurrentThread();
        ReadOnlySpan<byte> text = ErrorBodyDecoder.ToUtf8(body, codings, "utf-8", SixteenMiB);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(InvalidKey, Encoding.UTF8.GetString(text));
        Assert.InRange(allocated, 0, 64 * 1024);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    public void ToUtf8_ThreeThousandRealLayers_NotDecodedAndAllocatesAlmostNothing_Issue10(string coding)
    {
        byte[] body = Encode(Encoding.UTF8.GetBytes(InvalidKey), coding);
        string[] codings = Layers(coding, 3000);

        long before = GC.GetAllocatedBytesForCurrentThread();
        ReadOnlySpan<byte> text = ErrorBodyDecoder.ToUtf8(body, codings, null, SixteenMiB);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(text.IsEmpty);
        Assert.InRange(allocated, 0, 64 * 1024);
    }

    [Fact]
    public void ToUtf8_MaxLayersMixedWithIdentity_DecodedOneMoreIsNot_Issue10()
    {
        string[] real = ["gzip", "br", "deflate", "gzip"];
        string[] atLimit = real[..ErrorBodyDecoder.MaxLayers];
        byte[] encoded = Encode(Encoding.UTF8.GetBytes(InvalidKey), atLimit);
        string[] header = [.. Layers("identity", 500), .. atLimit.SelectMany(c => new[] { c, "identity" })];

        Assert.Equal(InvalidKey, Encoding.UTF8.GetString(ErrorBodyDecoder.ToUtf8(encoded, header, null, 64 * 1024)));
        Assert.True(ErrorBodyDecoder.ToUtf8(Encode(Encoding.UTF8.GetBytes(InvalidKey), real), real, null, 64 * 1024).IsEmpty);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    public void ToUtf8_Bomb_ExpandsNoFurtherThanTheCap_Issue10(string coding)
    {
        const int Cap = 256 * 1024;
        byte[] bomb = Encode(new byte[64 * 1024 * 1024], coding);

        long before = GC.GetAllocatedBytesForCurrentThread();
        int length = ErrorBodyDecoder.ToUtf8(bomb, [coding], null, Cap).Length;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(Cap, length);
        Assert.InRange(allocated, 0, (4L * Cap) + bomb.Length + (256 * 1024));
    }

    [Theory]
    [InlineData("gzip", false)]
    [InlineData("gzip", true)]
    [InlineData("deflate", false)]
    [InlineData("br", true)]
    public void ToUtf8_NotWhatTheHeaderClaims_YieldsNothingWithoutThrowing_Issue10(string coding, bool truncated)
    {
        byte[] body = truncated ? Encode(Encoding.UTF8.GetBytes(InvalidKey), coding)[..10] : Encoding.UTF8.GetBytes(InvalidKey);

        int length = ErrorBodyDecoder.ToUtf8(body, [coding], null, 64 * 1024).Length;

        Assert.InRange(length, 0, truncated ? InvalidKey.Length : 0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_ThreeThousandIdentityLayersWith16MiBCap_ClassifiesWithinBoundedAllocation_Issue10(bool sync)
    {
        using var pipeline = new BodyPipeline(
            () =>
            {
                var content = new ByteArrayContent(Encoding.UTF8.GetBytes(InvalidKey));
                content.Headers.ContentType = new("application/json");
                content.Headers.TryAddWithoutValidation("Content-Encoding", string.Join(", ", Layers("identity", 3000)));
                return new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = content };
            },
            withApiAuth: true,
            o => o.MaxErrorBodyBytes = SixteenMiB);

        long allocated = 0;
        for (int run = 0; run < 2; run++)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "chat/completions");
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + TestDoubles.TestKeys.OpenAIProject(run));
            long before = GC.GetAllocatedBytesForCurrentThread();

            // Everything here completes synchronously (in-memory body), so the async door also runs on this thread.
            ApiAuthException e = sync
                ? Assert.Throws<ApiAuthException>(() => pipeline.Client.Send(request))
                : await Assert.ThrowsAsync<ApiAuthException>(() => pipeline.Client.SendAsync(request));
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(AuthFailureCause.InvalidKey, e.Failure.Cause);
        }

        Assert.InRange(allocated, 0, 4 * 1024 * 1024);
    }
}
