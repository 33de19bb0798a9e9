using System.Text;
using System.Text.Json;
using Lint.Corpus;
using Lint.Parsing;

namespace Lint.Rules;

/// <summary>
/// <c>related-reciprocal</c> (off by default): incident A lists B in <c>relatedIncidents</c>, but B does not list A.
/// Decided from the corpus index like <c>related-exists</c>, and reported in A at its entry naming B. The fix is a
/// cross-file one: it appends A's slug to B's list, keeping B's layout (indentation, line endings, the separator its
/// list already uses), and only <c>--fix</c> writes it.
/// </summary>
public sealed class RelatedReciprocalRule : IIndexRule
{
    /// <summary>B does not list A.</summary>
    public static RuleMessage NotReciprocal { get; } = new("not-reciprocal", "related incident {{slug}} does not list this incident ({{own}}) back in its relatedIncidents");

    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new("related-reciprocal", "An incident lists another as related, but that one does not list it back.", Severity.Warning, FixAvailability.Always)
    {
        Messages = [NotReciprocal],
        Inputs = [CorpusEntry.SlugPointer, CorpusEntry.ReferencesPointer],
        EnabledByDefault = false,
    };

    /// <inheritdoc />
    public void Check(IndexContext context)
    {
        var entry = context.Entry;
        // An incident without a valid, unique slug has nothing others could list (schema, slug-filename and
        // duplicate-slug own those defects).
        if (!entry.Parsed || entry.Slug is not { } own || !RecordFields.IsKebabCase(own) || context.Corpus.FilesWithSlug(own).Count != 1) return;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reference in entry.References)
        {
            if (reference.Kind != ReferenceKind.RelatedIncident) continue;
            var slug = reference.Value;
            // Malformed, self, repeated, unknown or ambiguous slugs belong to schema, related-self, related-duplicate,
            // related-exists and duplicate-slug.
            if (!RecordFields.IsKebabCase(slug) || slug == own || !seen.Add(slug)) continue;
            var files = context.Corpus.FilesWithSlug(slug);
            if (files.Count != 1 || context.Corpus.FileAt(files[0]) is not { } other) continue;
            // The other side must be readable as an incident with a relatedIncidents array (else schema reports it there).
            if (!other.Entry.Parsed || !other.Entry.HasRelatedList) continue;
            if (other.Entry.References.Any(r => r.Kind == ReferenceKind.RelatedIncident && r.Value == own)) continue;
            var fix = Fix.CrossFile($"add {Text.Quote(own)} to the relatedIncidents of {other.DisplayPath}",
                new FixTarget(other.FullPath, other.DisplayPath, document => PlanAppend(document, own)));
            context.Report(reference.Pointer, reference.Line, reference.Column,
                NotReciprocal.With(("slug", Text.Quote(slug)), ("own", Text.Quote(own))), fix);
        }
    }

    /// <summary>
    /// The edit that appends <paramref name="slug"/> to <c>record.relatedIncidents</c> of <paramref name="document"/>,
    /// in the list's own layout: after the last item with the separator between the last two items (or, for a single
    /// item, a comma and the whitespace before it); an empty list gets one item on its own line, indented one level
    /// more than the line of its key, with the file's line ending (or <c>["slug"]</c> in a file without line breaks).
    /// No edit when the list already holds the slug; a refusal when the list is not there or not unambiguous.
    /// </summary>
    public static CrossFilePlan PlanAppend(ParsedDocument document, string slug)
    {
        ArgumentNullException.ThrowIfNull(document);
        const string list = "/record/relatedIncidents";
        if (document.DuplicateKeys.Any(d => d.Pointer is "/record" or list))
            return CrossFilePlan.Refuse("its record or relatedIncidents is written twice (duplicate-key), so which list to change is ambiguous");
        var root = document.Root;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("record", out var record) || record.ValueKind != JsonValueKind.Object
            || !record.TryGetArray("relatedIncidents", out var related) || !document.Positions.TryGet(list, out var array))
            return CrossFilePlan.Refuse("it has no relatedIncidents array");
        int count = 0;
        foreach (var item in related.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && item.GetString() == slug) return new CrossFilePlan([]);
            count++;
        }
        var bytes = document.Bytes;
        string value = FileContext.EncodeString(slug);
        if (count > 0)
        {
            if (!document.Positions.TryGet(JsonPointer.Append(list, count - 1), out var last)) return CrossFilePlan.Refuse("its relatedIncidents could not be located");
            string separator;
            if (count > 1 && document.Positions.TryGet(JsonPointer.Append(list, count - 2), out var previous))
                separator = Encoding.UTF8.GetString(bytes, previous.End, last.Start - previous.End);
            else
            {
                var leading = Encoding.UTF8.GetString(bytes, array.Start + 1, last.Start - array.Start - 1);
                separator = "," + (leading.Length > 0 ? leading : (bytes.AsSpan().IndexOf((byte)'\n') >= 0 ? " " : ""));
            }
            return new CrossFilePlan([new TextEdit(last.End, 0, separator + value)]);
        }
        // An empty list: [] (or with whitespace inside) becomes one item on its own line.
        int newline = bytes.AsSpan().IndexOf((byte)'\n');
        if (newline < 0) return new CrossFilePlan([new TextEdit(array.Start, array.Length, "[" + value + "]")]);
        string eol = newline > 0 && bytes[newline - 1] == (byte)'\r' ? "\r\n" : "\n";
        string keyIndent = IndentOfLine(bytes, array.KeyStart);
        string unit = IndentUnit(bytes, document.Positions.TryGet("/record", out var recordSpan) ? recordSpan.KeyStart : -1);
        return new CrossFilePlan([new TextEdit(array.Start, array.Length, "[" + eol + keyIndent + unit + value + eol + keyIndent + "]")]);
    }

    /// <summary>The spaces and tabs at the start of the line holding <paramref name="offset"/>.</summary>
    private static string IndentOfLine(byte[] bytes, int offset)
    {
        int start = offset;
        while (start > 0 && bytes[start - 1] != (byte)'\n') start--;
        int end = start;
        while (end < bytes.Length && bytes[end] is (byte)' ' or (byte)'\t') end++;
        return Encoding.ASCII.GetString(bytes, start, end - start);
    }

    /// <summary>One level of indentation: that of the line of <c>"record"</c> (a top-level key), else two spaces.</summary>
    private static string IndentUnit(byte[] bytes, int recordKey)
    {
        var indent = recordKey >= 0 ? IndentOfLine(bytes, recordKey) : "";
        return indent.Length > 0 ? indent : "  ";
    }
}
