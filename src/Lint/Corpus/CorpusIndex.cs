using System.Collections.Concurrent;
using Lint.Parsing;
using Lint.Rules;

namespace Lint.Corpus;

/// <summary>
/// The corpus of one run in memory: the slugs of every incident file (by display path) and, when it was built by the
/// engine, every file's <see cref="CorpusEntry"/> (slug and outgoing references) for the <see cref="IIndexRule"/>s.
/// </summary>
public sealed class CorpusIndex : ICorpus
{
    /// <summary>The folder of the persistent corpus index, beside the configuration (<c>--cache-location</c> moves it).</summary>
    public const string DefaultFolderName = CorpusIndexFile.DirectoryName;

    /// <summary>Suggestions are looked for at most this many distinct unknown slugs per run (each one compares with every slug).</summary>
    public const int MaxSuggestions = 200;

    private readonly Dictionary<string, List<string>> _files = new(StringComparer.Ordinal);
    private readonly List<IndexedFile> _entries = [];
    private readonly Dictionary<string, IndexedFile> _byPath = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string?> _suggestions = new(StringComparer.Ordinal);
    private string[]? _slugs;

    /// <summary>Records that <paramref name="displayPath"/> declares <paramref name="slug"/>.</summary>
    public void Add(string slug, string displayPath)
    {
        if (!_files.TryGetValue(slug, out var list)) _files[slug] = list = [];
        if (!list.Contains(displayPath)) list.Add(displayPath);
    }

    /// <summary>Records a file's index entry (and its slug, if it has one).</summary>
    public void Add(IndexedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        _entries.Add(file);
        _byPath[file.DisplayPath] = file;
        if (file.Entry.Slug is { } slug) Add(slug, file.DisplayPath);
    }

    /// <summary>Sorts the file lists; call once after the last <see cref="Add(string, string)"/>, before rules read the index.</summary>
    public void Seal()
    {
        foreach (var list in _files.Values) list.Sort(StringComparer.Ordinal);
        _entries.Sort((a, b) => string.CompareOrdinal(a.DisplayPath, b.DisplayPath));
        _slugs = _files.Keys.Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Number of distinct slugs.</summary>
    public int Count => _files.Count;

    /// <summary>The files with an index entry, by display path (ordinal).</summary>
    public IReadOnlyList<IndexedFile> Entries => _entries;

    /// <inheritdoc />
    public IReadOnlyList<string> FilesWithSlug(string slug)
    {
        return _files.TryGetValue(slug, out var list) ? list : [];
    }

    /// <inheritdoc />
    public bool Contains(string slug) => _files.ContainsKey(slug);

    /// <inheritdoc />
    public IndexedFile? FileAt(string displayPath) => _byPath.GetValueOrDefault(displayPath);

    /// <inheritdoc />
    public string? ClosestSlug(string slug)
    {
        if (_suggestions.TryGetValue(slug, out var known)) return known;
        if (_suggestions.Count >= MaxSuggestions) return null;
        var slugs = _slugs ?? _files.Keys.Order(StringComparer.Ordinal).ToArray();
        return _suggestions.GetOrAdd(slug, s => Closest(s, slugs));
    }

    /// <summary>
    /// The plausible correction of <paramref name="slug"/> among <paramref name="slugs"/>: the nearest by edit distance
    /// (at most 1 edit per 4 characters, at most 3), else the shortest slug that extends it or that it extends by whole
    /// kebab-case parts (<c>icc-sanctions</c> and <c>icc-sanctions-2025</c>, as after a rename). Ties go to the ordinally first.
    /// </summary>
    internal static string? Closest(string slug, IReadOnlyList<string> slugs)
    {
        int limit = Math.Clamp(slug.Length / 4, 1, 3);
        string? best = null;
        int bestDistance = limit + 1;
        string? extension = null;
        foreach (var candidate in slugs)
        {
            if (candidate == slug) continue;
            if (Math.Abs(candidate.Length - slug.Length) <= limit)
            {
                int d = Distance(slug, candidate, bestDistance - 1);
                if (d < bestDistance) { bestDistance = d; best = candidate; }
            }
            if (IsPartExtension(slug, candidate) || IsPartExtension(candidate, slug))
            {
                if (extension is null || candidate.Length < extension.Length) extension = candidate;
            }
        }
        return best ?? extension;
    }

    private static bool IsPartExtension(string shorter, string longer) =>
        longer.Length > shorter.Length + 1
        && ((longer.StartsWith(shorter, StringComparison.Ordinal) && longer[shorter.Length] == '-')
            || (longer.EndsWith(shorter, StringComparison.Ordinal) && longer[longer.Length - shorter.Length - 1] == '-'));

    /// <summary>Optimal string alignment distance (<see cref="Suggestions.Distance"/>), or more than <paramref name="max"/> once it is certain to exceed it.</summary>
    internal static int Distance(string a, string b, int max) => Suggestions.Distance(a, b, max);
}
