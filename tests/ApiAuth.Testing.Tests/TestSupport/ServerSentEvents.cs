namespace ApiAuth.Testing.Tests.TestSupport;

/// <summary>One server-sent event: its <c>event:</c> name (or null) and its <c>data:</c>.</summary>
internal sealed record ServerSentEvent(string? Event, string Data);

/// <summary>Reads server-sent events from a stream the way an SDK does: line by line, an empty line ends an event.</summary>
internal static class ServerSentEvents
{
    public static async Task<List<ServerSentEvent>> ReadAllAsync(Stream stream)
    {
        var events = new List<ServerSentEvent>();
        using var reader = new StreamReader(stream);
        string? name = null;
        var data = new List<string>();
        while (await reader.ReadLineAsync(Http.Ct) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Count > 0)
                {
                    events.Add(new ServerSentEvent(name, string.Join("\n", data)));
                }

                name = null;
                data.Clear();
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Add(line["data: ".Length..]);
            }
        }

        if (data.Count > 0)
        {
            events.Add(new ServerSentEvent(name, string.Join("\n", data)));
        }

        return events;
    }

    public static async Task<(HttpResponseMessage Response, List<ServerSentEvent> Events)> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Http.Ct);
        await using var stream = await response.Content.ReadAsStreamAsync(Http.Ct);
        return (response, await ReadAllAsync(stream));
    }
}
