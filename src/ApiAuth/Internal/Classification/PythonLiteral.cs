using System.Text;
using System.Text.Json;

namespace ApiAuth.Internal;

/// <summary>
/// Turns a Python literal as a gateway printed it (<c>{'error': {'message': '…', 'code': None}}</c>, the repr LiteLLM
/// embeds when it wraps the OpenAI SDK's exception) into JSON, so <see cref="ErrorBodyParser"/> can read it. Strings in
/// single or double quotes with backslash escapes, <c>None</c>/<c>True</c>/<c>False</c>, numbers and punctuation; one
/// forward pass bounded by the input, anything else ends the conversion (what was read stays usable: the parser keeps
/// what it read before a fault).
/// </summary>
internal static class PythonLiteral
{
    /// <summary>Converts a Python literal to JSON text.</summary>
    /// <param name="text">The literal.</param>
    /// <returns>The JSON text (possibly truncated at the first thing that is not a literal).</returns>
    public static string ToJson(ReadOnlySpan<char> text)
    {
        var sb = new StringBuilder(text.Length + 16);
        var value = new StringBuilder();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c is '{' or '}' or '[' or ']' or ':' or ',' || char.IsWhiteSpace(c))
            {
                sb.Append(c);
                i++;
            }
            else if (c is '\'' or '"')
            {
                value.Clear();
                int j = i + 1;
                while (j < text.Length && text[j] != c)
                {
                    if (text[j] == '\\' && j + 1 < text.Length)
                    {
                        j++;
                        value.Append(text[j] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', _ => text[j] });
                    }
                    else
                    {
                        value.Append(text[j]);
                    }

                    j++;
                }

                sb.Append('"').Append(JsonEncodedText.Encode(value.ToString()).Value).Append('"');
                i = j + 1;
            }
            else if (char.IsAsciiLetter(c))
            {
                int j = i;
                while (j < text.Length && char.IsAsciiLetterOrDigit(text[j]))
                {
                    j++;
                }

                ReadOnlySpan<char> word = text[i..j];
                string? json = word switch
                {
                    "None" => "null",
                    "True" => "true",
                    "False" => "false",
                    _ => null,
                };
                if (json is null)
                {
                    break;
                }

                sb.Append(json);
                i = j;
            }
            else if (char.IsAsciiDigit(c) || c is '-' or '.' or '+')
            {
                int j = i;
                while (j < text.Length && (char.IsAsciiDigit(text[j]) || text[j] is '-' or '.' or '+' or 'e' or 'E'))
                {
                    j++;
                }

                sb.Append(text[i..j]);
                i = j;
            }
            else
            {
                break;
            }
        }

        return sb.ToString();
    }
}
