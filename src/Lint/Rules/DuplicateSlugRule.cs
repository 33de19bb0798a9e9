using Lint.Parsing;

namespace Lint.Rules;

/// <summary>
/// <c>duplicate-slug</c>: two files of the corpus declare the same slug. Reported on each, naming the other; decided
/// from the corpus index for every file of the corpus.
/// </summary>
public sealed class DuplicateSlugRule : IIndexRule
{
    /// <summary>Another file declares the same slug.</summary>
    public static RuleMessage DuplicateSlug { get; } = new("duplicate-slug", "slug {{slug}} is also declared by {{others}}");

    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new("duplicate-slug", "Two files of the corpus declare the same slug.", Severity.Error, FixAvailability.Never) { Messages = [DuplicateSlug], Inputs = ["/record/slug"] };

    /// <inheritdoc />
    public void Check(IndexContext context)
    {
        // A file whose slug does not match its own name is slug-filename's finding (typically a copy that was not
        // re-slugged); while slug-filename is on for it, it neither gets nor causes a duplicate-slug finding, so one
        // defect gives one finding. (The fact is the one RecordFacts.SlugMatchesFile states, read from the index.)
        var owner = RecordFacts.SlugMatchesFile.OwnerRuleId;
        var entry = context.Entry;
        if (!entry.Parsed || entry.Slug is not { } slug || !RecordFields.IsKebabCase(slug)) return;
        if (slug != context.File.FileStem && context.IsRuleEnabled(owner)) return;
        var others = context.Corpus.FilesWithSlug(slug)
            .Where(f => f != context.File.DisplayPath
                && (Path.GetFileNameWithoutExtension(f) == slug || !context.IsRuleEnabledFor(owner, f)))
            .ToList();
        if (others.Count == 0) return;
        context.Report("/record/slug", entry.SlugLine, entry.SlugColumn, DuplicateSlug.With(("slug", Text.Quote(slug)), ("others", string.Join(", ", others))));
    }
}
