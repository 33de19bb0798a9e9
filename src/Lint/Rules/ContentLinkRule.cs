using Lint.Corpus;
using Lint.Parsing;

namespace Lint.Rules;

/// <summary>
/// <c>content-link</c>: a link in <c>contentHtml</c> to <c>/incident/SLUG</c> or <c>{site}/incident/SLUG</c> names no
/// incident of the corpus. The links are references of the corpus index, beside <c>relatedIncidents</c>, so the rule is
/// decided for every file of the corpus on every run: a rename or a deletion that breaks a link is reported in the file
/// that holds it (a pre-commit hook blocks it), and <c>lint rename</c> rewrites the links too.
/// </summary>
public sealed class ContentLinkRule : IIndexRule
{
    /// <summary>The link names no incident.</summary>
    public static RuleMessage UnknownIncident { get; } = new("unknown-incident", "the link names incident {{slug}}, which does not exist in the corpus");

    /// <summary>The link names no incident, and an existing one is a plausible correction (a typo, a rename).</summary>
    public static RuleMessage UnknownIncidentWithSuggestion { get; } = new("unknown-incident-suggestion", "the link names incident {{slug}}, which does not exist in the corpus; did you mean {{suggestion}}?");

    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new("content-link", "A contentHtml link to /incident/SLUG (or {site}/incident/SLUG) names no incident of the corpus.", Severity.Error, FixAvailability.Never)
    {
        Messages = [UnknownIncident, UnknownIncidentWithSuggestion],
        Inputs = ["/record/contentHtml"],
    };

    /// <inheritdoc />
    public void Check(IndexContext context)
    {
        var entry = context.Entry;
        if (!entry.Parsed) return;
        foreach (var reference in entry.References)
        {
            if (reference.Kind != ReferenceKind.ContentLink || context.Corpus.Contains(reference.Value)) continue;
            var slug = Text.Quote(reference.Value, 120);
            var message = context.Corpus.ClosestSlug(reference.Value) is { } closest
                ? UnknownIncidentWithSuggestion.With(("slug", slug), ("suggestion", Text.Quote(closest)))
                : UnknownIncident.With(("slug", slug));
            context.Report(reference.Pointer, reference.Line, reference.Column, message);
        }
    }
}
