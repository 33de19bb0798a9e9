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
    /// <summary>No incident of the corpus has the slug.</summary>
    public static RuleMessage UnknownSlug { get; } = new("unknown-slug", "related incident {{slug}} does not exist in the corpus");

    /// <summary>No incident of the corpus has the slug, and an existing one is a plausible correction (a typo, a rename).</summary>
    public static RuleMessage UnknownSlugWithSuggestion { get; } = new("unknown-slug-suggestion", "related incident {{slug}} does not exist in the corpus; did you mean {{suggestion}}?");

    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new("related-exists", "A relatedIncidents entry names no incident of the corpus.", Severity.Error, FixAvailability.Never) { Messages = [UnknownSlug, UnknownSlugWithSuggestion], Inputs = ["/record/relatedIncidents/*"] };

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
            var message = context.Corpus.ClosestSlug(slug) is { } closest && closest != entry.Slug
                ? UnknownSlugWithSuggestion.With(("slug", Text.Quote(slug)), ("suggestion", Text.Quote(closest)))
                : UnknownSlug.With(("slug", Text.Quote(slug)));
            context.Report(reference.Pointer, reference.Line, reference.Column, message);
        }
    }
}
