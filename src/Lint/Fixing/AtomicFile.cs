namespace Lint.Fixing;

/// <summary>
/// Replaces a fixed file's content atomically (through <see cref="IO.AtomicFile"/>: a temporary file in the same folder,
/// flushed to disk, renamed over the original), only if the file is unchanged since it was read, keeping its
/// permissions and writing through a symbolic link to its target.
/// </summary>
public static class AtomicFile
{
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
        var bytes = content.ToArray();
        UnixFileMode? mode = OperatingSystem.IsWindows() ? null : File.GetUnixFileMode(target);
        IO.AtomicFile.WriteStream(target, stream => stream.Write(bytes), mode);
    }

    private static string ResolveTarget(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is null) return info.FullName;
        return info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName;
    }
}
