using Lint.Rules;

namespace Lint.Corpus;

/// <summary>The slugs of every incident file of the corpus, by display path.</summary>
public sealed class CorpusIndex : ICorpus
{
    private readonly Dictionary<string, List<string>> _files = new(StringComparer.Ordinal);

    /// <summary>Records that <paramref name="displayPath"/> declares <paramref name="slug"/>.</summary>
    public void Add(string slug, string displayPath)
    {
        if (!_files.TryGetValue(slug, out var list)) _files[slug] = list = [];
        if (!list.Contains(displayPath)) list.Add(displayPath);
    }

    /// <summary>Sorts the file lists; call once after the last <see cref="Add"/>, before rules read the index.</summary>
    public void Seal()
    {
        foreach (var list in _files.Values) list.Sort(StringComparer.Ordinal);
    }

    /// <summary>Number of distinct slugs.</summary>
    public int Count => _files.Count;

    /// <inheritdoc />
    public IReadOnlyList<string> FilesWithSlug(string slug)
    {
        return _files.TryGetValue(slug, out var list) ? list : [];
    }

    /// <inheritdoc />
    public bool Contains(string slug) => _files.ContainsKey(slug);
}
