using System.Text.Json;
using Lint.Parsing;
using Lint.Rules;

namespace Lint.Corpus;

/// <summary>What kind of cross-file reference a <see cref="CorpusReference"/> is. New kinds are added at the end.</summary>
public enum ReferenceKind : byte
{
    /// <summary>An entry of <c>record.relatedIncidents</c>: the slug of another incident.</summary>
    RelatedIncident = 1,

    /// <summary>
    /// A link of <c>record.contentHtml</c> to <c>/incident/SLUG</c> or <c>{site}/incident/SLUG</c>
    /// (<see cref="IncidentLinks"/>). Its position is the href value's first character; its <see cref="CorpusReference.Offset"/>
    /// and <see cref="CorpusReference.Length"/> are the bytes of the slug's text in the file (through JSON escapes), or a
    /// length of -1 when the slug is written with HTML character references (a rename then refuses to guess).
    /// </summary>
    ContentLink = 2,
}

/// <summary>
/// One outgoing reference of a corpus file: a string that names another incident, with where it is.
/// </summary>
/// <param name="Kind">What the reference is.</param>
/// <param name="Value">The referenced slug (the decoded string value).</param>
/// <param name="Pointer">RFC 6901 JSON Pointer of the string node (<c>/record/relatedIncidents/2</c>).</param>
/// <param name="Line">1-based line of the node's start.</param>
/// <param name="Column">1-based column (Unicode code points) of the node's start.</param>
/// <param name="Offset">Byte offset of the node (the opening quote) in the file; for a <see cref="ReferenceKind.ContentLink"/>, of the slug's text inside <c>contentHtml</c>.</param>
/// <param name="Length">Length in bytes of the node (the JSON string token, quotes included); for a <see cref="ReferenceKind.ContentLink"/>, of the slug's text, or -1 when that text is not the slug itself.</param>
public sealed record CorpusReference(ReferenceKind Kind, string Value, string Pointer, int Line, int Column, int Offset, int Length);

/// <summary>
/// What the corpus index knows about one file: its slug and its outgoing references, as the strict parse of the
/// file gives them. The same entry is built whether the file was read to be linted or only for the index.
/// </summary>
/// <param name="Slug">The file's <c>record.slug</c>, or null when it has none (or it is not a string).</param>
/// <param name="Parsed">Whether the file is well-formed JSON (a file that is not has no references, and its slug is the one read before the syntax error).</param>
/// <param name="SlugLine">1-based line of the slug's value (1 when there is none).</param>
/// <param name="SlugColumn">1-based column of the slug's value (1 when there is none).</param>
/// <param name="References">The outgoing references, in document order.</param>
public sealed record CorpusEntry(string? Slug, bool Parsed, int SlugLine, int SlugColumn, IReadOnlyList<CorpusReference> References)
{
    /// <summary>The pointer of the slug, one of the <see cref="DuplicatedInputs"/>.</summary>
    public const string SlugPointer = "/record/slug";

    /// <summary>The pointer of the references array, one of the <see cref="DuplicatedInputs"/>.</summary>
    public const string ReferencesPointer = "/record/relatedIncidents";

    /// <summary>The pointer of <c>contentHtml</c>, whose incident links are references too: one of the <see cref="DuplicatedInputs"/>.</summary>
    public const string ContentHtmlPointer = "/record/contentHtml";

    /// <summary>
    /// Which of the values the entry holds (<see cref="SlugPointer"/>, <see cref="ReferencesPointer"/>,
    /// <see cref="ContentHtmlPointer"/>) are ambiguous:
    /// the key, or an object above it, is written twice in the file, so the value recorded is the last of two. Index
    /// rules whose <see cref="Rules.RuleMetadata.Inputs"/> include one stay silent while <c>duplicate-key</c> is on.
    /// </summary>
    public IReadOnlyList<string> DuplicatedInputs { get; init; } = [];

    /// <summary>Whether <c>record.relatedIncidents</c> is an array (so that a file that lacks one, which the schema reports, is not read as listing nothing).</summary>
    public bool HasRelatedList { get; init; }

    /// <summary>The entry of a strictly parsed document.</summary>
    /// <param name="document">The document.</param>
    /// <param name="configuredSite">The configured site: its absolute links count as incident links, beside the record's own <c>site</c>.</param>
    public static CorpusEntry FromDocument(ParsedDocument document, string? configuredSite = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var root = document.Root;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("record", out var record) || record.ValueKind != JsonValueKind.Object)
            return new CorpusEntry(null, true, 1, 1, []);
        string? slug = null;
        int slugLine = 1, slugColumn = 1;
        if (record.TryGetString("slug", out var s))
        {
            slug = s;
            (slugLine, slugColumn) = document.Lines.ToLineColumn(document.OffsetOf("/record/slug"));
        }
        var references = new List<CorpusReference>();
        bool hasRelatedList = false;
        if (record.TryGetArray("relatedIncidents", out var related))
        {
            hasRelatedList = true;
            int i = 0;
            foreach (var item in related.EnumerateArray())
            {
                int index = i++;
                if (item.ValueKind != JsonValueKind.String) continue;
                string pointer = "/record/relatedIncidents/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
                // The item's place straight from the tree (no walk from the root for each item); the map otherwise.
                if (!document.Positions.TryGetItemSpan(item, out var span) && !document.Positions.TryGet(pointer, out span)) continue;
                var (line, column) = document.Lines.ToLineColumn(span.Start);
                references.Add(new CorpusReference(ReferenceKind.RelatedIncident, item.GetString()!, pointer, line, column, span.Start, span.Length));
            }
        }
        List<string>? duplicated = null;
        foreach (var input in (ReadOnlySpan<string>)[SlugPointer, ReferencesPointer, ContentHtmlPointer])
        {
            foreach (var d in document.DuplicateKeys)
            {
                if (!JsonPointer.IsAtOrAbove(d.Pointer, input)) continue;
                (duplicated ??= []).Add(input);
                break;
            }
        }
        AddContentLinks(document, root, configuredSite, references);
        return new CorpusEntry(slug, true, slugLine, slugColumn, references) { DuplicatedInputs = duplicated ?? (IReadOnlyList<string>)[], HasRelatedList = hasRelatedList };
    }

    /// <summary>The incident links of <c>contentHtml</c> (when it is a string), as references in document order.</summary>
    private static void AddContentLinks(ParsedDocument document, JsonElement root, string? configuredSite, List<CorpusReference> references)
    {
        const string pointer = ContentHtmlPointer;
        // The string the HTML parse reads too (decoded once per file).
        if (document.ContentHtmlText is not { } html || !html.Contains("/incident/", StringComparison.Ordinal)
            || !document.Positions.TryGet(pointer, out _)) return;
        string? site = root.TryGetString("site", out var s) ? s : null;
        var links = IncidentLinks.Find(html, IncidentLinks.Hrefs(document, html), [site, configuredSite]);
        if (links.Count == 0) return;
        foreach (var link in links)
        {
            var (line, column) = document.Lines.ToLineColumn(document.OffsetInString(pointer, link.ValueIndex));
            int offset = document.OffsetInString(pointer, link.SlugIndex);
            int length = link.Literal ? document.OffsetInString(pointer, link.SlugIndex + link.SlugLength) - offset : -1;
            references.Add(new CorpusReference(ReferenceKind.ContentLink, link.Slug, pointer, line, column, offset, length));
        }
    }

    /// <summary>
    /// The entry of a file's bytes: strictly parsed when they are well-formed; otherwise only the slug read from the
    /// start of the file up to the syntax error (so a broken file still takes part in <c>duplicate-slug</c>).
    /// </summary>
    /// <param name="bytes">The file's bytes.</param>
    /// <param name="configuredSite">The configured site (see <see cref="FromDocument"/>).</param>
    public static CorpusEntry FromBytes(byte[] bytes, string? configuredSite = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return FromMemory(bytes, configuredSite);
    }

    /// <summary>As <see cref="FromBytes"/>, for bytes in part of a larger buffer; the entry keeps no reference to them.</summary>
    internal static CorpusEntry FromMemory(ReadOnlyMemory<byte> bytes, string? configuredSite = null)
    {
        ParsedDocument? document;
        try
        {
            (document, _, _) = StrictJsonParser.Parse(bytes);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            document = null;
        }
        if (document is null) return new CorpusEntry(SlugScanner.ReadSlug(bytes.Span), false, 1, 1, []);
        using (document) return FromDocument(document, configuredSite);
    }
}
