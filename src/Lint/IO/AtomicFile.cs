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
    public static void WriteStream(string path, Action<Stream> write, UnixFileMode? mode = null)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new IOException($"{path} is a directory");
        var directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory)) throw new IOException($"cannot write {path}: the folder {directory} does not exist");
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            if (mode is { } m && !OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, m);
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }
}
