using System.Text;

namespace Lint.IO;

/// <summary>
/// Writes a file all at once: the content goes to a temporary file in the same folder, which then replaces the
/// target by a rename. Readers see the old file or the new one, never a half-written one, and a failure while
/// writing leaves the old file as it was.
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
}
