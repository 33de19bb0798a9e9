namespace Lint.Fixing;

/// <summary>
/// Replaces a file's content atomically: the new bytes go to a temporary file in the same folder, are flushed to disk,
/// and the temporary file is renamed over the original. A reader sees the old content or the new one, never a part.
/// </summary>
public static class AtomicFile
{
    /// <summary>The suffix of temporary files (they are not <c>*.json</c>, so no run picks them up).</summary>
    public const string TemporarySuffix = ".lint-fix.tmp";

    /// <summary>
    /// Writes <paramref name="content"/> over <paramref name="path"/>, provided the file still holds
    /// <paramref name="expected"/> (the bytes the fix was computed from). A symbolic link is followed and its target
    /// replaced; the file's Unix permissions are kept. On failure the original is left as it was and no temporary
    /// file remains.
    /// </summary>
    /// <exception cref="IOException">The file changed since it was read, or it cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder or file is not writable.</exception>
    public static void Replace(string path, ReadOnlySpan<byte> expected, ReadOnlySpan<byte> content)
    {
        string target = ResolveTarget(path);
        var current = File.ReadAllBytes(target);
        if (!current.AsSpan().SequenceEqual(expected))
            throw new IOException("the file changed while it was being fixed");
        string directory = Path.GetDirectoryName(target) ?? ".";
        string temporary = Path.Combine(directory, "." + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N")[..12] + TemporarySuffix);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(target));
            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static string ResolveTarget(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is null) return info.FullName;
        return info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName;
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path)) File.Delete(path);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
