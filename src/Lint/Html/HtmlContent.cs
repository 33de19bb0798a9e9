using Lint.Parsing;

namespace Lint.Html;

/// <summary>
/// One attribute of a start tag as written in <c>contentHtml</c>. Indexes are UTF-16 units of the decoded
/// <c>contentHtml</c> string (see <see cref="HtmlContent.FileOffsetOf"/> to place them in the file).
/// </summary>
/// <param name="Name">The name, lower-cased (HTML attribute names are case-insensitive).</param>
/// <param name="Value">The value with character references decoded (<c>javascript&amp;#58;</c> reads <c>javascript:</c>); empty for an attribute without value.</param>
/// <param name="Index">Where the name starts.</param>
/// <param name="ValueIndex">Where the value starts as written (after its opening quote); the end of the name when there is no value.</param>
/// <param name="ValueLength">Length of the value as written (before decoding, quotes excluded); 0 when there is none.</param>
public sealed record HtmlAttribute(string Name, string Value, int Index, int ValueIndex, int ValueLength);

/// <summary>An element of <c>contentHtml</c>, as its start tag is written, in source order.</summary>
public sealed class HtmlElement
{
    internal HtmlElement(string name, int index, IReadOnlyList<HtmlAttribute> attributes)
    {
        Name = name;
        Index = index;
        Attributes = attributes;
    }

    /// <summary>The tag name, lower-cased (<c>h2</c>, <c>a</c>).</summary>
    public string Name { get; }

    /// <summary>Index of the start tag's <c>&lt;</c>.</summary>
    public int Index { get; }

    /// <summary>The attributes in source order (a repeated attribute is kept once, as browsers do: the first).</summary>
    public IReadOnlyList<HtmlAttribute> Attributes { get; }

    /// <summary>
    /// The element it is inside, as the HTML5 parser builds the tree (null at the top level, and for a tag the parser
    /// drops, such as a second <c>&lt;body&gt;</c>).
    /// </summary>
    public HtmlElement? Parent { get; internal set; }

    /// <summary>The text inside the element, character references decoded (filled for headings only: <see cref="HeadingLevel"/> &gt; 0).</summary>
    public string? Text { get; internal set; }

    /// <summary>1 to 6 for <c>h1</c>…<c>h6</c>, else 0.</summary>
    public int HeadingLevel => Name.Length == 2 && Name[0] == 'h' && Name[1] is >= '1' and <= '6' ? Name[1] - '0' : 0;

    /// <summary>The attribute <paramref name="name"/> (lower-case), or null.</summary>
    public HtmlAttribute? Attribute(string name)
    {
        // Indexed, not foreach: enumerating the interface would allocate an enumerator per call, and rules ask for every element.
        var attributes = Attributes;
        for (int i = 0; i < attributes.Count; i++)
            if (attributes[i].Name == name) return attributes[i];
        return null;
    }

    /// <inheritdoc />
    public override string ToString() => $"<{Name}> at {Index}";
}

/// <summary>A URL-valued attribute of an element (<c>href</c>, <c>src</c>, …): a link of <c>contentHtml</c>.</summary>
/// <param name="Element">The element that holds it.</param>
/// <param name="Attribute">The attribute; its <see cref="HtmlAttribute.Value"/> is the URL, decoded.</param>
public sealed record HtmlLink(HtmlElement Element, HtmlAttribute Attribute)
{
    /// <summary>The URL, character references decoded.</summary>
    public string Url => Attribute.Value;

    /// <summary>Where the value starts as written.</summary>
    public int Index => Attribute.ValueIndex;
}

/// <summary>What kind of HTML parse error a <see cref="HtmlProblem"/> is.</summary>
public enum HtmlProblemKind
{
    /// <summary>An end tag with no such element open.</summary>
    StrayEndTag,

    /// <summary>An end tag that closes an element while elements opened inside it are still open.</summary>
    MisnestedEndTag,

    /// <summary>An element still open at the end of <c>contentHtml</c> (whose end tag HTML does not allow to omit).</summary>
    Unclosed,

    /// <summary>A start tag where HTML does not allow it (a heading inside a heading, a link inside a link, <c>&lt;body&gt;</c>…).</summary>
    MisplacedTag,

    /// <summary>A character reference that is unknown, unterminated or names a forbidden code point.</summary>
    CharacterReference,

    /// <summary>Anything else the tokenizer rejects (a stray <c>&lt;</c>, a repeated attribute, a NUL character, an unfinished tag…).</summary>
    Syntax,
}

/// <summary>One HTML5 parse error of <c>contentHtml</c>, in plain words.</summary>
/// <param name="Index">Where it is (UTF-16 index in the decoded string).</param>
/// <param name="Kind">What kind of error.</param>
/// <param name="Subject">The text it is about, as written (<c>&lt;/em&gt;</c>, <c>&amp;nosuch;</c>, <c>&lt;ul&gt;</c>).</param>
/// <param name="Detail">The plain-words explanation.</param>
public sealed record HtmlProblem(int Index, HtmlProblemKind Kind, string Subject, string Detail);

/// <summary>
/// <c>record.contentHtml</c> parsed once per file, by a real HTML5 parser (AngleSharp) or, for plain markup, by a
/// pre-scan that proves the same result (see <c>docs/html.md</c>): its elements and attributes with positions, its
/// parse errors, its headings and links. Every content rule reads it through <c>FileContext.ContentHtml</c>; it is
/// built on first use, so a file whose content rules are all off never parses its HTML.
/// </summary>
public sealed class HtmlContent
{
    /// <summary>The JSON Pointer of the string this is parsed from.</summary>
    public const string Pointer = "/record/contentHtml";

    /// <summary>Attributes whose value is a URL (for <see cref="Links"/>).</summary>
    public static IReadOnlySet<string> UrlAttributes { get; } = new HashSet<string>(StringComparer.Ordinal)
        { "href", "src", "action", "formaction", "cite", "poster", "data", "background", "longdesc", "xlink:href" };

    private readonly ParsedDocument? _document;
    private List<HtmlLink>? _links;

    internal HtmlContent(string source, IReadOnlyList<HtmlElement> elements, IReadOnlyList<HtmlProblem> problems, bool fullParse,
        ParsedDocument? document)
    {
        Source = source;
        Elements = elements;
        Problems = problems;
        UsedFullParser = fullParse;
        _document = document;
    }

    /// <summary>The decoded <c>contentHtml</c> string.</summary>
    public string Source { get; }

    /// <summary>Every element, in source order of its start tag.</summary>
    public IReadOnlyList<HtmlElement> Elements { get; }

    /// <summary>The HTML5 parse errors, in source order (empty for well-formed HTML).</summary>
    public IReadOnlyList<HtmlProblem> Problems { get; }

    /// <summary>Whether the full HTML5 parser ran (false when the pre-scan proved the markup plain and well formed).</summary>
    public bool UsedFullParser { get; }

    /// <summary>The headings (<c>h1</c>…<c>h6</c>) in source order, with their <see cref="HtmlElement.Text"/>.</summary>
    public IEnumerable<HtmlElement> Headings => Elements.Where(e => e.HeadingLevel > 0);

    /// <summary>Every URL-valued attribute (<see cref="UrlAttributes"/>: <c>href</c>, <c>src</c>, <c>action</c>…) in source order.</summary>
    public IReadOnlyList<HtmlLink> Links
    {
        get
        {
            if (_links is not null) return _links;
            var links = new List<HtmlLink>();
            foreach (var e in Elements)
                foreach (var a in e.Attributes)
                    if (UrlAttributes.Contains(a.Name)) links.Add(new HtmlLink(e, a));
            return _links = links;
        }
    }

    /// <summary>The byte offset in the file of the decoded unit at <paramref name="index"/> (through JSON escapes); the index itself when parsed from a bare string.</summary>
    public int FileOffsetOf(int index) => _document is null ? index : _document.OffsetInString(Pointer, index);

    /// <summary>1-based line and column (code points) in the file of the decoded unit at <paramref name="index"/>.</summary>
    public (int Line, int Column) LineColumnOf(int index) =>
        _document is null ? (1, index + 1) : _document.Lines.ToLineColumn(FileOffsetOf(index));

    /// <summary>
    /// The byte span in the file of <paramref name="length"/> decoded units from <paramref name="index"/> (to replace a link's
    /// value, say): from the first unit's escape or character to the start of the unit after the last.
    /// </summary>
    public (int Offset, int Length) FileSpanOf(int index, int length)
    {
        int start = FileOffsetOf(index);
        return (start, FileOffsetOf(index + length) - start);
    }

    /// <summary>Parses an HTML fragment that is not in a file (positions are its own indexes).</summary>
    public static HtmlContent Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Build(source, null);
    }

    /// <summary>
    /// <c>record.contentHtml</c> of <paramref name="document"/> parsed, or null when it is missing or not a string (the
    /// <c>schema</c> rule's finding). Cached on the document: the HTML of a file is parsed once, whoever asks.
    /// </summary>
    public static HtmlContent? Of(ParsedDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.ContentHtml;
    }

    internal static HtmlContent? FromDocument(ParsedDocument document)
    {
        if (document.ContentHtmlText is not { } html) return null;
        return Build(html, document);
    }

    private static HtmlContent Build(string source, ParsedDocument? document)
    {
        if (SimpleHtmlScanner.TryScan(source, out var elements))
            return new HtmlContent(source, elements, [], false, document);
        var (all, problems) = HtmlTreeParser.Parse(source);
        return new HtmlContent(source, all, problems, true, document);
    }
}
