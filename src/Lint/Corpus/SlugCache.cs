using System.Globalization;
using System.Text;

namespace Lint.Corpus;

/// <summary>
/// A cache of the corpus slug index (<c>--cache</c>): for each corpus file, its size, modification time and slug,
/// so that a run that lints a few files (a pre-commit hook) replaces opening every corpus file by one <c>stat</c>
/// per file. An entry is used only while the file's size and modification time (100 ns ticks) are unchanged; a
/// missing, unreadable, foreign or corrupt cache is ignored and rebuilt. Writes are atomic, and a cache that cannot
/// be written is skipped: it only ever saves time, it never changes a finding.
/// </summary>
internal sealed class SlugCache
{
    /// <summary>The cache file's name, in the configuration's folder.</summary>
    public const string FileName = ".lintcache";

    private const string Header = "lint slug cache v1";
    private readonly string _path;
    private readonly string _baseDirectory;
    private readonly Dictionary<string, (long Length, long Ticks, string? Slug)> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Length, long Ticks, string? Slug)> _seen = new(StringComparer.Ordinal);
    private bool _changed;

    private SlugCache(string baseDirectory)
    {
        _baseDirectory = baseDirectory;
        _path = Path.Combine(baseDirectory, FileName);
    }

    /// <summary>Loads the cache of the project at <paramref name="baseDirectory"/> (empty when there is none or it is unusable).</summary>
    public static SlugCache Load(string baseDirectory) => Load(baseDirectory, Config.LintLimits.Default.CacheSize);

    /// <summary>
    /// Loads the cache of the project at <paramref name="baseDirectory"/>: a regular file of at most
    /// <paramref name="maxSize"/> bytes inside the project (never through a link that leads out of it); anything else
    /// is ignored, and the cache is rebuilt.
    /// </summary>
    public static SlugCache Load(string baseDirectory, long maxSize)
    {
        var cache = new SlugCache(baseDirectory);
        if (!File.Exists(cache._path) || new IO.ProjectBoundary(baseDirectory).Refusal(cache._path, namedByUser: false) is not null) return cache;
        var outcome = IO.BoundedFile.Read(cache._path, maxSize);
        if (outcome.Bytes is not { } bytes) return cache;
        try
        {
            using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8);
            if (reader.ReadLine() != Header) return cache;
            while (reader.ReadLine() is { } line)
            {
                var parts = line.Split('\t');
                if (parts.Length != 4
                    || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long length)
                    || !long.TryParse(parts[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long ticks))
                {
                    cache._entries.Clear();
                    return cache;
                }
                cache._entries[parts[0]] = (length, ticks, parts[3].Length == 0 ? null : parts[3]);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            cache._entries.Clear();
        }
        return cache;
    }

    /// <summary>The cached slug of <paramref name="fullPath"/> when its size and modification time still match.</summary>
    public bool TryGet(string fullPath, long length, long ticks, out string? slug)
    {
        slug = null;
        var key = Key(fullPath);
        if (key is null || !_entries.TryGetValue(key, out var entry) || entry.Length != length || entry.Ticks != ticks) return false;
        slug = entry.Slug;
        _seen[key] = entry;
        return true;
    }

    /// <summary>Records the slug just read from <paramref name="fullPath"/>.</summary>
    public void Set(string fullPath, long length, long ticks, string? slug)
    {
        var key = Key(fullPath);
        if (key is null || (slug is not null && (slug.Contains('\t') || slug.Contains('\n') || slug.Contains('\r')))) return;
        _seen[key] = (length, ticks, slug);
        _changed = true;
    }

    /// <summary>Writes the entries of this run (entries of files no longer in the corpus are dropped), if anything changed.</summary>
    public void Save()
    {
        if (!_changed && _seen.Count == _entries.Count) return;
        try
        {
            IO.AtomicFile.Write(_path, writer =>
            {
                writer.Write(Header);
                writer.Write('\n');
                foreach (var (key, entry) in _seen.OrderBy(e => e.Key, StringComparer.Ordinal))
                    writer.Write(string.Create(CultureInfo.InvariantCulture, $"{key}\t{entry.Length}\t{entry.Ticks}\t{entry.Slug}\n"));
            });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A read-only checkout: the next run scans again.
        }
    }

    private string? Key(string fullPath)
    {
        var relative = Lint.IO.PathText.ToSlashes(Path.GetRelativePath(_baseDirectory, fullPath));
        return relative.Contains('\t') || relative.Contains('\n') || relative.Contains('\r') ? null : relative;
    }
}
