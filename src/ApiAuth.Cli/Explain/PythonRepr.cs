using System.Text;

namespace ApiAuth.Cli.Explain;

/// <summary>
/// Converts the Python dict repr that the OpenAI and Anthropic Python SDKs put in their exception messages
/// (<c>Error code: 401 - {'error': {'message': '…', 'code': 'invalid_api_key'}}</c>) into JSON.
/// </summary>
internal static class PythonRepr
{
    public static string? TryConvert(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || text[0] != '{')
        {
            return null;
        }

        var sb = new StringBuilder(text.Length);
        int depth = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '\'' or '"':
                {
                    int end = i + 1;
                    var value = new StringBuilder();
                    while (end < text.Length && text[end] != c)
                    {
                        if (text[end] == '\\' && end + 1 < text.Length)
                        {
                            end++;
                            value.Append(text[end] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', _ => text[end] });
                        }
                        else
                        {
                            value.Append(text[end]);
                        }

                        end++;
                    }

                    if (end >= text.Length)
                    {
                        return null;
                    }

                    sb.Append('"').Append(System.Text.Json.JsonEncodedText.Encode(value.ToString(), System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value).Append('"');
                    i = end;
                    break;
                }

                case '{' or '[':
                    depth++;
                    sb.Append(c);
                    break;

                case '}' or ']':
                    depth--;
                    sb.Append(c);
                    if (depth == 0)
                    {
                        return sb.ToString();
                    }

                    break;

                default:
                    if (text[i..].StartsWith("None", StringComparison.Ordinal))
                    {
                        sb.Append("null");
                        i += 3;
                    }
                    else if (text[i..].StartsWith("True", StringComparison.Ordinal))
                    {
                        sb.Append("true");
                        i += 3;
                    }
                    else if (text[i..].StartsWith("False", StringComparison.Ordinal))
                    {
                        sb.Append("false");
                        i += 4;
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return null;
    }
}
