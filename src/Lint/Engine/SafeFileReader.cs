using Lint.IO;
using Lint.Parsing;

namespace Lint.Engine;

/// <summary>
/// Reads files for the engine without trusting them: never more than the size limit (a symbolic link to an endless
/// device cannot exhaust memory), never through a symbolic link that leads out of the project (a link committed to the
/// repository cannot make the linter quote files such as credentials into a CI log), and every failure becomes a
/// reason instead of an exception.
/// </summary>
internal sealed class SafeFileReader
{
    private readonly string _projectRoot;
    private readonly string? _realProjectRoot;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _folderIsLink = new(StringComparer.Ordinal);

    /// <param name="projectRoot">The project folder (the configuration's folder): links inside it may not lead out of it.</param>
    public SafeFileReader(string projectRoot)
    {
        _projectRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(projectRoot));
        _realProjectRoot = RealPath(_projectRoot);
    }

    /// <summary>Reads <paramref name="fullPath"/>, at most <paramref name="maxSize"/> bytes.</summary>
    /// <param name="fullPath">The file.</param>
    /// <param name="maxSize">The size limit in bytes.</param>
    /// <param name="pooled">Into a buffer rented from the shared array pool (<see cref="ReadOutcome.Pooled"/>; give it back with <see cref="Release"/>).</param>
    public ReadOutcome Read(string fullPath, long maxSize, bool pooled = false)
    {
        try
        {
            var refusal = CheckLinks(fullPath);
            if (refusal is not null) return new ReadOutcome(null, false, null, refusal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException)
        {
            return new ReadOutcome(null, false, null, BoundedFile.Describe(ex, fullPath));
        }
        return BoundedFile.Read(fullPath, maxSize, pooled);
    }

    /// <summary>Returns a pooled buffer of <paramref name="outcome"/> to the pool (nothing for an array of its own).</summary>
    public static void Release(in ReadOutcome outcome)
    {
        if (outcome.Pooled && outcome.Bytes is { } bytes) System.Buffers.ArrayPool<byte>.Shared.Return(bytes);
    }

    /// <summary>Whether <paramref name="fullPath"/> may be read at all (used before reading slugs for the corpus).</summary>
    public bool MayRead(string fullPath)
    {
        try
        {
            // A FIFO or a device is never opened: opening a FIFO blocks until a writer comes.
            return CheckLinks(fullPath) is null && BoundedFile.NotRegular(fullPath) is null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// Null when the path is fine; otherwise why it is refused. Only links at or below the project folder are checked:
    /// a file outside the project was named by the person running lint, not committed by a contributor.
    /// </summary>
    private string? CheckLinks(string fullPath)
    {
        // Outside the project as written: named on the command line by the person running lint (the configuration's
        // globs cannot leave the project; see GlobPatterns). A name such as "..x.json" is inside.
        if (!ProjectBoundary.IsAtOrUnder(fullPath, _projectRoot) || fullPath == _projectRoot) return null;
        var relative = Path.GetRelativePath(_projectRoot, fullPath);
        bool linked = false;
        string prefix = _projectRoot;
        var segments = relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < segments.Length && !linked; i++)
        {
            prefix = Path.Combine(prefix, segments[i]);
            // Folders are shared by many files: whether each is a link is asked once per run.
            linked = i < segments.Length - 1
                ? _folderIsLink.GetOrAdd(prefix, static folder => new FileInfo(folder).LinkTarget is not null)
                : new FileInfo(prefix).LinkTarget is not null;
        }
        if (!linked) return null;
        var real = RealPath(fullPath);
        if (real is null) return "the file cannot be read: it is a symbolic link that loops (too many levels of symbolic links)";
        if (_realProjectRoot is null || !IsUnder(real, _realProjectRoot))
            return "the file is a symbolic link (or lies below one) that leads outside the project; lint does not follow it";
        return null;
    }

    private static bool IsUnder(string path, string root) =>
        path.Length > root.Length && path.StartsWith(root, StringComparison.Ordinal) && (path[root.Length] == Path.DirectorySeparatorChar || root.EndsWith(Path.DirectorySeparatorChar));

    /// <summary>The path with every symbolic link resolved, or null when the links loop.</summary>
    internal static string? RealPath(string path) => ProjectBoundary.RealPath(path);
}
