using Lint.Parsing;

namespace Lint.Rules;

/// <summary><c>related-exists</c>: a <c>relatedIncidents</c> entry names no incident of the corpus.</summary>
public sealed class RelatedExistsRule : ICorpusRule
{
    /// <summary>No incident of the corpus has the slug.</summary>
    public static RuleMessage UnknownSlug { get; } = new("unknown-slug", "related incident {{slug}} does not exist in the corpus");

    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new("related-exists", "A relatedIncidents entry names no incident of the corpus.", Severity.Error, FixAvailability.Never) { Messages = [UnknownSlug] };

    /// <inheritdoc />
    public void Check(FileContext context, ICorpus corpus)
    {
        if (context.Record is not { } record || !record.TryGetArray("relatedIncidents", out var related)) return;
        record.TryGetString("slug", out var own);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int i = 0;
        foreach (var item in related.EnumerateArray())
        {
            int index = i++;
            if (item.ValueKind != System.Text.Json.JsonValueKind.String) continue;
            var slug = item.GetString()!;
            // Malformed slugs belong to schema, self-references to related-self, repeats to related-duplicate (while
            // those rules are on).
            if (!RecordFields.IsKebabCase(slug)) continue;
            if (slug == own && context.IsRuleEnabled("related-self")) continue;
            if (!seen.Add(slug) && context.IsRuleEnabled("related-duplicate")) continue;
            if (!corpus.Contains(slug))
                context.Report($"/record/relatedIncidents/{index}", UnknownSlug.With(("slug", Text.Quote(slug))));
        }
    }
}
