using System.Text;

namespace Lint.Parsing;

/// <summary>Helpers to quote text taken from a file inside a message.</summary>
public static class Text
{
    /// <summary>
    /// Makes text from a file safe to print in any message: control characters, bidi overrides and other
    /// invisible formatting characters become <c>\uXXXX</c>, and very long text is shortened.
    /// </summary>
    public static string Sanitize(string text, int maxLength = 120)
    {
        bool clean = text.Length <= maxLength;
        if (clean)
        {
            foreach (var c in text)
            {
                if (NeedsEscape(c)) { clean = false; break; }
            }
        }
        if (clean) return text;
        var sb = new StringBuilder(Math.Min(text.Length, maxLength) + 8);
        foreach (var c in text)
        {
            if (sb.Length >= maxLength) { sb.Append('…'); break; }
            if (NeedsEscape(c)) sb.Append("\\u").Append(((int)c).ToString("X4"));
            else sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Quotes a value for a message: strings in double quotes, after <see cref="Sanitize"/>.</summary>
    public static string Quote(string text, int maxLength = 120) => "\"" + Sanitize(text, maxLength) + "\"";

    internal static bool NeedsEscape(char c) =>
        char.IsControl(c)
        || (c >= '\u200B' && c <= '\u200F')
        || (c >= '\u2028' && c <= '\u202E')
        || (c >= '\u2060' && c <= '\u206F')
        || c == '\uFEFF';
}
