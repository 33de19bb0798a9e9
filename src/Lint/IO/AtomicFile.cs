using System.Text;

namespace Lint.IO;

/// <summary>
/// The one atomic-write helper: a file is written all at once, the content going to a temporary file in the same
/// folder, which then replaces the target by a rename. Readers see the old file or the new one, never a half-written
/// one, and a failure while writing leaves the old file as it was. Reports, baselines and the corpus index use
/// <see cref="Write"/>, <see cref="WriteAllText"/> and <see cref="WriteStream(string, Action{Stream}, UnixFileMode?)"/>;
/// <c>--fix</c> uses <see cref="Replace"/>, which also keeps what is not the fix's (permissions, owner, links) and
/// never overwrites a concurrent edit.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> as UTF-8 without a byte order mark.</summary>
    /// <exception cref="IOException">The folder does not exist, or the file cannot be written or replaced.</exception>
    /// <exception cref="UnauthorizedAccessException">The file or its folder is not writable.</exception>
    public static void WriteAllText(string path, string text) => Write(path, writer => writer.Write(text));

    /// <summary>
    /// Calls <paramref name="write"/> with a UTF-8 writer on a temporary file beside <paramref name="path"/>, then
    /// moves it over <paramref name="path"/>. If <paramref name="write"/> throws, the temporary file is removed, the
    /// target is untouched and the exception propagates.
    /// </summary>
    /// <exception cref="IOException">The folder does not exist, or the file cannot be written or replaced.</exception>
    /// <exception cref="UnauthorizedAccessException">The file or its folder is not writable.</exception>
    public static void Write(string path, Action<TextWriter> write) =>
        WriteStream(path, stream =>
        {
            using var writer = new StreamWriter(stream, Utf8NoBom, bufferSize: -1, leaveOpen: true);
            write(writer);
        });

    /// <summary>
    /// Calls <paramref name="write"/> with a temporary file beside <paramref name="path"/>, flushes it to disk, gives it
    /// <paramref name="mode"/> when set (Unix), then moves it over <paramref name="path"/>. If anything fails, the
    /// temporary file is removed, the target is untouched and the exception propagates.
    /// </summary>
    /// <exception cref="IOException">The folder does not exist, or the file cannot be written or replaced.</exception>
    /// <exception cref="UnauthorizedAccessException">The file or its folder is not writable.</exception>
    public static void WriteStream(string path, Action<Stream> write, UnixFileMode? mode = null) =>
        WriteStream(path, write, mode, TemporarySuffix, null);

    /// <summary>The end of the name of a temporary file of a report, baseline or cache write: <c>.NAME.RANDOM.lint.tmp</c>.</summary>
    public const string TemporarySuffix = ".lint.tmp";

    /// <summary>The end of the name of a temporary file of <c>--fix</c>: <c>.NAME.RANDOM.lint-fix.tmp</c>.</summary>
    public const string FixTemporarySuffix = ".lint-fix.tmp";

    private static readonly System.Text.RegularExpressions.Regex TemporaryName =
        new(@"^\..+\.[0-9a-f]{32}\.lint(-fix)?\.tmp\z", System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.NonBacktracking);

    /// <summary>Whether <paramref name="fileName"/> is the name of one of lint's temporary files (<c>.NAME.RANDOM.lint.tmp</c> or <c>.lint-fix.tmp</c>).</summary>
    public static bool IsTemporaryName(string fileName) => TemporaryName.IsMatch(fileName);

    /// <summary>
    /// Writes a temporary file beside <paramref name="path"/> named <c>.NAME.RANDOM{suffix}</c>, holding an exclusive
    /// lock on it while it lives (so that another run can tell a live one from a leftover), flushes it to disk, gives it
    /// <paramref name="mode"/>, lets <paramref name="beforeRename"/> check (it throws to cancel), then renames it over
    /// <paramref name="path"/>. On failure the temporary file is removed and the target is untouched.
    /// </summary>
    internal static void WriteStream(string path, Action<Stream> write, UnixFileMode? mode, string suffix, Action<string>? beforeRename)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new IOException($"{path} is a directory");
        var directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory)) throw new IOException($"cannot write {path}: the folder {directory} does not exist");
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}{suffix}");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                Posix.TryLockExclusive(stream.SafeFileHandle);
                write(stream);
                stream.Flush(flushToDisk: true);
                if (mode is { } m && !OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, m);
                // The last check (the fixer compares the file with what it read) comes right before the rename.
                beforeRename?.Invoke(temp);
                // The temporary file stays open (and locked) until it has replaced the target, except on Windows,
                // which cannot rename an open file.
                if (!OperatingSystem.IsWindows()) File.Move(temp, full, overwrite: true);
            }
            if (OperatingSystem.IsWindows()) File.Move(temp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }

    /// <summary>
    /// Removes the leftover temporary files among <paramref name="candidates"/> (names as <see cref="IsTemporaryName"/>
    /// recognises): those that no live lint process holds locked and that are older than a few seconds. Returns how
    /// many were removed; a file that cannot be removed is left.
    /// </summary>
    public static int RemoveLeftovers(IEnumerable<string> candidates)
    {
        int removed = 0;
        foreach (var file in candidates)
        {
            try
            {
                if (!IsTemporaryName(Path.GetFileName(file))) continue;
                var info = new FileInfo(file);
                if (!info.Exists || info.LinkTarget is not null || DateTime.UtcNow - info.LastWriteTimeUtc < TimeSpan.FromSeconds(5)) continue;
                using (var handle = File.OpenHandle(file, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete))
                {
                    // A run that is still writing holds the lock.
                    if (!Posix.TryLockExclusive(handle)) continue;
                    File.Delete(file);
                }
                removed++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        }
        return removed;
    }

    /// <summary>
    /// Replaces a fixed file's content atomically (<c>--fix</c>): writes <paramref name="content"/> over
    /// <paramref name="path"/> through a temporary file renamed over it, provided the file still holds
    /// <paramref name="expected"/> (the bytes the fix was computed from). In order:
    /// <list type="number">
    /// <item>a symbolic link is followed (its target is replaced, the link stays a link);</item>
    /// <item>before anything is written, the file must be a regular file with one name (a hard-linked file is refused:
    /// replacing it would split the links, leaving the other names with the old content) that the running user may
    /// write and whose mode grants write to someone (a 0444 file is read-only on purpose, even for root);</item>
    /// <item>an exclusive lock on the file is taken without waiting, so that of two <c>lint --fix</c> runs only one
    /// writes it (the other reports it as not written);</item>
    /// <item>the temporary file gets the original's mode, owner and group, or the fix is refused when the owner
    /// cannot be kept (a file of another user, without root);</item>
    /// <item>right before the rename, the file is compared with <paramref name="expected"/> once more and must still be
    /// the very file that was locked (an editor's save meanwhile is never overwritten).</item>
    /// </list>
    /// On failure the original is left as it was and no temporary file remains.
    /// </summary>
    /// <exception cref="IOException">The file changed since it was read, is locked by another run, or cannot be written or refused.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder or file is not writable.</exception>
    public static void Replace(string path, ReadOnlySpan<byte> expected, ReadOnlySpan<byte> content)
    {
        string target = ResolveTarget(path);
        if (!File.Exists(target)) throw new FileNotFoundException("the file no longer exists (it was removed or renamed while lint ran)");
        var before = Posix.Stat(target);
        if (before is { } b)
        {
            if (b.Kind != FileKind.Regular) throw new IOException($"it is {b.KindText}, not a regular file");
            if (b.Links > 1)
                throw new IOException($"the file has {b.Links} hard links; lint does not split them (the other names would keep the old content), so fix it by hand or remove the extra links");
            if ((b.Mode & 0b010_010_010) == 0)
                throw new UnauthorizedAccessException($"the file is read-only (mode {Convert.ToString(b.Mode, 8).PadLeft(4, '0')}); lint leaves it as it is");
        }
        if (!Posix.MayWrite(target)) throw new UnauthorizedAccessException("the file is not writable by the running user; lint leaves it as it is");
        var expectedBytes = expected.ToArray();
        var bytes = content.ToArray();
        // Opened for writing (never written through): an exclusive fcntl lock needs it.
        using var handle = File.OpenHandle(target, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        if (!Posix.TryLockExclusive(handle)) throw new IOException("another lint --fix run is writing this file at the same time; it was left to that run");
        try
        {
            var locked = Posix.Stat(handle);
            if (!SameFile(locked, Posix.Stat(target)) || !Holds(handle, expectedBytes))
                throw new IOException("the file changed while it was being fixed");
            UnixFileMode? mode = OperatingSystem.IsWindows() ? null : File.GetUnixFileMode(handle);
            WriteStream(target, stream => stream.Write(bytes), mode, FixTemporarySuffix, temp =>
            {
                if (locked is { } original && Posix.Stat(temp) is { } written && (written.Uid != original.Uid || written.Gid != original.Gid)
                    && !Posix.Chown(temp, original.Uid, original.Gid, out _))
                    throw new IOException($"the file belongs to user {original.Uid}, group {original.Gid}, which lint cannot give the fixed file (run lint as that user), so it was not fixed");
                BeforeFinalCheck.Value?.Invoke(target);
                // The last check, right before the rename: the path is still the locked file and holds what was linted.
                if (!SameFile(locked, Posix.Stat(target)) || !Holds(handle, expectedBytes))
                    throw new IOException("the file changed while it was being fixed");
            });
        }
        finally
        {
            Posix.Unlock(handle);
        }
    }

    /// <summary>Called (with the target path) after the temporary file is written, right before the final check. Tests use it to edit the file at that moment.</summary>
    internal static readonly AsyncLocal<Action<string>?> BeforeFinalCheck = new();

    private static bool SameFile(FileStat? a, FileStat? b) =>
        a is null || b is null || (a.Value.Device == b.Value.Device && a.Value.Inode == b.Value.Inode);

    /// <summary>Whether the open file holds exactly <paramref name="expected"/>.</summary>
    private static bool Holds(Microsoft.Win32.SafeHandles.SafeFileHandle handle, byte[] expected)
    {
        if (RandomAccess.GetLength(handle) != expected.Length) return false;
        var buffer = new byte[Math.Min(expected.Length + 1, 1 << 20)];
        long offset = 0;
        while (true)
        {
            int n = RandomAccess.Read(handle, buffer, offset);
            if (n == 0) return offset == expected.Length;
            if (offset + n > expected.Length || !buffer.AsSpan(0, n).SequenceEqual(expected.AsSpan((int)offset, n))) return false;
            offset += n;
        }
    }

    private static string ResolveTarget(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is null) return info.FullName;
        return info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName;
    }
}
