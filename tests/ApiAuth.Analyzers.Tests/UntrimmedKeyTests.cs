namespace ApiAuth.Analyzers.Tests;

public sealed class UntrimmedKeyTests
{
    [Fact]
    public Task Analyze_ReadsIntoCredentials_Report() =>
        Verifier.AnalyzerAsync<CredentialSourceAnalyzer>("""
            using System;
            using System.ClientModel;
            using System.IO;
            using System.Linq;
            using System.Net.Http.Headers;
            using System.Threading.Tasks;

            class C
            {
                async Task M(StreamReader reader)
                {
                    var a = new ApiKeyCredential({|APIAUTH004:File.ReadAllText("key.txt")|});
                    var b = new ApiKeyCredential({|APIAUTH004:File.ReadAllLines("key.txt")[0]|});
                    var c = new ApiKeyCredential({|APIAUTH004:File.ReadAllLines("key.txt").First()|});
                    var d = new ApiKeyCredential({|APIAUTH004:await File.ReadAllTextAsync("key.txt")|});
                    var e = new AuthenticationHeaderValue("Bearer", {|APIAUTH004:Console.ReadLine()|});
                    var f = new Sdk.ClientOptions { ApiKey = {|APIAUTH004:reader.ReadToEnd()|} };
                    var g = new Sdk.ChatClient("gpt-4o", {|APIAUTH004:await reader.ReadLineAsync()|});
                }
            }
            """, Verifier.SdkStubs);

    [Fact]
    public Task Analyze_ThroughAnUntrimmedLocal_Reports() =>
        Verifier.AnalyzerAsync<CredentialSourceAnalyzer>("""
            using System.ClientModel;
            using System.IO;

            class C
            {
                ApiKeyCredential M()
                {
                    string key = File.ReadAllText("key.txt");
                    return new ApiKeyCredential({|APIAUTH004:key|});
                }
            }
            """, Verifier.SdkStubs);

    [Fact]
    public Task Analyze_TrimmedAnywhereOnThePath_DoesNotReport() =>
        Verifier.AnalyzerAsync<CredentialSourceAnalyzer>("""
            using System;
            using System.ClientModel;
            using System.IO;

            class C
            {
                void M()
                {
                    var a = new ApiKeyCredential(File.ReadAllText("key.txt").Trim());
                    var b = new ApiKeyCredential(File.ReadAllText("key.txt").TrimEnd());
                    var c = new ApiKeyCredential(Console.ReadLine()?.Trim() ?? "");

                    var local = File.ReadAllText("key.txt");
                    var d = new ApiKeyCredential(local.Trim());

                    var reassigned = File.ReadAllText("key.txt");
                    reassigned = reassigned.Trim();
                    var e = new ApiKeyCredential(reassigned);

                    var notACredential = File.ReadAllText("prompt.txt");
                    Console.WriteLine(notACredential);
                }
            }
            """, Verifier.SdkStubs);

    [Fact]
    public Task Fix_FileRead_AddsTrim() =>
        Verifier.CodeFixAsync<CredentialSourceAnalyzer, TrimCodeFix>("""
            using System.ClientModel;
            using System.IO;

            class C
            {
                ApiKeyCredential M() => new ApiKeyCredential({|APIAUTH004:File.ReadAllText("key.txt")|});
            }
            """, """
            using System.ClientModel;
            using System.IO;

            class C
            {
                ApiKeyCredential M() => new ApiKeyCredential(File.ReadAllText("key.txt").Trim());
            }
            """, Verifier.SdkStubs);

    [Fact]
    public Task Fix_ConsoleReadLine_AddsNullConditionalTrim() =>
        Verifier.CodeFixAsync<CredentialSourceAnalyzer, TrimCodeFix>("""
            using System;

            class C
            {
                Sdk.ClientOptions M()
                {
                    var key = Console.ReadLine();
                    return new Sdk.ClientOptions { ApiKey = {|APIAUTH004:key|} };
                }
            }
            """, """
            using System;

            class C
            {
                Sdk.ClientOptions M()
                {
                    var key = Console.ReadLine()?.Trim();
                    return new Sdk.ClientOptions { ApiKey = key };
                }
            }
            """, Verifier.SdkStubs);

    [Fact]
    public Task Fix_AwaitedRead_ParenthesizesAndTrims() =>
        Verifier.CodeFixAsync<CredentialSourceAnalyzer, TrimCodeFix>("""
            using System.ClientModel;
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<ApiKeyCredential> M() => new ApiKeyCredential({|APIAUTH004:await File.ReadAllTextAsync("key.txt")|});
            }
            """, """
            using System.ClientModel;
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<ApiKeyCredential> M() => new ApiKeyCredential((await File.ReadAllTextAsync("key.txt")).Trim());
            }
            """, Verifier.SdkStubs);

    /// <summary>Issue 16 red team: ConfigureAwait(false), a scheme in front, and a null check ('??') are no trim.</summary>
    [Fact]
    public Task Analyze_ConfigureAwaitConcatenationAndCoalesce_Report_Issue16() =>
        Verifier.AnalyzerAsync<CredentialSourceAnalyzer>("""
            using System;
            using System.ClientModel;
            using System.IO;
            using System.Net.Http;
            using System.Threading.Tasks;

            class C
            {
                async Task M(string p, HttpClient client)
                {
                    var a = new ApiKeyCredential({|APIAUTH004:await File.ReadAllTextAsync(p).ConfigureAwait(false)|});
                    client.DefaultRequestHeaders.Add("x-api-key", {|APIAUTH004:await File.ReadAllTextAsync(p).ConfigureAwait(false)|});
                    client.DefaultRequestHeaders.Add("Authorization", {|APIAUTH004:"Bearer " + File.ReadAllText("key.txt")|});
                    var k = Console.ReadLine() ?? throw new InvalidOperationException();
                    var b = new ApiKeyCredential({|APIAUTH004:k|});
                    var c = new ApiKeyCredential({|APIAUTH004:Console.ReadLine() ?? ""|});
                }
            }
            """, Verifier.SdkStubs);

    /// <summary>Issue 16 red team: a Trim whose result is discarded or only tested does not trim the local that is sent.</summary>
    [Fact]
    public Task Analyze_TrimResultDiscardedOrOnlyTested_Reports_Issue16() =>
        Verifier.AnalyzerAsync<CredentialSourceAnalyzer>("""
            using System;
            using System.ClientModel;
            using System.IO;

            class C
            {
                void M(string p)
                {
                    var k = File.ReadAllText(p);
                    if (k.Trim().Length == 0) throw new InvalidOperationException();
                    var a = new ApiKeyCredential({|APIAUTH004:k|});

                    var j = File.ReadAllText(p);
                    j.Trim();
                    var b = new ApiKeyCredential({|APIAUTH004:j|});
                }
            }
            """, Verifier.SdkStubs);

    /// <summary>Issue 16 red team: a local reassigned by deconstruction is not followed to its first value.</summary>
    [Fact]
    public Task Analyze_ReassignedByDeconstruction_DoesNotReport_Issue16() =>
        Verifier.AnalyzerAsync<CredentialSourceAnalyzer>("""
            using System.ClientModel;
            using System.IO;

            class C
            {
                static string Clean(string s) => s.Trim();

                ApiKeyCredential M(string p)
                {
                    var k = File.ReadAllText(p);
                    int n;
                    (k, n) = (Clean(k), 1);
                    return new ApiKeyCredential(k);
                }
            }
            """, Verifier.SdkStubs);

    /// <summary>The trimmed forms of the same shapes stay silent.</summary>
    [Fact]
    public Task Analyze_TrimmedConfigureAwaitConcatenationAndCoalesce_DoNotReport_Issue16() =>
        Verifier.AnalyzerAsync<CredentialSourceAnalyzer>("""
            using System;
            using System.ClientModel;
            using System.IO;
            using System.Net.Http;
            using System.Threading.Tasks;

            class C
            {
                async Task M(string p, HttpClient client)
                {
                    var a = new ApiKeyCredential((await File.ReadAllTextAsync(p).ConfigureAwait(false)).Trim());
                    client.DefaultRequestHeaders.Add("Authorization", "Bearer " + File.ReadAllText("key.txt").Trim());
                    var k = Console.ReadLine()?.Trim() ?? throw new InvalidOperationException();
                    var b = new ApiKeyCredential(k);
                    var j = File.ReadAllText(p);
                    j = j.Trim();
                    var c = new ApiKeyCredential(j);
                }
            }
            """, Verifier.SdkStubs);

    [Fact]
    public Task Fix_ConfigureAwait_TrimsTheAwaitedRead_Issue16() =>
        Verifier.CodeFixAsync<CredentialSourceAnalyzer, TrimCodeFix>("""
            using System.ClientModel;
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<ApiKeyCredential> M(string p) => new ApiKeyCredential({|APIAUTH004:await File.ReadAllTextAsync(p).ConfigureAwait(false)|});
            }
            """, """
            using System.ClientModel;
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                async Task<ApiKeyCredential> M(string p) => new ApiKeyCredential((await File.ReadAllTextAsync(p).ConfigureAwait(false)).Trim());
            }
            """, Verifier.SdkStubs);

    [Fact]
    public Task Fix_ConsoleReadLineCoalesce_TrimsBeforeTheCheck_Issue16() =>
        Verifier.CodeFixAsync<CredentialSourceAnalyzer, TrimCodeFix>("""
            using System;
            using System.ClientModel;

            class C
            {
                ApiKeyCredential M() => new ApiKeyCredential({|APIAUTH004:Console.ReadLine() ?? ""|});
            }
            """, """
            using System;
            using System.ClientModel;

            class C
            {
                ApiKeyCredential M() => new ApiKeyCredential(Console.ReadLine()?.Trim() ?? "");
            }
            """, Verifier.SdkStubs);
}
