using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;

namespace ApiAuth.Hardening.Tests.Redirects;

/// <summary>
/// Runs a <see cref="RedirectCase"/> against <see cref="RedirectServers"/> and returns what went wrong, or nothing. It checks
/// that the case is real (each credential reached the origin; the redirect was followed) before it checks the guarantee:
/// nothing of any credential at the other origin; on a same-origin redirect, each credential arrives as .NET sends it
/// (every header but <c>Authorization</c>, which .NET clears on every redirect); the caller's message is left as it was.
/// </summary>
internal static class RedirectCaseRunner
{
    public const string ClientName = "redirects";

    public static async Task<List<string>> RunAsync(RedirectServers servers, RedirectCase c, Random random, CancellationToken cancel)
    {
        var problems = new List<string>();
        string caseId = RedirectServers.NewCase();
        var sent = new List<(CredentialCarrier Carrier, string Value, string[] Secrets)>();
        foreach (CredentialCarrier carrier in c.Carriers)
        {
            (string value, string[] secrets) = carrier.Make(random);
            sent.Add((carrier, value, secrets));
        }

        (CredentialCarrier Carrier, string Value, string[] Secrets)? fromOptions = sent.FirstOrDefault(s => s.Carrier.FromOptions) is { Carrier: not null } o ? o : null;
        using ServiceProvider services = c.Shape.Build(ClientName, options =>
        {
            options.Provider = fromOptions?.Carrier.Provider;
            options.ApiKey = fromOptions?.Value;
        });
        HttpClient client = services.GetRequiredService<IHttpClientFactory>().CreateClient(ClientName);

        Uri start = servers.Start(caseId, c.Code, c.CrossOrigin, c.LandingStatus);
        using var request = new HttpRequestMessage(c.Post ? HttpMethod.Post : HttpMethod.Get, start);
        if (c.Post)
        {
            request.Content = new ByteArrayContent("{\"q\":1}"u8.ToArray()) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
        }

        foreach ((CredentialCarrier carrier, string value, _) in sent.Where(s => !s.Carrier.FromOptions))
        {
            request.Headers.TryAddWithoutValidation(carrier.Header!, value);
        }

        HttpResponseMessage response;
        try
        {
            response = c.Sync ? await Task.Run(() => client.Send(request, cancel), cancel) : await client.SendAsync(request, cancel);
        }
        catch (Exception e) when (e is ApiAuthException or HttpRequestException or InvalidOperationException)
        {
            problems.Add($"the call failed: {e.GetType().Name}: {e.Message}");
            return problems;
        }

        using (response)
        {
            if ((int)response.StatusCode != c.LandingStatus)
            {
                problems.Add($"the redirect was not followed to the landing page: {(int)response.StatusCode}");
            }
        }

        IReadOnlyList<ReceivedRequest> atOrigin = servers.AtOrigin(caseId);
        IReadOnlyList<ReceivedRequest> atOther = servers.AtOther(caseId);
        ReceivedRequest? first = atOrigin.FirstOrDefault(r => r.Path.StartsWith("/r/", StringComparison.Ordinal));
        if (first is null)
        {
            problems.Add("the origin received nothing");
            return problems;
        }

        foreach ((CredentialCarrier carrier, _, string[] secrets) in sent)
        {
            if (!first.Leaks(secrets[0]).Any())
            {
                problems.Add($"{carrier} did not reach the origin (the case proves nothing)");
            }
        }

        List<ReceivedRequest> landings = [.. (c.CrossOrigin ? atOther : atOrigin).Where(r => r.Path.StartsWith("/l/", StringComparison.Ordinal))];
        if (landings.Count == 0)
        {
            problems.Add("nothing reached the landing page");
        }

        // The platform's method rules: POST becomes GET on 301/302, anything but GET/HEAD becomes GET on 303; 307/308 keep it all.
        bool toGet = c.Post && c.Code is 301 or 302 or 303;
        foreach (ReceivedRequest landing in landings)
        {
            string method = c.Post && !toGet ? "POST" : "GET";
            int body = c.Post && !toGet ? 7 : 0;
            if (landing.Method != method || landing.BodyLength != body)
            {
                problems.Add($"the hop was {landing.Method} with {landing.BodyLength} body bytes; .NET sends {method} with {body}");
            }
        }

        if (c.CrossOrigin)
        {
            foreach (ReceivedRequest received in atOther)
            {
                foreach ((CredentialCarrier carrier, _, string[] secrets) in sent)
                {
                    foreach (string secret in secrets)
                    {
                        foreach (string where in received.Leaks(secret))
                        {
                            problems.Add($"LEAK: {carrier} reached the other origin in its {where} ({received.Method} {received.Path})");
                        }
                    }
                }
            }
        }
        else
        {
            foreach (ReceivedRequest landing in landings)
            {
                foreach ((CredentialCarrier carrier, _, string[] secrets) in sent)
                {
                    // .NET sends every header again on a same-origin redirect, except Authorization, cleared on every redirect.
                    bool expected = first.Leaks(secrets[0]).Any(w => !string.Equals(w, "header Authorization", StringComparison.OrdinalIgnoreCase));
                    bool arrived = landing.Leaks(secrets[0]).Any();
                    if (expected != arrived)
                    {
                        problems.Add($"same-origin redirect: {carrier} {(arrived ? "arrived" : "did not arrive")}, .NET would {(expected ? "send" : "not send")} it");
                    }
                }
            }
        }

        if (request.RequestUri != start || request.Method != (c.Post ? HttpMethod.Post : HttpMethod.Get))
        {
            problems.Add($"the caller's message was rewritten: {request.Method} {request.RequestUri}");
        }

        foreach ((CredentialCarrier carrier, string value, _) in sent.Where(s => !s.Carrier.FromOptions))
        {
            if (!request.Headers.NonValidated.TryGetValues(carrier.Header!, out HeaderStringValues values) || !values.Contains(value))
            {
                problems.Add($"the caller's {carrier.Header} header was changed");
            }
        }

        if (c.LandingStatus == (int)HttpStatusCode.ServiceUnavailable && c.Shape.Resilience != ResiliencePlacement.None && landings.Count < 2)
        {
            problems.Add($"the resilience handler did not retry ({landings.Count} landing requests): the retry path was not exercised");
        }

        return problems;
    }
}
