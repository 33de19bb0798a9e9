using System.Text.Json;
using Lint.Parsing;
using Lint.Rules;

namespace Lint.Corpus;

/// <summary>What kind of cross-file reference a <see cref="CorpusReference"/> is. New kinds are added at the end.</summary>
public enum ReferenceKind : byte
{
    /// <summary>An entry of <c>record.relatedIncidents</c>: the slug of another incident.</summary>
    RelatedIncident = 1,
}

/// <summary>
/// One outgoing reference of a corpus file: a string that names another incident, with where it is.
/// </summary>
/// <param name="Kind">What the reference is.</param>
/// <param name="Value">The referenced slug (the decoded string value).</param>
/// <param name="Pointer">RFC 6901 JSON Pointer of the string node (<c>/record/relatedIncidents/2</c>).</param>
/// <param name="Line">1-based line of the node's start.</param>
/// <param name="Column">1-based column (Unicode code points) of the node's start.</param>
/// <param name="Offset">Byte offset of the node (the opening quote) in the file.</param>
/// <param name="Length">Length in bytes of the node (the JSON string token, quotes included).</param>
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
    /// <summary>The entry of a strictly parsed document.</summary>
    public static CorpusEntry FromDocument(ParsedDocument document)
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
        if (record.TryGetArray("relatedIncidents", out var related))
        {
            int i = 0;
            foreach (var item in related.EnumerateArray())
            {
                int index = i++;
                if (item.ValueKind != JsonValueKind.String) continue;
                string pointer = "/record/relatedIncidents/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (!document.Positions.TryGet(pointer, out var span)) continue;
                var (line, column) = document.Lines.ToLineColumn(span.Start);
                references.Add(new CorpusReference(ReferenceKind.RelatedIncident, item.GetString()!, pointer, line, column, span.Start, span.Length));
            }
        }
        return new CorpusEntry(slug, true, slugLine, slugColumn, references);
    }

    /// <summary>
    /// The entry of a file's bytes: strictly parsed when they are well-formed; otherwise only the slug read from the
    /// start of the file up to the syntax error (so a broken file still takes part in <c>duplicate-slug</c>).
    /// </summary>
    public static CorpusEntry FromBytes(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return FromMemory(bytes);
    }

    /// <summary>As <see cref="FromBytes"/>, for bytes in part of a larger buffer; the entry keeps no reference to them.</summary>
    internal static CorpusEntry FromMemory(ReadOnlyMemory<byte> bytes)
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
        using (document) return FromDocument(document);
    }
}
