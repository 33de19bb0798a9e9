using Lint.Parsing;

namespace Lint.IO;

/// <summary>
/// The trust boundary: the project folder (the configuration's folder, or the working directory when there is no
/// configuration). A pull request controls the files, the configuration and the schema, so every file that those name
/// (corpus files, the schema and each file its <c>$ref</c>s load, <c>schemaMap</c> folders) must lie inside the
/// project once every symbolic link is resolved. A path typed on the command line (a target, <c>--baseline</c>,
/// <c>--config</c>) is the user's own choice and may lie outside; but below the project folder, no link may lead out.
/// </summary>
public sealed class ProjectBoundary
{
    private const int MaxLinkHops = 40;

    /// <summary>Creates the boundary of the project folder <paramref name="root"/>.</summary>
    public ProjectBoundary(string root)
    {
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        RealRoot = RealPath(Root);
    }

    /// <summary>The project folder as given (full path).</summary>
    public string Root { get; }

    /// <summary>The project folder with every link resolved; null when its links loop.</summary>
    public string? RealRoot { get; }

    /// <summary>Whether <paramref name="fullPath"/> is, as written, the project folder or below it.</summary>
    public bool ContainsLexically(string fullPath) => IsAtOrUnder(Path.GetFullPath(fullPath), Root);

    /// <summary>
    /// Null when <paramref name="fullPath"/> may be read; otherwise why not, in plain words naming the path and
    /// quoting nothing from any file. <paramref name="namedByUser"/>: the path was typed on the command line, so it may
    /// lie outside the project as written (but not lead out through a link below the project).
    /// </summary>
    public string? Refusal(string fullPath, bool namedByUser)
    {
        var full = Path.GetFullPath(fullPath);
        bool inside = IsAtOrUnder(full, Root);
        if (!inside)
            return namedByUser ? null : $"{Show(full)} lies outside the project ({Show(Root)}); lint reads only files inside the project";
        var real = RealPath(full);
        if (real is null) return $"{Show(full)} cannot be read: it is a symbolic link that loops (too many levels of symbolic links)";
        if (RealRoot is null || !IsAtOrUnder(real, RealRoot))
            return $"{Show(full)} is a symbolic link (or lies below one) that leads outside the project ({Show(Root)}); lint does not follow it";
        return null;
    }

    /// <summary>A path for a message: sanitized (a file name can hold control characters) and bounded.</summary>
    internal static string Show(string path) => Text.Sanitize(path, 300);

    internal static bool IsAtOrUnder(string path, string root) =>
        path == root || (path.Length > root.Length && path.StartsWith(root, StringComparison.Ordinal)
            && (path[root.Length] == Path.DirectorySeparatorChar || root.EndsWith(Path.DirectorySeparatorChar)));

    /// <summary>The path with every symbolic link resolved, or null when the links loop. Missing components are kept as they are.</summary>
    public static string? RealPath(string path)
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
            string? target;
            try
            {
                target = new FileInfo(candidate).LinkTarget;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                target = null;
            }
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
}

/// <summary>What reading one file gave: its bytes, or why there are none.</summary>
/// <param name="Bytes">The content, when it was read.</param>
/// <param name="TooLarge">Whether the file exceeds the size limit (it was not read, or not beyond the limit).</param>
/// <param name="Length">The file's size when it is known (from the file system).</param>
/// <param name="Problem">Why the file could not be read, in plain words, or null.</param>
/// <param name="Pooled">
/// Whether <paramref name="Bytes"/> was rented from <see cref="System.Buffers.ArrayPool{T}.Shared"/> (it may then be
/// longer than the file, which fills its first <paramref name="Length"/> bytes; the reader returns it).
/// </param>
internal readonly record struct ReadOutcome(byte[]? Bytes, bool TooLarge, long? Length, string? Problem, bool Pooled = false)
{
    /// <summary>The file's status, taken before it was opened, when the reader stat'ed the file itself (not through a link).</summary>
    public FileStat? Stat { get; init; }

    /// <summary>The file's content (the first <see cref="Length"/> bytes of a pooled buffer).</summary>
    public ReadOnlyMemory<byte> Content => Bytes is null ? default : Pooled ? Bytes.AsMemory(0, (int)Length!.Value) : Bytes;
}

/// <summary>
/// Reads a file within a budget: never more than a size limit (a link to an endless device cannot exhaust memory) and
/// only a regular file, checked before it is opened (opening a FIFO would block until a writer comes). Every failure
/// becomes a reason instead of an exception.
/// </summary>
internal static class BoundedFile
{
    /// <summary>The most bytes one read can hold: the largest .NET array.</summary>
    public static long MaxReadable => Array.MaxLength;

    /// <summary>Why <paramref name="fullPath"/> is not a regular file (a FIFO, a device, a socket, a folder), or null.</summary>
    public static string? NotRegular(string fullPath)
    {
        var stat = Posix.Stat(fullPath);
        if (stat is not { } s) return null;
        return s.Kind is FileKind.Regular or FileKind.Unknown ? null : $"it is {s.KindText}, not a regular file; lint reads regular files only";
    }

    /// <summary>Reads <paramref name="fullPath"/>, at most <paramref name="maxSize"/> bytes.</summary>
    /// <param name="fullPath">The file.</param>
    /// <param name="maxSize">The size limit in bytes.</param>
    /// <param name="pooled">Read into a buffer rented from the shared array pool when the size is known (see <see cref="ReadOutcome.Pooled"/>).</param>
    /// <param name="known">
    /// The status of the file itself (not through a link), taken just before: a regular file is then neither stat'ed
    /// again nor asked its length, and a file over the limit is not opened.
    /// </param>
    public static ReadOutcome Read(string fullPath, long maxSize, bool pooled = false, FileStat? known = null)
    {
        try
        {
            if (known is not { Kind: FileKind.Regular })
            {
                var notRegular = NotRegular(fullPath);
                if (notRegular is not null) return new ReadOutcome(null, false, null, "the file cannot be read: " + notRegular);
            }
            else if (known.Value.Size > maxSize || known.Value.Size > MaxReadable) return new ReadOutcome(null, true, known.Value.Size, null);
            // The common case, a regular file of known size within the limit: one array of the exact size, no copies.
            using (var handle = File.OpenHandle(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                long size = known is { Kind: FileKind.Regular } k ? k.Size : RandomAccess.GetLength(handle);
                if (size > maxSize || size > MaxReadable) return new ReadOutcome(null, true, size, null);
                if (size > 0)
                {
                    // One byte more than the file holds is asked for: a regular file reads short exactly at its end, so
                    // a file that is unchanged while it is read (neither shorter nor longer) takes one read.
                    var bytes = System.Buffers.ArrayPool<byte>.Shared.Rent((int)Math.Min(size + 1, MaxReadable));
                    int want = (int)Math.Min(size + 1, bytes.Length);
                    int filled = 0;
                    while (filled < want)
                    {
                        int n = RandomAccess.Read(handle, bytes.AsSpan(filled, want - filled), filled);
                        if (n == 0) break;
                        filled += n;
                        if (filled == size) break;
                    }
                    Span<byte> probe = stackalloc byte[1];
                    if (filled == size && (want > size || RandomAccess.Read(handle, probe, filled) == 0))
                    {
                        if (pooled) return new ReadOutcome(bytes, false, size, null, Pooled: true);
                        var exact = bytes.AsSpan(0, (int)size).ToArray();
                        System.Buffers.ArrayPool<byte>.Shared.Return(bytes);
                        return new ReadOutcome(exact, false, size, null);
                    }
                    // Changed while read: read it as a stream below.
                    System.Buffers.ArrayPool<byte>.Shared.Return(bytes);
                }
            }
            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.SequentialScan);
            if (stream.CanSeek && stream.Length > maxSize) return new ReadOutcome(null, true, stream.Length, null);
            // Read at most one byte past the limit: the length of a device or a pipe is not known in advance.
            long limit = Math.Min(maxSize, MaxReadable - 1L) + 1;
            var buffer = new MemoryStream(stream.CanSeek ? (int)Math.Min(stream.Length, limit) : 64 * 1024);
            var chunk = new byte[64 * 1024];
            while (buffer.Length < limit)
            {
                int read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, limit - buffer.Length));
                if (read == 0) break;
                buffer.Write(chunk, 0, read);
            }
            if (buffer.Length > maxSize || buffer.Length >= limit) return new ReadOutcome(null, true, null, null);
            return new ReadOutcome(buffer.ToArray(), false, buffer.Length, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException or OutOfMemoryException or OverflowException)
        {
            return new ReadOutcome(null, false, null, Describe(ex, fullPath));
        }
    }

    /// <summary>
    /// Reads a file that lint needs whole (the configuration, the schema, a baseline): inside the trust boundary, a
    /// regular file, at most <paramref name="maxSize"/> bytes. Otherwise throws the exception <paramref name="error"/>
    /// makes of a message that names the path and quotes nothing from the file.
    /// </summary>
    /// <param name="fullPath">The file.</param>
    /// <param name="what">What the file is, for messages ("the schema", "the baseline").</param>
    /// <param name="maxSize">The size limit in bytes.</param>
    /// <param name="boundary">The project's boundary, or null for none.</param>
    /// <param name="namedByUser">Whether the path was typed on the command line (it may then lie outside the project).</param>
    /// <param name="error">Makes the exception to throw.</param>
    public static byte[] ReadWhole(string fullPath, string what, long maxSize, ProjectBoundary? boundary, bool namedByUser, Func<string, Exception> error)
    {
        if (boundary?.Refusal(fullPath, namedByUser) is { } refusal) throw error($"{what} {refusal}");
        var outcome = Read(fullPath, maxSize);
        if (outcome.Bytes is { } bytes) return bytes;
        string shown = ProjectBoundary.Show(fullPath);
        if (outcome.TooLarge)
        {
            string size = outcome.Length is { } n ? $"{n} bytes" : "larger than that";
            throw error($"{what} {shown} is over the size limit of {Math.Min(maxSize, MaxReadable)} bytes ({size}); it was not read");
        }
        throw error($"{what} {shown}: {outcome.Problem}");
    }

    /// <summary>A failure in plain words, without the file's content.</summary>
    internal static string Describe(Exception ex, string fullPath) => ex switch
    {
        FileNotFoundException or DirectoryNotFoundException when NameIsNotUtf8(fullPath) =>
            "the file cannot be read: its name is not valid UTF-8 (lint shows the undecodable bytes as \uFFFD); rename it",
        FileNotFoundException or DirectoryNotFoundException => "the file cannot be read: it no longer exists (it was removed or renamed while lint ran)",
        PathTooLongException => $"the file cannot be read: its path is {System.Text.Encoding.UTF8.GetByteCount(fullPath)} bytes long, over the system's limit (PATH_MAX); move it to a shorter path",
        UnauthorizedAccessException when Directory.Exists(fullPath) => "the path is a directory, not a file",
        UnauthorizedAccessException => "the file cannot be read: permission denied",
        OutOfMemoryException or OverflowException => "the file cannot be read: it is too large to hold in memory",
        IOException io when io.Message.Contains("symbolic link", StringComparison.OrdinalIgnoreCase) => "the file cannot be read: it is a symbolic link that loops (too many levels of symbolic links)",
        IOException io when io.Message.Contains("name too long", StringComparison.OrdinalIgnoreCase) =>
            $"the file cannot be read: its path is {System.Text.Encoding.UTF8.GetByteCount(fullPath)} bytes long, over the system's limit (PATH_MAX); move it to a shorter path",
        _ => "the file cannot be read: " + Text.Sanitize(ex.Message.Replace(fullPath, "the file", StringComparison.Ordinal), 200),
    };

    /// <summary>
    /// Whether a path holds U+FFFD where no such file exists: .NET decodes a file name that is not valid UTF-8 with
    /// replacement characters, so the decoded name names no file.
    /// </summary>
    internal static bool NameIsNotUtf8(string fullPath) => fullPath.Contains('\uFFFD') && !File.Exists(fullPath) && !Directory.Exists(fullPath);
}

/// <summary>Paths as lint shows and matches them.</summary>
public static class PathText
{
    /// <summary>
    /// <paramref name="path"/> with <c>/</c> as the separator. Only on Windows is <c>\</c> a separator; elsewhere it is
    /// an ordinary character of a file name (<c>legacy\bad.json</c> is one file, not <c>legacy/bad.json</c>), so it is kept.
    /// </summary>
    public static string ToSlashes(string path) => OperatingSystem.IsWindows() ? path.Replace('\\', '/') : path;

    /// <summary>
    /// <see cref="Path.GetRelativePath(string, string)"/>, the same result, without normalizing both paths again when
    /// <paramref name="fullPath"/> is already a normalized path below a normalized <paramref name="baseDirectory"/>: what
    /// file discovery gives, once per corpus file (the normalization was a tenth of a warm one-file run at 10,000 files).
    /// Anything else (a <c>.</c> or <c>..</c> segment, a doubled separator, another folder, Windows) takes the general way.
    /// </summary>
    public static string Relative(string baseDirectory, string fullPath)
    {
        ArgumentNullException.ThrowIfNull(baseDirectory);
        ArgumentNullException.ThrowIfNull(fullPath);
        int length = baseDirectory.Length;
        if (length > 1 && baseDirectory[length - 1] == '/') length--;
        if (!OperatingSystem.IsWindows() && length > 0 && baseDirectory[0] == '/'
            && fullPath.Length > length + 1 && fullPath.StartsWith(baseDirectory.AsSpan(0, length), StringComparison.Ordinal)
            && (fullPath[length] == '/' || length == 1)
            && IsNormal(baseDirectory.AsSpan(0, length)) && IsNormal(fullPath))
            return fullPath[(length == 1 ? 1 : length + 1)..];
        return Path.GetRelativePath(baseDirectory, fullPath);
    }

    /// <summary>No empty, <c>.</c> or <c>..</c> segment after the first separator, and no trailing separator.</summary>
    private static bool IsNormal(ReadOnlySpan<char> path)
    {
        if (path.Length > 1 && path[^1] == '/') return false;
        int start = path.Length > 0 && path[0] == '/' ? 1 : 0;
        while (start <= path.Length)
        {
            int slash = path[start..].IndexOf('/');
            var segment = slash < 0 ? path[start..] : path.Slice(start, slash);
            if ((segment.Length == 0 && path.Length > 1) || segment is "." or "..") return false;
            if (slash < 0) break;
            start += slash + 1;
        }
        return true;
    }
}
