using Lint.Parsing;

namespace Lint.Engine;

/// <summary>What reading one file gave: its bytes, or why there are none.</summary>
/// <param name="Bytes">The content, when it was read.</param>
/// <param name="TooLarge">Whether the file exceeds the size limit (it was not read, or not beyond the limit).</param>
/// <param name="Length">The file's size when it is known (from the file system).</param>
/// <param name="Problem">Why the file could not be read, in plain words, or null.</param>
internal readonly record struct ReadOutcome(byte[]? Bytes, bool TooLarge, long? Length, string? Problem);

/// <summary>
/// Reads files for the engine without trusting them: never more than the size limit (a symbolic link to an endless
/// device cannot exhaust memory), never through a symbolic link that leads out of the project (a link committed to the
/// repository cannot make the linter quote files such as credentials into a CI log), and every failure becomes a
/// reason instead of an exception.
/// </summary>
internal sealed class SafeFileReader
{
    private const int MaxLinkHops = 40;
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
    public ReadOutcome Read(string fullPath, long maxSize)
    {
        try
        {
            var refusal = CheckLinks(fullPath);
            if (refusal is not null) return new ReadOutcome(null, false, null, refusal);
            // The common case, a regular file of known size within the limit: one array of the exact size, no copies.
            using (var handle = File.OpenHandle(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                long size = RandomAccess.GetLength(handle);
                if (size > maxSize) return new ReadOutcome(null, true, size, null);
                if (size > 0)
                {
                    var bytes = new byte[size];
                    int filled = 0;
                    while (filled < bytes.Length)
                    {
                        int n = RandomAccess.Read(handle, bytes.AsSpan(filled), filled);
                        if (n == 0) break;
                        filled += n;
                    }
                    Span<byte> probe = stackalloc byte[1];
                    // Unchanged while read (neither shorter nor longer): done. Otherwise read it as a stream below.
                    if (filled == bytes.Length && RandomAccess.Read(handle, probe, filled) == 0)
                        return new ReadOutcome(bytes, false, size, null);
                }
            }
            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.SequentialScan);
            if (stream.CanSeek && stream.Length > maxSize) return new ReadOutcome(null, true, stream.Length, null);
            // Read at most one byte past the limit: the length of a device or a pipe is not known in advance.
            long limit = Math.Min(maxSize, Array.MaxLength - 1L) + 1;
            var buffer = new MemoryStream(stream.CanSeek ? (int)Math.Min(stream.Length, limit) : 64 * 1024);
            var chunk = new byte[64 * 1024];
            while (buffer.Length < limit)
            {
                int read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, limit - buffer.Length));
                if (read == 0) break;
                buffer.Write(chunk, 0, read);
            }
            if (buffer.Length > maxSize) return new ReadOutcome(null, true, null, null);
            return new ReadOutcome(buffer.ToArray(), false, buffer.Length, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException)
        {
            return new ReadOutcome(null, false, null, Describe(ex, fullPath));
        }
    }

    /// <summary>Whether <paramref name="fullPath"/> may be read at all (used before reading slugs for the corpus).</summary>
    public bool MayRead(string fullPath)
    {
        try
        {
            return CheckLinks(fullPath) is null;
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
        var relative = Path.GetRelativePath(_projectRoot, fullPath);
        if (relative == "." || relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)) return null;
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

    /// <summary>The path with every symbolic link resolved, or null when the links loop. Missing components are kept as they are.</summary>
    internal static string? RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        string root = Path.GetPathRoot(full) ?? "/";
        var pending = new List<string>(full[root.Length..].Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries));
        pending.Reverse(); // a stack: the next segment is last
        string current = root;
        int hops = 0;
        while (pending.Count > 0)
        {
            var segment = pending[^1];
            pending.RemoveAt(pending.Count - 1);
            if (segment == ".") continue;
            if (segment == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }
            var candidate = Path.Combine(current, segment);
            string? target = new FileInfo(candidate).LinkTarget;
            if (target is null)
            {
                current = candidate;
                continue;
            }
            if (++hops > MaxLinkHops) return null;
            string targetFull = Path.IsPathRooted(target) ? target : Path.Combine(current, target);
            string targetRoot = Path.GetPathRoot(targetFull) ?? root;
            var parts = targetFull[targetRoot.Length..].Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
            for (int i = parts.Length - 1; i >= 0; i--) pending.Add(parts[i]);
            current = targetRoot;
        }
        return current;
    }

    private static string Describe(Exception ex, string fullPath) => ex switch
    {
        FileNotFoundException or DirectoryNotFoundException => "the file cannot be read: it no longer exists (it was removed or renamed while lint ran)",
        UnauthorizedAccessException when Directory.Exists(fullPath) => "the path is a directory, not a file",
        UnauthorizedAccessException => "the file cannot be read: permission denied",
        IOException io when io.Message.Contains("symbolic link", StringComparison.OrdinalIgnoreCase) => "the file cannot be read: it is a symbolic link that loops (too many levels of symbolic links)",
        _ => "the file cannot be read: " + Text.Sanitize(ex.Message.Replace(fullPath, "the file", StringComparison.Ordinal), 200),
    };
}
