using Lint.Parsing;

namespace Lint.Rules;

/// <summary><c>duplicate-slug</c>: two files of the corpus declare the same slug. Reported on each, naming the other.</summary>
public sealed class DuplicateSlugRule : ICorpusRule
{
    /// <summary>Another file declares the same slug.</summary>
    public static RuleMessage DuplicateSlug { get; } = new("duplicate-slug", "slug {{slug}} is also declared by {{others}}");

    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new("duplicate-slug", "Two files of the corpus declare the same slug.", Severity.Error, FixAvailability.Never) { Messages = [DuplicateSlug] };

    /// <inheritdoc />
    public void Check(FileContext context, ICorpus corpus)
    {
        // A file whose slug does not match its own name is slug-filename's finding (typically a copy that was not
        // re-slugged); while slug-filename is on for it, it neither gets nor causes a duplicate-slug finding, so one
        // defect gives one finding.
        if (!RecordFacts.TrustedSlug(context, out var slug)) return;
        var others = corpus.FilesWithSlug(slug)
            .Where(f => f != context.DisplayPath
                && (Path.GetFileNameWithoutExtension(f) == slug || !context.IsRuleEnabledFor(RecordFacts.SlugMatchesFile.OwnerRuleId, f)))
            .ToList();
        if (others.Count == 0) return;
        context.Report("/record/slug", DuplicateSlug.With(("slug", Text.Quote(slug)), ("others", string.Join(", ", others))));
    }
}
