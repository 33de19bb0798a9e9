using AngleSharp.Dom;
using AngleSharp.Html.Dom.Events;
using AngleSharp.Html.Parser;
using AngleSharp.Html.Parser.Tokens;

namespace Lint.Html;

/// <summary>
/// The full HTML5 parse of <c>contentHtml</c> with AngleSharp: the fragment is parsed as the body of a standards-mode
/// document (so that the tree builder's rules apply as they do on the site's page), its tokens give each start tag
/// and attribute with its position, and its parse errors become <see cref="HtmlProblem"/>s in plain words.
/// </summary>
/// <remarks>
/// HTML5 reports no error for elements left open at the end of a document whose end tag is optional, and only one for
/// the others; but <c>contentHtml</c> is a fragment inside a page, where an element left open swallows the page below
/// it. A comment is appended after the fragment: the elements around it are the ones still open at the end, and each
/// one whose end tag may not be omitted (<c>&lt;ul&gt;</c>, <c>&lt;strong&gt;</c>, not <c>&lt;p&gt;</c> or
/// <c>&lt;li&gt;</c>) is reported at its start tag. Errors the parser reports at the end itself are replaced by those.
/// </remarks>
internal static class HtmlTreeParser
{
    private const string Prefix = "<!DOCTYPE html><body>";
    private const string EndMarker = "lint:end-of-contentHtml";
    private const string Suffix = "<!--" + EndMarker + "-->";

    /// <summary>Elements whose end tag HTML lets one omit (an open one at the end is no defect).</summary>
    private static readonly HashSet<string> OptionalEnd = new(StringComparer.Ordinal)
        { "p", "li", "dd", "dt", "td", "th", "tr", "tbody", "thead", "tfoot", "caption", "colgroup", "option", "optgroup", "rb", "rp", "rt", "rtc", "html", "head", "body" };

    /// <summary>Elements that never have content or an end tag.</summary>
    internal static readonly HashSet<string> Void = new(StringComparer.Ordinal)
        { "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param", "keygen", "basefont", "bgsound", "frame" };

    private sealed class Collector
    {
        public string Source = "";
        public readonly List<HtmlElement> Elements = [];
        public readonly List<HtmlElement> Open = [];
        public readonly List<(int Index, bool Start, string Name)> Tags = [];
        public readonly List<(int Index, HtmlParseError Code, string Message)> Errors = [];
    }

    [ThreadStatic] private static HtmlParser? _parser;
    [ThreadStatic] private static Collector? _current;

    private static HtmlParser CreateParser()
    {
        var options = new HtmlParserOptions
        {
            IsKeepingSourceReferences = true,
            OnToken = (token, range) =>
            {
                var c = _current;
                if (c is null || token is not HtmlTagToken tag) return;
                int index = range.Start.Index - Prefix.Length;
                if (index < 0 || index >= c.Source.Length) return;
                if (token.Type == HtmlTokenType.StartTag)
                {
                    var attributes = new List<HtmlAttribute>(tag.Attributes.Count);
                    foreach (var a in tag.Attributes)
                        attributes.Add(Attribute(c.Source, a.Name, a.Value, a.Position.Index - Prefix.Length));
                    // The parent as the tags spell it out; the tree corrects it below where the parser built otherwise.
                    var element = new HtmlElement(tag.Name, index, attributes) { Parent = c.Open.Count > 0 ? c.Open[^1] : null };
                    c.Elements.Add(element);
                    c.Tags.Add((index, true, tag.Name));
                    if (!Void.Contains(tag.Name) && !tag.IsSelfClosing) c.Open.Add(element);
                }
                else if (token.Type == HtmlTokenType.EndTag)
                {
                    c.Tags.Add((index, false, tag.Name));
                    int at = c.Open.FindLastIndex(e => e.Name == tag.Name);
                    if (at >= 0) c.Open.RemoveRange(at, c.Open.Count - at);
                }
            },
        };
        var parser = new HtmlParser(options);
        parser.Error += (_, e) =>
        {
            if (_current is { } c && e is HtmlErrorEvent error)
                c.Errors.Add((error.Position.Index - Prefix.Length, (HtmlParseError)error.Code, error.Message));
        };
        return parser;
    }

    /// <summary>The value's place as written, found from the attribute name's place: name, blanks, '=', blanks, quote.</summary>
    private static HtmlAttribute Attribute(string source, string name, string value, int index)
    {
        int i = index + name.Length;
        if (index < 0 || i > source.Length) return new HtmlAttribute(name, value, Math.Max(0, index), Math.Max(0, index), 0);
        int j = i;
        while (j < source.Length && IsBlank(source[j])) j++;
        if (j >= source.Length || source[j] != '=') return new HtmlAttribute(name, value, index, i, 0);
        j++;
        while (j < source.Length && IsBlank(source[j])) j++;
        if (j < source.Length && source[j] is '"' or '\'')
        {
            char quote = source[j];
            int end = source.IndexOf(quote, j + 1);
            if (end < 0) end = source.Length;
            return new HtmlAttribute(name, value, index, j + 1, end - j - 1);
        }
        int k = j;
        while (k < source.Length && !IsBlank(source[k]) && source[k] != '>') k++;
        return new HtmlAttribute(name, value, index, j, k - j);
    }

    internal static bool IsBlank(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f';

    public static (IReadOnlyList<HtmlElement> Elements, IReadOnlyList<HtmlProblem> Problems) Parse(string source)
    {
        var parser = _parser ??= CreateParser();
        var collector = new Collector { Source = source };
        _current = collector;
        IDocument document;
        try
        {
            document = parser.ParseDocument(Prefix + source + Suffix);
        }
        finally
        {
            _current = null;
        }
        using (document)
        {
            FillFromTree(document, collector);
            var problems = Problems(document, collector);
            return (collector.Elements, problems);
        }
    }

    /// <summary>Fills what only the tree knows: each element's parent, and the text of headings.</summary>
    private static void FillFromTree(IDocument document, Collector c)
    {
        if (document.Body is not { } body || c.Elements.Count == 0) return;
        var byIndex = new Dictionary<int, HtmlElement>(c.Elements.Count);
        foreach (var e in c.Elements) byIndex.TryAdd(e.Index, e);
        HtmlElement? Known(IElement node) =>
            node.SourceReference is { } reference && byIndex.TryGetValue(reference.Position.Index - Prefix.Length, out var e) ? e : null;
        foreach (var node in body.Descendants<IElement>())
        {
            if (Known(node) is not { } element) continue;
            for (var up = node.ParentElement; up is not null && up != body; up = up.ParentElement)
            {
                if (Known(up) is { } parent)
                {
                    element.Parent = parent;
                    break;
                }
            }
            if (element.HeadingLevel > 0) element.Text = node.TextContent;
        }
    }

    private static List<HtmlProblem> Problems(IDocument document, Collector c)
    {
        string source = c.Source;
        var problems = new List<HtmlProblem>();
        var marker = FindMarker(document.Body);
        var seen = new HashSet<int>();
        int tag = 0;
        var open = new List<string>();
        Func<string, bool>? consequence = null;
        foreach (var (index, code, message) in c.Errors.OrderBy(e => e.Index))
        {
            if (index >= source.Length || index < 0) continue;
            // The simple stack of tags written before this point, to name what is open in a message.
            while (tag < c.Tags.Count && c.Tags[tag].Index < index)
            {
                Track(open, c.Tags[tag]);
                tag++;
            }
            var problem = Describe(source, index, code, message, open);
            // One defect, one finding: a heading started inside a heading (or a link inside a link) closes the outer one,
            // so the outer one's end tag, which the author wrote correctly, is stray only because of that first error.
            if (problem.Kind is HtmlProblemKind.StrayEndTag or HtmlProblemKind.MisnestedEndTag && consequence is not null && consequence(problem.Subject))
            {
                consequence = null;
                continue;
            }
            if (code == HtmlParseError.HeadingNested) consequence = subject => subject.Length == 5 && subject[2] == 'h' && subject[3] is >= '1' and <= '6';
            else if (code == HtmlParseError.AnchorNested) consequence = subject => subject == "</a>";
            if (seen.Add(problem.Index)) problems.Add(problem);
        }
        if (marker is not null)
        {
            foreach (var element in marker.Ancestors<IElement>().Reverse())
            {
                if (element.SourceReference is not { } reference) continue;
                int index = reference.Position.Index - Prefix.Length;
                if (index < 0 || index >= source.Length || OptionalEnd.Contains(element.LocalName) || Void.Contains(element.LocalName)) continue;
                if (seen.Add(index))
                    problems.Add(new HtmlProblem(index, HtmlProblemKind.Unclosed, $"<{element.LocalName}>",
                        $"<{element.LocalName}> is never closed: the rest of the page would end up inside it; add </{element.LocalName}>"));
            }
        }
        else if (c.Errors.Any(e => e.Index >= source.Length))
        {
            // The end marker was swallowed: the fragment ends inside a tag, a comment or a raw-text element.
            int last = Math.Max(0, source.LastIndexOf('<'));
            if (seen.Add(last))
                problems.Add(new HtmlProblem(last, HtmlProblemKind.Syntax, Excerpt(source, last),
                    "contentHtml ends before this is finished (an unclosed quote, tag, comment, or <script>, <style>, <textarea> or <title> element)"));
        }
        problems.Sort((a, b) => a.Index.CompareTo(b.Index));
        return problems;
    }

    private static IComment? FindMarker(IElement? body)
    {
        if (body is null) return null;
        foreach (var node in body.Descendants<IComment>())
            if (node.Data == EndMarker) return node;
        return null;
    }

    private static void Track(List<string> open, (int Index, bool Start, string Name) tag)
    {
        if (tag.Start)
        {
            if (!Void.Contains(tag.Name)) open.Add(tag.Name);
            return;
        }
        int at = open.LastIndexOf(tag.Name);
        if (at >= 0) open.RemoveRange(at, open.Count - at);
    }

    private static HtmlProblem Describe(string source, int index, HtmlParseError code, string message, List<string> open)
    {
        if (code is >= HtmlParseError.CharacterReferenceWrongNumber and <= HtmlParseError.CharacterReferenceAttributeEqualsFound)
        {
            int amp = source.LastIndexOf('&', index);
            if (amp >= 0 && index - amp <= 40) index = amp;
            string text = Reference(source, index);
            string detail = code switch
            {
                HtmlParseError.CharacterReferenceNotTerminated when text.EndsWith(';') => $"unknown character reference {text}; write &amp; for a literal '&'",
                HtmlParseError.CharacterReferenceNotTerminated => $"character reference {text} lacks its closing ';'",
                HtmlParseError.CharacterReferenceAttributeEqualsFound => $"character reference {text} in an attribute is followed by '='; write &amp; for a literal '&'",
                _ => $"character reference {text} names a code point HTML forbids (NUL, a surrogate, a control character or one beyond U+10FFFF)",
            };
            return new HtmlProblem(index, HtmlProblemKind.CharacterReference, text, detail);
        }
        if (index + 1 < source.Length && source[index] == '<' && source[index + 1] == '/')
        {
            string name = TagName(source, index + 2);
            string subject = $"</{name}>";
            int at = open.LastIndexOf(name);
            if (at < 0 || code == HtmlParseError.ParagraphNotInScope)
            {
                string why = name == "p" && at >= 0
                    ? "the <p> was already closed where a block element (a list, a heading, a <div>, a table…) started inside it"
                    : $"no <{name}> is open here";
                return new HtmlProblem(index, HtmlProblemKind.StrayEndTag, subject, $"stray end tag {subject}: {why}");
            }
            string inner = open[^1];
            if (inner != name)
                return new HtmlProblem(index, HtmlProblemKind.MisnestedEndTag, subject,
                    $"misnested end tag {subject}: <{inner}>, opened inside <{name}>, is still open; close </{inner}> first");
            return new HtmlProblem(index, HtmlProblemKind.MisnestedEndTag, subject, $"end tag {subject} does not fit here: {Plain(code, message)}");
        }
        if (index + 1 < source.Length && source[index] == '<' && char.IsAsciiLetter(source[index + 1]))
        {
            string name = TagName(source, index + 1);
            string subject = $"<{name}>";
            string? detail = code switch
            {
                HtmlParseError.HeadingNested => $"{subject} inside another heading: headings cannot be nested",
                HtmlParseError.AnchorNested => "<a> inside another <a>: links cannot be nested",
                HtmlParseError.AttributeDuplicateOmitted => $"{subject} has the same attribute twice: browsers keep the first and drop the others",
                HtmlParseError.HtmlTagMisplaced or HtmlParseError.BodyTagMisplaced or HtmlParseError.HeadTagMisplaced or HtmlParseError.FramesetMisplaced =>
                    $"{subject} inside contentHtml: it is a fragment of the page's body, not a document",
                HtmlParseError.TagCannotBeSelfClosed => $"{subject} is written self-closing ('/>') but is not a void element: the browser ignores the '/' and leaves it open",
                _ => null,
            };
            if (detail is not null)
            {
                var kind = code is HtmlParseError.AttributeDuplicateOmitted or HtmlParseError.TagCannotBeSelfClosed ? HtmlProblemKind.Syntax : HtmlProblemKind.MisplacedTag;
                return new HtmlProblem(index, kind, subject, detail);
            }
            return new HtmlProblem(index, HtmlProblemKind.MisplacedTag, subject, $"{subject} is not allowed here: {Plain(code, message)}");
        }
        if (code == HtmlParseError.AmbiguousOpenTag && index > 0 && source[index - 1] == '<') index--;
        if (code == HtmlParseError.AmbiguousOpenTag || source[index] == '<')
            return new HtmlProblem(index, HtmlProblemKind.Syntax, "<", "a '<' that does not start a tag; write &lt; for a literal '<'");
        if (code == HtmlParseError.Null)
            return new HtmlProblem(index, HtmlProblemKind.Syntax, "U+0000", "a NUL character, which HTML replaces with U+FFFD");
        return new HtmlProblem(index, HtmlProblemKind.Syntax, Excerpt(source, index), Plain(code, message));
    }

    /// <summary>AngleSharp's message, lower-cased at its start and without its final period.</summary>
    private static string Plain(HtmlParseError code, string message)
    {
        string text = string.IsNullOrWhiteSpace(message) ? code.ToString() : message.Trim();
        if (text.EndsWith('.')) text = text[..^1];
        return text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..] : text;
    }

    private static string TagName(string source, int start)
    {
        int end = start;
        while (end < source.Length && !IsBlank(source[end]) && source[end] is not ('>' or '/') && end - start < 40) end++;
        return Parsing.Text.Sanitize(source[start..end].ToLowerInvariant());
    }

    private static string Reference(string source, int amp)
    {
        int end = amp + 1;
        while (end < source.Length && end - amp < 32 && (char.IsAsciiLetterOrDigit(source[end]) || source[end] == '#')) end++;
        if (end < source.Length && source[end] == ';') end++;
        return Parsing.Text.Sanitize(source[amp..end]);
    }

    private static string Excerpt(string source, int index)
    {
        int end = Math.Min(source.Length, index + 20);
        return Parsing.Text.Sanitize(source[index..end]);
    }
}
