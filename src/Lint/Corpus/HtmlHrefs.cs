using System.Net;

namespace Lint.Corpus;

/// <summary>
/// The <c>href</c> attributes of the <c>&lt;a&gt;</c> start tags of an HTML fragment, with where their values are:
/// a small scan by the HTML tokenizer's rules for tags and attributes (comments skipped, the first of repeated
/// attributes kept, quoted and unquoted values, character references decoded).
/// </summary>
internal static class HtmlHrefs
{
    /// <summary>Each href: its value as a browser reads it, the index of its source text in <paramref name="html"/> and that text's length.</summary>
    public static IEnumerable<(string Value, int Index, int Length)> Of(string html)
    {
        int i = 0;
        while (true)
        {
            i = html.IndexOf('<', i);
            if (i < 0 || i + 1 >= html.Length) yield break;
            if (string.CompareOrdinal(html, i, "<!--", 0, 4) == 0)
            {
                int close = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                if (close < 0) yield break;
                i = close + 3;
                continue;
            }
            if (!(html[i + 1] is 'a' or 'A') || i + 2 >= html.Length || !IsSpace(html[i + 2]) && html[i + 2] is not ('>' or '/'))
            {
                i++;
                continue;
            }
            // Attributes until the end of the tag.
            int p = i + 2;
            bool seenHref = false;
            while (p < html.Length && html[p] != '>')
            {
                if (IsSpace(html[p]) || html[p] == '/') { p++; continue; }
                int nameStart = p;
                while (p < html.Length && !IsSpace(html[p]) && html[p] is not ('/' or '>') && (html[p] != '=' || p == nameStart)) p++;
                string name = html[nameStart..p];
                while (p < html.Length && IsSpace(html[p])) p++;
                if (p >= html.Length || html[p] != '=') continue;
                p++;
                while (p < html.Length && IsSpace(html[p])) p++;
                if (p >= html.Length) break;
                int valueStart, valueEnd;
                if (html[p] is '"' or '\'')
                {
                    char quote = html[p];
                    valueStart = p + 1;
                    valueEnd = html.IndexOf(quote, valueStart);
                    if (valueEnd < 0) yield break; // the tag never ends
                    p = valueEnd + 1;
                }
                else
                {
                    valueStart = p;
                    while (p < html.Length && !IsSpace(html[p]) && html[p] != '>') p++;
                    valueEnd = p;
                }
                if (!seenHref && name.Equals("href", StringComparison.OrdinalIgnoreCase))
                {
                    seenHref = true;
                    var raw = html[valueStart..valueEnd];
                    yield return (raw.Contains('&') ? WebUtility.HtmlDecode(raw) : raw, valueStart, valueEnd - valueStart);
                }
            }
            i = p;
        }
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f';
}
