using System.Net;
using System.Text;

namespace Lint.Html;

/// <summary>
/// The fast path of the <c>contentHtml</c> parse: one pass over the text that accepts only markup whose HTML5 parse is
/// known in advance to have no error and to build exactly the tree its tags spell out: a small set of plain elements
/// (headings, paragraphs, lists, emphasis, links, quotes, code, figures…), every one closed by its own end tag in
/// order, where no implied end tag can occur (no block inside a paragraph, no heading inside a heading, no link
/// inside a link, list items directly in their lists), well-formed attributes without repeats, and only character
/// references that are known and allowed. Anything else (a table, a comment, a stray <c>&lt;</c>, an unknown
/// reference, an element left open, an unsafe element…) returns false and the full parser decides; so this path only
/// ever saves time, never changes a finding.
/// </summary>
internal static class SimpleHtmlScanner
{
    private const int Phrasing = 1, Block = 2, Heading = 3, ListItem = 4, DefinitionItem = 5, Anchor = 6, VoidInline = 7, VoidBlock = 8;

    private static readonly Dictionary<string, int> Kinds = Build();
    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> KindsBySpan = Kinds.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string> CommonAttributes = new(StringComparer.Ordinal) { "id", "href", "class", "title", "src", "alt", "rel", "target", "name", "lang", "dir" };
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> CommonAttributesBySpan = CommonAttributes.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The lower-case name, without allocating when it is a known lower-case name.</summary>
    private static string? TagName(ReadOnlySpan<char> name, out int kind)
    {
        if (KindsBySpan.TryGetValue(name, out var known, out kind)) return known;
        var lower = name.ToString().ToLowerInvariant();
        return Kinds.TryGetValue(lower, out kind) ? lower : null;
    }

    private static Dictionary<string, int> Build()
    {
        var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var n in "abbr b bdi bdo cite code data del dfn em i ins kbd mark q s samp small span strong sub sup time u var".Split(' '))
            kinds[n] = Phrasing;
        foreach (var n in "address article aside blockquote div dl figcaption figure footer header main nav ol p pre section ul".Split(' '))
            kinds[n] = Block;
        foreach (var n in "h1 h2 h3 h4 h5 h6".Split(' ')) kinds[n] = Heading;
        kinds["li"] = ListItem;
        kinds["dd"] = DefinitionItem;
        kinds["dt"] = DefinitionItem;
        kinds["a"] = Anchor;
        kinds["br"] = VoidInline;
        kinds["img"] = VoidInline;
        kinds["wbr"] = VoidInline;
        kinds["hr"] = VoidBlock;
        return kinds;
    }

    /// <summary>
    /// The scan's working storage, kept per thread and reused from one scan to the next, so that a scan allocates only
    /// what it returns (the elements, their attributes and values, the heading texts).
    /// </summary>
    private sealed class Scratch
    {
        private const int RetainedCapacity = 1024;

        public readonly List<HtmlElement> Elements = new(64);
        public readonly List<(string Name, int Kind, HtmlElement Element)> Open = new(16);
        public readonly List<HtmlAttribute> Attributes = new(8);
        public readonly StringBuilder HeadingText = new(128);
        public int Paragraphs;
        public int Headings;
        public int Anchors;
        public HtmlElement? CurrentHeading;

        public void Clear()
        {
            Elements.Clear();
            Open.Clear();
            Attributes.Clear();
            HeadingText.Clear();
            // A huge record must not leave its buffers behind on the thread for the rest of the run.
            if (Elements.Capacity > RetainedCapacity) Elements.Capacity = 64;
            if (Open.Capacity > RetainedCapacity) Open.Capacity = 16;
            if (Attributes.Capacity > RetainedCapacity) Attributes.Capacity = 8;
            if (HeadingText.Capacity > RetainedCapacity * 4) HeadingText.Capacity = 128;
            Paragraphs = Headings = Anchors = 0;
            CurrentHeading = null;
        }
    }

    [ThreadStatic] private static Scratch? t_scratch;

    /// <summary>Scans <paramref name="s"/>; true with its elements when the markup is plain and well formed.</summary>
    public static bool TryScan(string s, out HtmlElement[] elements)
    {
        var state = t_scratch ??= new Scratch();
        // Taken for the scan (a nested call on the same thread, which nothing makes, would get its own).
        t_scratch = null;
        try
        {
            if (Scan(s, state))
            {
                elements = state.Elements.ToArray();
                return true;
            }
            elements = [];
            return false;
        }
        finally
        {
            state.Clear();
            t_scratch = state;
        }
    }

    private static bool Scan(string s, Scratch state)
    {
        int i = 0;
        int n = s.Length;
        while (i < n)
        {
            int next = s.AsSpan(i).IndexOfAny('<', '&');
            int textEnd = next < 0 ? n : i + next;
            if (!PlainText(s, i, textEnd)) return false;
            if (state.CurrentHeading is not null) state.HeadingText.Append(s, i, textEnd - i);
            i = textEnd;
            if (i >= n) break;
            if (s[i] == '&')
            {
                if (!Reference(s, i, out int length, out string? decoded)) return false;
                if (state.CurrentHeading is not null) state.HeadingText.Append(decoded);
                i += length;
                continue;
            }
            if (i + 1 >= n) return false;
            if (s[i + 1] == '/')
            {
                if (!EndTag(s, ref i, state)) return false;
            }
            else if (char.IsAsciiLetter(s[i + 1]))
            {
                if (!StartTag(s, ref i, state)) return false;
            }
            else return false;
        }
        return state.Open.Count == 0;
    }

    /// <summary>Text without characters the HTML5 tokenizer reports or changes (NUL, controls, lone surrogates, noncharacters).</summary>
    private static bool PlainText(string s, int start, int end)
    {
        int i = start;
        while (i < end)
        {
            // Printable ASCII is the bulk of any record: skip it vectorized, and look at the other characters one by one.
            int skip = s.AsSpan(i, end - i).IndexOfAnyExceptInRange(' ', '~');
            if (skip < 0) return true;
            i += skip;
            char c = s[i];
            if (c is '\n' or '\t' or '\r' or '\f' || (c >= 0xA0 && c < 0xD800) || (c >= 0xE000 && c < 0xFDD0) || (c > 0xFDEF && c < 0xFFFE))
            {
                i++;
                continue;
            }
            if (!char.IsHighSurrogate(c) || i + 1 >= end || !char.IsLowSurrogate(s[i + 1])) return false;
            int cp = char.ConvertToUtf32(c, s[i + 1]);
            if ((cp & 0xFFFE) == 0xFFFE) return false;
            i += 2;
        }
        return true;
    }

    /// <summary>A known named reference with its ';', or a numeric one naming an allowed character.</summary>
    private static bool Reference(string s, int amp, out int length, out string decoded)
    {
        length = 0;
        decoded = "";
        int end = amp + 1;
        if (end < s.Length && s[end] == '#')
        {
            end++;
            bool hex = end < s.Length && s[end] is 'x' or 'X';
            if (hex) end++;
            int digitsStart = end;
            long value = 0;
            while (end < s.Length && end - digitsStart < 8 && (hex ? char.IsAsciiHexDigit(s[end]) : char.IsAsciiDigit(s[end])))
            {
                value = value * (hex ? 16 : 10) + Convert.ToInt32(s[end].ToString(), hex ? 16 : 10);
                end++;
            }
            if (end == digitsStart || end >= s.Length || s[end] != ';') return false;
            bool allowed = value is 0x09 or 0x0A or (>= 0x20 and < 0x7F) or (>= 0xA0 and < 0xD800) or (>= 0xE000 and < 0xFDD0) or (> 0xFDEF and < 0xFFFE)
                || (value >= 0x10000 && value <= 0x10FFFF && (value & 0xFFFE) != 0xFFFE);
            if (!allowed) return false;
            decoded = char.ConvertFromUtf32((int)value);
            length = end + 1 - amp;
            return true;
        }
        while (end < s.Length && end - amp <= 10 && char.IsAsciiLetterOrDigit(s[end])) end++;
        if (end == amp + 1 || end >= s.Length || s[end] != ';') return false;
        string reference = s.Substring(amp, end + 1 - amp);
        decoded = WebUtility.HtmlDecode(reference);
        if (decoded == reference) return false;
        length = reference.Length;
        return true;
    }

    private static bool EndTag(string s, ref int i, Scratch state)
    {
        int start = i + 2;
        int end = start;
        while (end < s.Length && char.IsAsciiLetterOrDigit(s[end])) end++;
        if (end == start) return false;
        int close = end;
        while (close < s.Length && HtmlTreeParser.IsBlank(s[close])) close++;
        if (close >= s.Length || s[close] != '>') return false;
        var open = state.Open;
        if (open.Count == 0) return false;
        var (name, kind, element) = open[^1];
        if (!s.AsSpan(start, end - start).Equals(name, StringComparison.OrdinalIgnoreCase)) return false;
        open.RemoveAt(open.Count - 1);
        if (name == "p") state.Paragraphs--;
        else if (kind == Heading)
        {
            state.Headings--;
            element.Text = state.HeadingText.ToString();
            state.HeadingText.Clear();
            state.CurrentHeading = null;
        }
        else if (kind == Anchor) state.Anchors--;
        i = close + 1;
        return true;
    }

    private static bool StartTag(string s, ref int i, Scratch state)
    {
        int tagStart = i;
        int start = i + 1;
        int end = start;
        while (end < s.Length && char.IsAsciiLetterOrDigit(s[end])) end++;
        if (end >= s.Length) return false;
        if (TagName(s.AsSpan(start, end - start), out int kind) is not { } name) return false;
        var attributes = state.Attributes;
        attributes.Clear();
        int j = end;
        while (true)
        {
            if (j >= s.Length) return false;
            char c = s[j];
            if (c == '>') break;
            if (c == '/')
            {
                if (j + 1 < s.Length && s[j + 1] == '>' && kind is VoidInline or VoidBlock)
                {
                    j++;
                    break;
                }
                return false;
            }
            if (!HtmlTreeParser.IsBlank(c)) return false;
            while (j < s.Length && HtmlTreeParser.IsBlank(s[j])) j++;
            if (j >= s.Length) return false;
            if (s[j] is '>' or '/') continue;
            if (!Attribute(s, ref j, attributes)) return false;
        }
        i = j + 1;
        // The tree-construction cases that would imply an end tag or report an error: refuse them.
        var open = state.Open;
        switch (kind)
        {
            case Block or VoidBlock when state.Paragraphs > 0:
            case Heading when state.Paragraphs > 0 || state.Headings > 0:
            case ListItem when open.Count == 0 || open[^1].Name is not ("ul" or "ol"):
            case DefinitionItem when open.Count == 0 || open[^1].Name != "dl":
            case Anchor when state.Anchors > 0:
                return false;
        }
        var element = new HtmlElement(name, tagStart, attributes.Count == 0 ? [] : attributes.ToArray()) { Parent = open.Count > 0 ? open[^1].Element : null };
        state.Elements.Add(element);
        if (kind is VoidInline or VoidBlock) return true;
        open.Add((name, kind, element));
        if (name == "p") state.Paragraphs++;
        else if (kind == Heading)
        {
            state.Headings++;
            state.CurrentHeading = element;
        }
        else if (kind == Anchor) state.Anchors++;
        return true;
    }

    private static bool Attribute(string s, ref int j, List<HtmlAttribute> attributes)
    {
        int nameStart = j;
        while (j < s.Length && (char.IsAsciiLetterOrDigit(s[j]) || s[j] is '-' or '_' or ':' or '.')) j++;
        if (j == nameStart || j >= s.Length) return false;
        var span = s.AsSpan(nameStart, j - nameStart);
        string name = CommonAttributesBySpan.TryGetValue(span, out var common) ? common : span.ToString().ToLowerInvariant();
        foreach (var a in attributes)
            if (a.Name == name) return false;
        if (s[j] != '=')
        {
            if (!HtmlTreeParser.IsBlank(s[j]) && s[j] != '>') return false;
            attributes.Add(new HtmlAttribute(name, "", nameStart, j, 0));
            return true;
        }
        j++;
        if (j >= s.Length) return false;
        int valueStart, valueEnd;
        if (s[j] is '"' or '\'')
        {
            char quote = s[j];
            valueStart = j + 1;
            valueEnd = s.IndexOf(quote, valueStart);
            if (valueEnd < 0) return false;
            j = valueEnd + 1;
            if (j >= s.Length || !(HtmlTreeParser.IsBlank(s[j]) || s[j] is '>' or '/')) return false;
        }
        else
        {
            valueStart = j;
            while (j < s.Length && !HtmlTreeParser.IsBlank(s[j]) && s[j] != '>')
            {
                if (s[j] is '"' or '\'' or '<' or '=' or '`') return false;
                j++;
            }
            valueEnd = j;
            if (valueEnd == valueStart || j >= s.Length) return false;
        }
        if (!PlainText(s, valueStart, valueEnd)) return false;
        string value;
        int amp = s.IndexOf('&', valueStart, valueEnd - valueStart);
        if (amp < 0) value = s.Substring(valueStart, valueEnd - valueStart);
        else
        {
            var sb = new StringBuilder(valueEnd - valueStart);
            int k = valueStart;
            while (k < valueEnd)
            {
                if (s[k] != '&')
                {
                    sb.Append(s[k++]);
                    continue;
                }
                if (!Reference(s, k, out int length, out string decoded) || k + length > valueEnd) return false;
                sb.Append(decoded);
                k += length;
            }
            value = sb.ToString();
        }
        attributes.Add(new HtmlAttribute(name, value, nameStart, valueStart, valueEnd - valueStart));
        return true;
    }
}
