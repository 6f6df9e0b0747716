using System.Text;

namespace ApiAuth.Internal;

/// <summary>One reusable <see cref="StringBuilder"/> per thread, so building a text allocates only the final string.</summary>
internal static class StringBuilderCache
{
    private const int MaxCapacity = 2048;

    [ThreadStatic]
    private static StringBuilder? t_cached;

    public static StringBuilder Acquire(int capacity)
    {
        StringBuilder? sb = t_cached;
        if (sb is not null && capacity <= sb.Capacity)
        {
            t_cached = null;
            sb.Clear();
            return sb;
        }

        return new StringBuilder(Math.Max(capacity, 256));
    }

    public static string GetStringAndRelease(StringBuilder sb)
    {
        string result = sb.ToString();
        if (sb.Capacity <= MaxCapacity)
        {
            t_cached = sb;
        }

        return result;
    }
}
