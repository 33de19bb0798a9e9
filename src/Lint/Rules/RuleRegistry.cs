namespace Lint.Rules;

/// <summary>The explicit list of built-in rules, in catalog order.</summary>
public static class RuleRegistry
{
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
    ];
}
