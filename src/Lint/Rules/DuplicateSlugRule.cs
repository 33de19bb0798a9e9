using Lint.Parsing;

namespace Lint.Rules;

/// <summary><c>duplicate-slug</c>: two files of the corpus declare the same slug. Reported on each, naming the other.</summary>
public sealed class DuplicateSlugRule : ICorpusRule
{
    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new("duplicate-slug", "Two files of the corpus declare the same slug.", Severity.Error, Fixable: false);

    /// <inheritdoc />
    public void Check(FileContext context, ICorpus corpus)
    {
        if (context.Record is not { } record || !record.TryGetString("slug", out var slug) || !RecordFields.IsKebabCase(slug)) return;
        var others = corpus.FilesWithSlug(slug).Where(f => f != context.DisplayPath).ToList();
        if (others.Count == 0) return;
        context.Report("/record/slug", $"slug {Text.Quote(slug)} is also declared by {string.Join(", ", others)}");
    }
}
