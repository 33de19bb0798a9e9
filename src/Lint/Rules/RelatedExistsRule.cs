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
    public RuleMetadata Metadata { get; } = new("related-exists", "A relatedIncidents entry names no incident of the corpus.", Severity.Error, FixAvailability.Never);

    /// <inheritdoc />
    public void Check(IndexContext context)
    {
        var entry = context.Entry;
        if (!entry.Parsed) return;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reference in entry.References)
        {
            if (reference.Kind != ReferenceKind.RelatedIncident) continue;
            var slug = reference.Value;
            // Malformed slugs belong to schema, self-references to related-self, repeats to related-duplicate (while
            // those rules are on).
            if (!RecordFields.IsKebabCase(slug)) continue;
            if (slug == entry.Slug && context.IsRuleEnabled("related-self")) continue;
            if (!seen.Add(slug) && context.IsRuleEnabled("related-duplicate")) continue;
            if (context.Corpus.Contains(slug)) continue;
            var message = $"related incident {Text.Quote(slug)} does not exist in the corpus";
            if (context.Corpus.ClosestSlug(slug) is { } closest && closest != entry.Slug) message += $"; did you mean {Text.Quote(closest)}?";
            context.Report(reference.Pointer, reference.Line, reference.Column, message);
        }
    }
}
