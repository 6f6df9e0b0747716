using System.Text.Json;

namespace ApiAuth.Cli.Doctor.Sources;

/// <summary>
/// Flattens a JSON configuration file the way Microsoft.Extensions.Configuration.Json does (nested objects joined with
/// ':', array items by index, comments and trailing commas allowed), keeping the line of each value for the report.
/// </summary>
internal static class JsonConfigReader
{
    /// <summary>Reads the string, number and boolean values; <see langword="null"/> when the file is not valid JSON (the host would fail to start).</summary>
    public static List<(string Key, string Value, int Line)>? Read(byte[] bytes)
    {
        ReadOnlySpan<byte> json = bytes;
        if (json.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            json = json[3..];
        }

        var values = new List<(string Key, string Value, int Line)>();
        var path = new List<string>();
        var arrays = new Stack<int>();
        var inArray = new Stack<bool>();
        string? property = null;
        int line = 1;
        long counted = 0;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 64 });
        try
        {
            while (reader.Read())
            {
                long start = reader.TokenStartIndex;
                line += json[(int)counted..(int)start].Count((byte)'\n');
                counted = start;
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        property = reader.GetString();
                        break;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        if (inArray.Count > 0)
                        {
                            path.Add(NextSegment(inArray, arrays, ref property));
                        }

                        inArray.Push(reader.TokenType == JsonTokenType.StartArray);
                        arrays.Push(0);
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        inArray.Pop();
                        arrays.Pop();
                        if (path.Count > 0 && inArray.Count > 0)
                        {
                            path.RemoveAt(path.Count - 1);
                        }

                        break;
                    default:
                        string segment = NextSegment(inArray, arrays, ref property);
                        string? value = reader.TokenType switch
                        {
                            JsonTokenType.String => reader.GetString(),
                            JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
                            _ => null,
                        };
                        if (value is not null && inArray.Count > 0)
                        {
                            values.Add((path.Count == 0 ? segment : string.Join(':', path) + ":" + segment, value, line));
                        }

                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return values;
    }

    private static string NextSegment(Stack<bool> inArray, Stack<int> arrays, ref string? property)
    {
        if (inArray.Count > 0 && inArray.Peek())
        {
            int index = arrays.Pop();
            arrays.Push(index + 1);
            return index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        string name = property ?? string.Empty;
        property = null;
        return name;
    }
}
