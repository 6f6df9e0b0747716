namespace ApiAuth.Analyzers.Tests;

/// <summary>Builds a key of a format at run time: the prefix, then random characters of the format's alphabet.</summary>
internal static class KeyExamples
{
    public const string Base64Url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    public static string Build(string prefix, int length, string alphabet, int seed)
    {
        var random = new Random(seed + 1000);
        while (true)
        {
            var chars = new char[length - prefix.Length];
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[random.Next(alphabet.Length)];
            }

            // A random body has letters and (at least three) digits where the alphabet has both, and spells no template word.
            string body = new(chars);
            bool letters = !alphabet.Any(char.IsLetter) || body.Any(char.IsLetter);
            bool digits = !alphabet.Any(char.IsDigit) || body.Count(char.IsDigit) >= 3;
            if (letters && digits && !body.Contains("our", StringComparison.OrdinalIgnoreCase) && !body.Contains("xx", StringComparison.OrdinalIgnoreCase) && !body.Contains(".."))
            {
                return prefix + body;
            }
        }
    }
}
