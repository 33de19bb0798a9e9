using Lint.Corpus;
using Lint.Parsing;

namespace Lint.Rules;

/// <summary>
/// <c>related-exists</c>: a <c>relatedIncidents</c> entry names no incident of the corpus. Decided from the corpus index
/// for every file of the corpus, so a rename or deletion is reported in each file that still names the old slug, with
/// the closest existing slug when one is plausible.
/// </summary>
public sealed class RelatedExistsRule : IIndexRule
{
    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new("related-exists", "A relatedIncidents entry names no incident of the corpus.", Severity.Error, Fixable: false);

    /// <inheritdoc />
    public void Check(IndexedFile file, ICorpus corpus, ICollection<IndexFinding> findings)
    {
        var entry = file.Entry;
        if (!entry.Parsed) return;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reference in entry.References)
        {
            if (reference.Kind != ReferenceKind.RelatedIncident) continue;
            var slug = reference.Value;
            // Malformed slugs belong to schema, self-references to related-self, repeats to related-duplicate.
            if (!RecordFields.IsKebabCase(slug) || slug == entry.Slug || !seen.Add(slug)) continue;
            if (corpus.Contains(slug)) continue;
            var message = $"related incident {Text.Quote(slug)} does not exist in the corpus";
            if (corpus.ClosestSlug(slug) is { } closest && closest != entry.Slug) message += $"; did you mean {Text.Quote(closest)}?";
            findings.Add(new IndexFinding(reference.Pointer, reference.Line, reference.Column, message));
        }
    }
}
