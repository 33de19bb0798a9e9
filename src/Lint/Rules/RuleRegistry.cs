namespace Lint.Rules;

/// <summary>The explicit list of built-in rules, in catalog order.</summary>
public static class RuleRegistry
{
    /// <summary>
    /// The message for a rule id that is not registered: <c>unknown rule 'x'</c>, with "did you mean" when a known id
    /// (<paramref name="knownIds"/>, default the built-in rules) is a plausible typo, else a pointer to <c>lint rules</c>.
    /// </summary>
    public static string UnknownRuleMessage(string ruleId, IEnumerable<string>? knownIds = null)
    {
        var suggestion = Parsing.Suggestions.Closest(ruleId, knownIds ?? BuiltIn.Select(r => r.Metadata.Id));
        return $"unknown rule '{Parsing.Text.Sanitize(ruleId)}'" + (suggestion is null ? "; run 'lint rules' to list them" : $"; did you mean '{suggestion}'?");
    }

    /// <summary>Every built-in rule.</summary>
    public static IReadOnlyList<ILintRule> BuiltIn { get; } =
    [
        new InvalidJsonRule(),
        new DuplicateKeyRule(),
        new SchemaRule(),
        new SourceCountRule(),
        new DocumentCountRule(),
        new UpdateCountRule(),
        new SlugFilenameRule(),
        new UrlSlugRule(),
        new DuplicateSlugRule(),
        new RelatedExistsRule(),
        new RelatedSelfRule(),
        new RelatedDuplicateRule(),
        new DateOrderRule(),
        new TimelineOrderRule(),
        new DisplayDateRule(),
        new CitationFormatRule(),
        new TaxonomyLabelRule(),
        new DuplicateSourceRule(),
        new DuplicateTagRule(),
        new FileTooLargeRule(),
        new ContentHtmlRule(),
        new ContentUnsafeRule(),
        new HeadingIdRule(),
        new ContentLinkRule(),
        new StaleLastUpdatedRule(),
        new RelatedReciprocalRule(),
    ];
}
