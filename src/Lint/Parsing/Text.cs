using System.Globalization;
using System.Text;

namespace Lint.Parsing;

/// <summary>Helpers to quote text taken from a file inside a message.</summary>
public static class Text
{
    /// <summary>
    /// Makes text from a file safe to print in any message and any output format:
    /// <list type="bullet">
    /// <item>control characters (C0, DEL and C1, so also ESC and CSI, which start terminal escape sequences), line and
    /// paragraph separators, bidi overrides and isolates, and every other invisible formatting character (Unicode
    /// category Cf, such as zero-width spaces and the byte order mark) become <c>\uXXXX</c>; so do unpaired
    /// surrogates. The text therefore always stays on one line and reads in its stored order;</item>
    /// <item>the legacy GitHub Actions workflow command prefix <c>##[</c>, which the runner honours anywhere in a
    /// log line, becomes <c>##\u005B</c>;</item>
    /// <item>text longer than <paramref name="maxLength"/> characters is cut and ends with <c>…</c>.</item>
    /// </list>
    /// Sanitizing is idempotent: sanitized text comes back unchanged.
    /// </summary>
    public static string Sanitize(string text, int maxLength = 120)
    {
        if (text.Length <= maxLength && IsSafe(text)) return text;
        var sb = new StringBuilder(Math.Min(text.Length, maxLength) + 8);
        for (int i = 0; i < text.Length; i++)
        {
            if (sb.Length >= maxLength) { sb.Append('…'); break; }
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                int codePoint = char.ConvertToUtf32(c, text[i + 1]);
                if (IsInvisible(CharUnicodeInfo.GetUnicodeCategory(codePoint)))
                    sb.AppendUnicodeEscape(c).AppendUnicodeEscape(text[i + 1]);
                else
                    sb.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }
            if (NeedsEscape(c)) sb.AppendUnicodeEscape(c);
            else if (c == '[' && i >= 2 && text[i - 1] == '#' && text[i - 2] == '#') sb.Append("\\u005B");
            else sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Appends <paramref name="c"/> as the escape <c>\uXXXX</c> (the one place lint writes that escape).</summary>
    public static StringBuilder AppendUnicodeEscape(this StringBuilder sb, char c) =>
        sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));

    /// <summary>
    /// <paramref name="text"/> with every character for which <paramref name="escape"/> holds written as <c>\uXXXX</c>
    /// (the text itself when there is none).
    /// </summary>
    public static string EscapeWhere(string text, Func<char, bool> escape)
    {
        int first = -1;
        for (int i = 0; i < text.Length; i++)
        {
            if (escape(text[i])) { first = i; break; }
        }
        if (first < 0) return text;
        var sb = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (int i = first; i < text.Length; i++)
        {
            if (escape(text[i])) sb.AppendUnicodeEscape(text[i]);
            else sb.Append(text[i]);
        }
        return sb.ToString();
    }

    /// <summary>Quotes a value for a message: strings in double quotes, after <see cref="Sanitize"/>.</summary>
    public static string Quote(string text, int maxLength = 120) => "\"" + Sanitize(text, maxLength) + "\"";

    /// <summary>Whether <paramref name="text"/> is already safe: <see cref="Sanitize"/> would return it unchanged (ignoring length).</summary>
    public static bool IsSafe(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (IsInvisible(CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(c, text[i + 1])))) return false;
                i++;
                continue;
            }
            if (NeedsEscape(c)) return false;
            if (c == '[' && i >= 2 && text[i - 1] == '#' && text[i - 2] == '#') return false;
        }
        return true;
    }

    /// <summary>Whether one UTF-16 unit must be escaped on its own (a surrogate here is an unpaired one).</summary>
    internal static bool NeedsEscape(char c) =>
        char.IsSurrogate(c) || IsInvisible(char.GetUnicodeCategory(c));

    private static bool IsInvisible(UnicodeCategory category) => category is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
