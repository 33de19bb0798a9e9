using Lint.Parsing;

namespace Lint.Rules;

/// <summary>
/// <c>duplicate-slug</c>: two files of the corpus declare the same slug. Reported on each, naming the other; decided
/// from the corpus index for every file of the corpus.
/// </summary>
public sealed class DuplicateSlugRule : IIndexRule
{
    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new("duplicate-slug", "Two files of the corpus declare the same slug.", Severity.Error, Fixable: false);

    /// <inheritdoc />
    public void Check(IndexedFile file, ICorpus corpus, ICollection<IndexFinding> findings)
    {
        // A file whose slug does not match its own name is slug-filename's finding (typically a copy that was not
        // re-slugged); it neither gets nor causes a duplicate-slug finding, so one defect gives one finding.
        var entry = file.Entry;
        if (!entry.Parsed || entry.Slug is not { } slug || !RecordFields.IsKebabCase(slug) || slug != file.FileStem) return;
        var others = corpus.FilesWithSlug(slug)
            .Where(f => f != file.DisplayPath && Path.GetFileNameWithoutExtension(f) == slug)
            .ToList();
        if (others.Count == 0) return;
        findings.Add(new IndexFinding("/record/slug", entry.SlugLine, entry.SlugColumn, $"slug {Text.Quote(slug)} is also declared by {string.Join(", ", others)}"));
    }
}
