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
}
